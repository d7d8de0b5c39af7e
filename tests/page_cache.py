"""Fixtures and helpers of the page cache tests: a small world of one story, and cache probes."""

import pytest
from django.urls import reverse

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def world():
    return {
        "section": SectionFactory(name="World", slug="world"),
        "author": AuthorFactory(name="Caroline Finnegan", slug="caroline-finnegan"),
        "actor": ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar"),
        "country": CountryFactory(name="Libya", slug="libya", code="LY"),
    }


@pytest.fixture
def story(world):
    return ArticleFactory(
        headline="Tripoli talks resume",
        slug="tripoli-talks-resume",
        section=world["section"],
        authors=[world["author"]],
        actors=[world["actor"]],
        countries=[world["country"]],
    )


def pages(world) -> list[str]:
    return [
        reverse("articles:front"),
        reverse("articles:list"),
        reverse("articles:section", kwargs={"slug": "world"}),
        reverse("authors:detail", kwargs={"slug": "caroline-finnegan"}),
        reverse("tagging:actor", kwargs={"slug": "khalifa-haftar"}),
        reverse("tagging:country", kwargs={"slug": "libya"}),
        reverse("articles:feed-latest-rss"),
    ]


def warm(client, urls: list[str]) -> None:
    """Request every page twice, so the second answer comes from the cache."""
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def kept(client, url: str, **headers) -> bool:
    """Whether a second request for `url` comes from the cache."""
    client.get(url, headers=headers)
    return client.get(url, headers=headers).get("X-Page-Cache") == "hit"
