"""Nothing unpublished reaches a reader: drafts, stories in review and scheduled stories."""

import pytest
from django.urls import reverse

from articles.models import Article

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

pytestmark = pytest.mark.django_db

HIDDEN_KINDS = ["draft", "review", "scheduled", "embargoed"]


@pytest.fixture
def world():
    section = SectionFactory(name="World", slug="world")
    author = AuthorFactory(name="Caroline Finnegan", slug="caroline-finnegan")
    actor = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
    country = CountryFactory(name="Libya", slug="libya", code="LY")
    visible = ArticleFactory(
        headline="Visible story", section=section, authors=[author], actors=[actor], countries=[country]
    )
    return {"section": section, "author": author, "actor": actor, "country": country, "visible": visible}


def public_pages(world):
    return [
        reverse("articles:front"),
        reverse("articles:list"),
        reverse("articles:list") + "?q=story",
        reverse("articles:section", kwargs={"slug": "world"}),
        reverse("authors:detail", kwargs={"slug": "caroline-finnegan"}),
        reverse("tagging:actor", kwargs={"slug": "khalifa-haftar"}),
        reverse("tagging:country", kwargs={"slug": "libya"}),
        world["visible"].get_absolute_url(),  # its related articles
    ]


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_unpublished_story_is_on_no_public_page(client, world, kind):
    ArticleFactory(
        headline=f"Secret {kind} story",
        section=world["section"],
        authors=[world["author"]],
        actors=[world["actor"]],
        countries=[world["country"]],
        **{kind: True},
    )
    for url in public_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Visible story" in response.content.decode() or url == world["visible"].get_absolute_url()
        assert f"Secret {kind} story" not in response.content.decode(), url


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_unpublished_story_is_404_for_readers(client, kind):
    article = ArticleFactory(**{kind: True})
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert article.headline not in response.content.decode()


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_staff_preview_unpublished_story_with_banner(staff_client, kind):
    article = ArticleFactory(**{kind: True})
    response = staff_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Preview — not published" in response.content.decode()


def test_published_story_has_no_preview_banner(staff_client):
    article = ArticleFactory()
    response = staff_client.get(article.get_absolute_url())
    assert "Preview — not published" not in response.content.decode()


def test_published_gate_counts_only_public_articles():
    ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(review=True)
    ArticleFactory(scheduled=True)
    ArticleFactory(embargoed=True)
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)
    assert Article.objects.published().count() == 1


def test_unknown_pages_are_404(client):
    for url in ["/articles/nope/", "/sections/nope/", "/authors/nope/", "/actors/nope/", "/countries/nope/"]:
        assert client.get(url).status_code == 404, url
