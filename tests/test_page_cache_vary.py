"""Every cacheable page varies on the same request headers, so shared caches treat them all alike."""

import pytest
from django.urls import reverse

from .factories import StaffFactory
from .page_cache import _page_cache_on, pages, story, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def every_kind(world, story) -> list[str]:
    return [
        *pages(world),
        story.get_absolute_url(),
        reverse("articles:feed-latest-atom"),
        reverse("sitemap-index"),
        reverse("sitemap-section", kwargs={"section": "articles"}),
        reverse("news-sitemap"),
        reverse("robots"),
    ]


def vary(response) -> frozenset[str]:
    return frozenset(name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip())


def test_vary_is_identical_on_every_cacheable_page_miss_or_hit(client, world, story):
    seen = {}
    for url in every_kind(world, story):
        for answer in ("miss", "hit"):
            response = client.get(url)
            assert response["X-Page-Cache"] == answer, url
            seen[(url, answer)] = vary(response)
    assert set(seen.values()) == {frozenset({"accept-encoding"})}, seen


def test_a_reader_with_stray_cookies_shares_the_cached_page(client, world, story):
    client.cookies["csrftoken"] = "a" * 32
    client.cookies["_ga"] = "GA1.2.3"
    for url in every_kind(world, story):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_signed_in_pages_are_private_so_no_shared_cache_keeps_them(client, world, story):
    client.force_login(StaffFactory())
    for url in every_kind(world, story):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"], url
        assert "X-Page-Cache" not in response and "Surrogate-Key" not in response, url
