"""Editors import story files from the admin: same importer, same reports, same permissions."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from editorial.services.stories import StoryFormatError, story_file_import

from .factories import AuthorFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:articles_article_import")
GOOD = "World\n\nTalks resume in Cairo\n\nEgyptian and Libyan envoys met.\n\nAna Lima\n\nAna covers diplomacy.\n"


def upload(name: str, data: str | bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data.encode() if isinstance(data, str) else data, content_type="text/plain")


def editor(*codenames: str) -> Client:
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(user)
    return client


def test_the_article_list_links_to_the_import_page(admin_client):
    content = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert f'href="{IMPORT}"' in content
    assert "Import stories" in admin_client.get(IMPORT).content.decode()


def test_uploading_good_and_broken_files(admin_client):
    response = admin_client.post(
        IMPORT, {"files": [upload("cairo.txt", GOOD), upload("photo.txt", b"\x89PNG\x00\x00")]}, follow=True
    )
    content = response.content.decode()
    assert "“cairo.txt”: created “Talks resume in Cairo” (draft). Tagged: Egypt, Libya." in content
    assert "“photo.txt”: not imported. This is not a text file" in content
    article = Article.objects.get()
    assert not article.is_public
    assert set(article.countries.values_list("code", flat=True)) == {"EG", "LY"}


def test_imports_are_drafts_unless_an_editor_ticks_publish(admin_client):
    form = admin_client.get(IMPORT).context["form"]
    assert not form["publish"].initial
    response = admin_client.post(IMPORT, {"files": [upload("cairo.txt", GOOD)], "publish": "on"}, follow=True)
    assert "“cairo.txt”: created “Talks resume in Cairo” (published)." in response.content.decode()
    assert Article.objects.get().is_public


def test_a_publication_time_without_publish_is_refused_and_imports_nothing(admin_client):
    response = admin_client.post(
        IMPORT, {"files": [upload("cairo.txt", GOOD)], "published_at_0": "2019-12-20", "published_at_1": "09:30"}
    )
    assert response.status_code == 200
    assert "Tick “Publish them” to publish at this time" in response.content.decode()
    assert not Article.objects.exists()


def test_uploading_again_updates_without_unpublishing(admin_client):
    admin_client.post(IMPORT, {"files": [upload("cairo.txt", GOOD)], "publish": "on"})
    changed = GOOD.replace("envoys met.", "envoys met on Monday.")
    response = admin_client.post(IMPORT, {"files": [upload("cairo.txt", changed)]}, follow=True)
    assert "“cairo.txt”: updated “Talks resume in Cairo” (published)." in response.content.decode()
    article = Article.objects.get()
    assert article.is_public
    assert "on Monday" in article.body


def test_uploading_an_unchanged_file_again_changes_nothing(admin_client):
    admin_client.post(IMPORT, {"files": [upload("cairo.txt", GOOD)]})
    article = Article.objects.get()
    revisions = Version.objects.get_for_object(article).count()
    response = admin_client.post(IMPORT, {"files": [upload("cairo.txt", GOOD)]}, follow=True)
    assert "is already in Newsroom as the file has it; nothing was changed." in response.content.decode()
    again = Article.objects.get()
    assert (again.version, again.updated_at, again.status) == (article.version, article.updated_at, article.status)
    assert Version.objects.get_for_object(again).count() == revisions


def test_no_file_chosen_shows_the_form_again(admin_client):
    response = admin_client.post(IMPORT, {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_a_file_over_a_megabyte_is_refused(admin_client):
    response = admin_client.post(IMPORT, {"files": [upload("big.txt", GOOD + "x" * 1_000_001)]}, follow=True)
    assert "“big.txt”: not imported. The file is larger than 1 MB" in response.content.decode()
    assert not Article.objects.exists()


def test_editors_who_may_not_publish_import_drafts():
    SectionFactory(name="World")
    AuthorFactory(name="Ana Lima")
    client = editor("view_article", "add_article", "change_article")
    content = client.get(IMPORT).content.decode()
    assert "imported stories stay drafts" in content
    assert 'name="publish"' not in content
    client.post(IMPORT, {"files": [upload("cairo.txt", GOOD)], "publish": "on"})
    assert Article.objects.get().status == Article.Status.DRAFT


def test_the_import_page_needs_permission_to_add_and_change_articles():
    client = editor("view_article", "change_article")
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"files": [upload("cairo.txt", GOOD)]}).status_code == 403
    assert not Article.objects.exists()


def test_the_import_form_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.post(IMPORT, {"files": [upload("cairo.txt", GOOD)]}).status_code == 403
    assert not Article.objects.exists()


def test_story_file_import_service_refuses_without_writing():
    with pytest.raises(StoryFormatError, match="empty"):
        story_file_import(data=b"")
    assert not Article.objects.exists()


def test_a_publication_time_can_be_given(admin_client):
    admin_client.post(
        IMPORT,
        {
            "files": [upload("cairo.txt", GOOD)],
            "publish": "on",
            "published_at_0": "2019-12-20",
            "published_at_1": "09:30",
        },
    )
    published_at = Article.objects.get().published_at
    assert (published_at.year, published_at.month, published_at.day) == (2019, 12, 20)
