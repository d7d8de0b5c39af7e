"""Reporters write, editors publish: through the admin form, the admin actions and hand-made POSTs."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from articles.models import Article

from .admin_forms import admin_form_data, change_url
from .factories import ArticleFactory, AuthorFactory, EditorFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")


@pytest.fixture
def reporter(client):
    user = ReporterFactory()
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    user = EditorFactory()
    client.force_login(user)
    return user


def own_draft(user, **kwargs):
    article = ArticleFactory(draft=True, **kwargs)
    article.created_by = user
    article.save()
    return article


def new_article_data(section, author, **overrides):
    data = {
        "headline": "Tripoli talks resume",
        "slug": "tripoli-talks-resume",
        "section": section.pk,
        "dek": "",
        "body": "<p>Talks resumed.</p>",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "actors": "",
        "countries": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-0-author": author.pk,
        "bylines-0-position": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return data | overrides


def test_roles_are_groups_and_only_editors_hold_the_publish_permission():
    reporter = Group.objects.get(name="Reporter")
    editor = Group.objects.get(name="Editor")
    assert not reporter.permissions.filter(codename="publish_article").exists()
    assert editor.permissions.filter(codename="publish_article").exists()
    assert reporter.permissions.filter(codename="add_article").exists()
    assert not reporter.permissions.filter(codename="change_section").exists()
    assert editor.permissions.filter(codename="change_section").exists()
    assert editor.permissions.filter(codename="change_author").exists()


def test_reporter_writes_a_draft_and_submits_it_for_review(client, reporter):
    section, author = SectionFactory(), AuthorFactory()
    response = client.post(ADD, new_article_data(section, author, status="review"))
    assert response.status_code == 302
    article = Article.objects.get(slug="tripoli-talks-resume")
    assert article.status == Article.Status.REVIEW
    assert article.created_by == reporter


def test_reporter_cannot_publish_a_new_article_through_the_form(client, reporter):
    section, author = SectionFactory(), AuthorFactory()
    response = client.post(ADD, new_article_data(section, author, status="published"))
    assert response.status_code == 200
    assert "Only editors can publish" in response.content.decode()
    assert not Article.objects.exists()


def test_reporter_cannot_publish_their_draft_through_the_change_form(client, reporter):
    article = own_draft(reporter)
    page = client.get(change_url(article))
    assert page.status_code == 200
    assert '<option value="published"' not in page.content.decode()
    data = admin_form_data(page) | {"status": "published"}
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Only editors can publish" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not Article.objects.published().exists()


def test_reporter_cannot_publish_with_the_action(client, reporter):
    article = own_draft(reporter)
    actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert "publish_now" not in [name for name, _ in actions]
    response = client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [article.pk]}, follow=True)
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_reporter_cannot_edit_a_published_story_or_someone_elses_draft(client, reporter):
    published = ArticleFactory(headline="Original")
    published.created_by = reporter
    published.save()
    other = ArticleFactory(draft=True, headline="Not yours")
    for article in (published, other):
        page = client.get(change_url(article))
        assert page.status_code == 200  # read-only view
        assert page.context["has_change_permission"] is False
        forged = {
            "headline": "Hijacked",
            "slug": article.slug,
            "section": article.section_id,
            "body": "<p>x</p>",
            "status": "published",
            "version_loaded": article.version,
        }
        assert client.post(change_url(article), forged).status_code == 403
        article.refresh_from_db()
        assert article.headline != "Hijacked"


def test_reporter_can_edit_a_draft_credited_to_their_author_profile(client, reporter):
    author = AuthorFactory(user=reporter)
    article = ArticleFactory(draft=True, authors=[author])
    page = client.get(change_url(article))
    data = admin_form_data(page) | {"headline": "Better headline"}
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Better headline"


def test_reporter_cannot_delete_or_make_preview_links(client, reporter):
    article = own_draft(reporter)
    assert client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}).status_code == 403
    assert client.post(reverse("admin:articles_article_preview_link", args=[article.pk])).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_reporter_cannot_manage_sections(client, reporter):
    assert client.get(reverse("admin:articles_section_add")).status_code == 403


def test_editor_publishes_through_the_form(client, editor):
    article = ArticleFactory(review=True)
    data = admin_form_data(client.get(change_url(article))) | {"status": "published"}
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.updated_by == editor


def test_editor_publishes_and_unpublishes_with_the_actions(client, editor):
    article = ArticleFactory(review=True)
    client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.is_public
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_editor_publishes_a_new_article_directly(client, editor):
    section, author = SectionFactory(), AuthorFactory()
    data = new_article_data(section, author, status="published", published_at_0="2020-01-02", published_at_1="10:00")
    assert client.post(ADD, data).status_code == 302
    assert Article.objects.published().filter(slug="tripoli-talks-resume").exists()


def test_a_published_story_goes_back_to_draft_not_to_review(client, editor):
    article = ArticleFactory()
    data = admin_form_data(client.get(change_url(article))) | {"status": "review"}
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "unpublish it (back to draft) first" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_reporter_submits_drafts_for_review_with_the_action(client, reporter):
    mine, other = own_draft(reporter), ArticleFactory(draft=True)
    response = client.post(
        CHANGELIST, {"action": "submit_for_review", "_selected_action": [mine.pk, other.pk]}, follow=True
    )
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.status == Article.Status.REVIEW
    assert other.status == Article.Status.DRAFT
    assert "only your own drafts" in response.content.decode()


def test_change_list_says_when_a_story_is_scheduled(client, editor):
    article = ArticleFactory(scheduled=True)
    ArticleFactory(draft=True, headline="A draft")
    content = client.get(CHANGELIST).content.decode()
    assert '<span class="status-badge status-scheduled">Scheduled</span>' in content
    assert f'<time datetime="{article.published_at.isoformat()}">for ' in content
    assert article.headline in content


def test_a_reporter_cannot_overwrite_a_published_story_by_importing_its_file(client, reporter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    story = "World\n\nTalks resume in Cairo\n\nEgyptian and Libyan envoys met.\n\nAna Lima\n"
    SectionFactory(name="World")
    published = ArticleFactory(
        headline="Talks resume in Cairo", body="<p>The editor's text.</p>", authors=[AuthorFactory(name="Ana Lima")]
    )
    upload = SimpleUploadedFile("cairo.txt", story.encode(), content_type="text/plain")
    response = client.post(reverse("admin:articles_article_import"), {"files": [upload]}, follow=True)
    assert "you may not change it: ask an editor" in response.content.decode()
    published.refresh_from_db()
    assert published.is_public
    assert published.body == "<p>The editor's text.</p>"
    # Their own new story imports as a draft they can go on editing.
    other = SimpleUploadedFile("new.txt", story.replace("Cairo", "Tunis").encode(), content_type="text/plain")
    client.post(reverse("admin:articles_article_import"), {"files": [other]})
    mine = Article.objects.get(headline="Talks resume in Tunis")
    assert mine.status == Article.Status.DRAFT and mine.created_by == reporter


def test_reporter_cannot_set_the_publication_time_an_editor_then_publishes_with(client, reporter):
    article = own_draft(reporter)
    data = admin_form_data(client.get(change_url(article))) | {
        "published_at_0": "2019-01-02",
        "published_at_1": "08:00",
        "status": "review",
    }
    with time_machine.travel(datetime(2019, 12, 20, 9, 30, tzinfo=UTC), tick=False):
        assert client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert article.published_at is None
        editor = Client()
        editor.force_login(EditorFactory())
        editor.post(CHANGELIST, {"action": "publish_now", "_selected_action": [article.pk]})
        article.refresh_from_db()
        assert article.published_at == datetime(2019, 12, 20, 9, 30, tzinfo=UTC)
