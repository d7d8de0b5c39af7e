"""A reporter's story upload writes only what a reporter may write, and a draft import shows nothing."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import Article, Section
from authors.models import Author

from .admin_forms import messages_of, signed_in
from .factories import ActorFactory, AuthorFactory, EditorFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
IMPORT = reverse("admin:articles_article_import")
MORNING = datetime(2019, 12, 20, 9, 30, tzinfo=UTC)

# A story file as a reporter saves it from a web page: section, headline, paragraphs, byline, bio, page chrome.
STORY = """World

Libya: UN-Backed GNA Calls Out Allies For Security Support Against Haftar's Advance

Libya's United Nations-backed Government of National Accord has called out some of its allies for help.

Fayez Al-Sarraj has sent letters to the leaders of Italy, Algeria and Turkey.

Caroline Finnegan

A professional journalist for the past ten years, I cover global news for The Chief Observer.

Related Articles

Close
"""


def upload(text: str = STORY, name: str = "libya.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def test_reporter_import_naming_a_section_that_does_not_exist_is_refused_and_writes_nothing():
    AuthorFactory(name="Caroline Finnegan", bio="")
    response = signed_in(ReporterFactory()).post(IMPORT, {"files": [upload()]}, follow=True)
    [message] = messages_of(response)
    assert message.startswith("“libya.txt”: not imported. There is no section called “World”")
    assert "only editors add sections" in message
    assert not Section.objects.filter(name="World").exists()
    assert not Article.objects.exists()
    assert Author.objects.get(name="Caroline Finnegan").bio == ""
    assert "World" not in Client().get(reverse("articles:front")).content.decode()


def test_reporter_import_naming_a_new_author_is_refused():
    SectionFactory(name="World", slug="world")
    response = signed_in(ReporterFactory()).post(IMPORT, {"files": [upload()]}, follow=True)
    [message] = messages_of(response)
    assert "Caroline Finnegan is not an author in Newsroom yet and only editors add authors" in message
    assert not Author.objects.filter(name="Caroline Finnegan").exists()
    assert not Article.objects.exists()


def test_reporter_import_leaves_an_authors_empty_bio_alone():
    SectionFactory(name="World", slug="world")
    finnegan = AuthorFactory(name="Caroline Finnegan", bio="")
    response = signed_in(ReporterFactory()).post(IMPORT, {"files": [upload()]}, follow=True)
    [message] = messages_of(response)
    assert "(draft)" in message
    assert "The bio in the file was not given to Caroline Finnegan: only editors change an author's bio." in message
    finnegan.refresh_from_db()
    assert finnegan.bio == ""
    assert Article.objects.get().status == Article.Status.DRAFT


def test_reporter_reimporting_their_story_in_review_leaves_it_in_review():
    SectionFactory(name="World", slug="world")
    AuthorFactory(name="Caroline Finnegan")
    as_reporter = signed_in(ReporterFactory())
    as_reporter.post(IMPORT, {"files": [upload()]}, follow=True)
    article = Article.objects.get()
    as_reporter.post(CHANGELIST, {"action": "submit_for_review", "_selected_action": [article.pk]}, follow=True)
    changed = upload(STORY.replace("for help.", "for help at once."))
    response = as_reporter.post(IMPORT, {"files": [changed]}, follow=True)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert "for help at once." in article.body
    assert "(in review)" in messages_of(response)[0]


def test_a_draft_import_brings_nothing_to_the_site_until_its_story_is_published():
    ActorFactory(name="Fayez al-Sarraj", slug="fayez-al-sarraj", aliases="Al-Sarraj")
    as_editor, reader = signed_in(EditorFactory()), Client()
    with time_machine.travel(MORNING, tick=False) as clock:
        as_editor.post(IMPORT, {"files": [upload()]})
        article = Article.objects.get()
        assert article.status == Article.Status.DRAFT
        assert set(article.countries.values_list("code", flat=True)) >= {"LY", "IT"}
        hidden = [
            reverse("articles:section", kwargs={"slug": "world"}),
            reverse("articles:feed-section-rss", kwargs={"slug": "world"}),
            "/api/sections/world/",
            reverse("authors:detail", kwargs={"slug": "caroline-finnegan"}),
            "/api/authors/caroline-finnegan/",
            reverse("tagging:country", kwargs={"slug": "libya"}),
            reverse("tagging:actor", kwargs={"slug": "fayez-al-sarraj"}),
        ]
        for url in hidden:
            assert reader.get(url).status_code == 404, url
        front = reader.get(reverse("articles:front")).content.decode()
        assert 'href="/sections/world/"' not in front
        assert "world" not in [item["slug"] for item in reader.get("/api/sections/").json()["results"]]
        assert "/sections/world/" not in reader.get("/sitemap-sections.xml").content.decode()
        assert reader.get("/articles/", {"section": "world"}).context["filter"].errors

        clock.shift(timedelta(minutes=5))
        as_editor.post(CHANGELIST, {"action": "publish_now", "_selected_action": [article.pk]})
        for url in hidden:
            assert reader.get(url).status_code == 200, url
        assert 'href="/sections/world/"' in reader.get(reverse("articles:front")).content.decode()
        assert "world" in [item["slug"] for item in reader.get("/api/sections/").json()["results"]]
