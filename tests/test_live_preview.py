"""The live preview's rules: POST only, those who may edit the story only, never cached or indexed."""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, EditorFactory, ReporterFactory

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
