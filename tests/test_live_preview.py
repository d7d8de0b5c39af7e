"""The live preview's rules: POST only, those who may edit the story only, never cached or indexed; it shows the
unsaved bylines and tags as readers will see them."""

import re

import pytest

from articles.models import Article
from tagging.models import Actor
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CountryFactory,
    EditorFactory,
    ReporterFactory,
)

pytestmark = pytest.mark.django_db


def posted(article: Article, **changes) -> dict:
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "section": article.section_id,
        "status": article.status,
        "version_loaded": article.version,
        "actors": "",
        "countries": "",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def url(article):
    return f"/admin/articles/article/{article.pk}/live-preview/"


def test_an_editor_sees_the_unsaved_headline_uncached_and_unindexed(client):
    article = ArticleFactory(draft=True, headline="Budget talks", slug="budget-talks")
    client.force_login(EditorFactory())
    response = client.post(url(article), posted(article, headline="Budget talks collapse"))
    assert response.status_code == 200
    assert "<h1" in response.content.decode() and "Budget talks collapse" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    article.refresh_from_db()
    assert article.headline == "Budget talks"
    assert client.get(url(article)).status_code == 405


def test_a_reporter_previews_their_own_story_but_not_a_colleagues(client):
    reporter = ReporterFactory()
    own = ArticleFactory(draft=True, headline="Mine", slug="mine", created_by=reporter)
    other = ArticleFactory(draft=True, headline="Theirs", slug="theirs")
    client.force_login(reporter)
    assert client.post(url(own), posted(own, headline="Mine, rewritten")).status_code == 200
    assert client.post(url(other), posted(other, headline="Theirs, rewritten")).status_code == 403
    assert Article.objects.get(pk=other.pk).headline == "Theirs"


def _reader_text(html: str) -> str:
    """The page's text as a reader reads it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_preview_shows_unsaved_bylines_in_their_new_order_and_unsaved_tags_and_saves_none(client):
    finnegan = AuthorFactory(name="Caroline Finnegan", slug="caroline-finnegan")
    osei = AuthorFactory(name="Kwame Osei", slug="kwame-osei")
    haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
    libya = CountryFactory(name="Libya", slug="libya", code="LY")
    CountryFactory(name="Egypt", slug="egypt", code="EG")
    article = ArticleFactory(
        draft=True, headline="Budget talks", slug="budget-talks", authors=[finnegan], actors=[haftar], countries=[libya]
    )
    byline = article.bylines.get()
    client.force_login(EditorFactory())
    changes = {
        # Kwame Osei added, and moved above Caroline Finnegan (the editor's page numbers the rows in order).
        "bylines-TOTAL_FORMS": "2",
        "bylines-INITIAL_FORMS": "1",
        "bylines-0-id": str(byline.pk),
        "bylines-0-article": str(article.pk),
        "bylines-0-author": str(finnegan.pk),
        "bylines-0-position": "1",
        "bylines-1-article": str(article.pk),
        "bylines-1-author": str(osei.pk),
        "bylines-1-position": "0",
        "actors": "Khalifa Haftar, Government of National Accord",
        "countries": "Libya, egypt",
    }
    response = client.post(url(article), posted(article, **changes))
    assert response.status_code == 200
    text = _reader_text(response.content.decode())
    assert "By Kwame Osei and Caroline Finnegan" in text
    assert "Who: Khalifa Haftar Government of National Accord" in text
    assert "Where: Libya Egypt" in text
    assert "About Kwame Osei" in response.content.decode()  # his author box, as on the published page

    # Nothing was saved: no byline, no actor, no tag.
    assert [b.author_id for b in article.bylines.all()] == [finnegan.pk]
    assert not Actor.objects.filter(name="Government of National Accord").exists()
    assert list(article.countries.names()) == ["Libya"]


def test_a_removed_byline_and_tag_leave_the_preview(client):
    finnegan = AuthorFactory(name="Caroline Finnegan", slug="caroline-finnegan")
    osei = AuthorFactory(name="Kwame Osei", slug="kwame-osei")
    haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
    article = ArticleFactory(draft=True, headline="Budget talks", slug="budget-talks", authors=[finnegan, osei])
    article.actors.add(haftar)
    first, second = article.bylines.order_by("position")
    client.force_login(EditorFactory())
    changes = {
        "bylines-TOTAL_FORMS": "2",
        "bylines-INITIAL_FORMS": "2",
        **{
            f"bylines-{i}-{key}": value
            for i, b in enumerate([first, second])
            for key, value in {
                "id": str(b.pk),
                "article": str(article.pk),
                "author": str(b.author_id),
                "position": str(i),
            }.items()
        },
        "bylines-0-DELETE": "on",
        "actors": "",
    }
    text = _reader_text(client.post(url(article), posted(article, **changes)).content.decode())
    assert "By Kwame Osei" in text and "Caroline Finnegan" not in text
    assert "Khalifa Haftar" not in text
    assert article.bylines.count() == 2 and list(article.actors.names()) == ["Khalifa Haftar"]


def test_bylines_that_do_not_validate_leave_the_saved_ones_in_the_preview(client):
    finnegan = AuthorFactory(name="Caroline Finnegan", slug="caroline-finnegan")
    article = ArticleFactory(draft=True, headline="Budget talks", slug="budget-talks", authors=[finnegan])
    client.force_login(EditorFactory())
    changes = {
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-0-article": str(article.pk),
        "bylines-0-author": "999999",  # no such author
        "bylines-0-position": "0",
    }
    text = _reader_text(client.post(url(article), posted(article, **changes)).content.decode())
    assert "By Caroline Finnegan" in text
