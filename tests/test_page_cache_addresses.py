"""The page cache's addresses: only canonical ones and bounded entries are kept, one per scheme and Vary'd value.

These run against whatever cache the settings configure: real Redis when REDIS_URL is set,
local memory otherwise.
"""

import pytest
from django.urls import reverse

from .page_cache import _page_cache_on, kept, story, world  # noqa: F401  (fixtures and helpers)

pytestmark = pytest.mark.django_db


# --- What may enter the cache: canonical addresses, bounded entries -------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "?author=caroline-finnegan",
        "?section=world&author=caroline-finnegan",
        "?country=libya&actor=khalifa-haftar&ordering=oldest",
        "?published_after=2019-12-20",
        "?page=1",
    ],
)
def test_list_addresses_the_site_links_to_are_cached(client, story, query):
    assert kept(client, reverse("articles:list") + query)


def test_a_submitted_filter_form_shares_the_page_of_its_plain_address(client, story):
    plain = reverse("articles:list") + "?section=world&author=caroline-finnegan"
    submitted = reverse("articles:list") + "?q=&author=caroline-finnegan&section=world&country=&published_after="
    client.get(plain)
    response = client.get(submitted)
    assert response["X-Page-Cache"] == "hit"
    assert "Tripoli talks resume" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?author=nobody",  # an unknown author: the page says so, but it is not a page of its own
        "?author=somebody-else&author=caroline-finnegan",  # the form reads only the last one
        "?country=libya&country=libya",
        "?published_after=20/12/2019",  # a date the form understands, but not as the site writes it
        "?page=01",
        "?page=1&page=1",
        "?q=tripoli",  # searches are answered fresh: free text has no end
        "?utm_source=newsletter",
        "?author=caroline-finnegan&x=1",
    ],
)
def test_made_up_or_invalid_list_addresses_are_answered_but_not_kept(client, story, query):
    url = reverse("articles:list") + query
    first = client.get(url)
    assert first.status_code == 200
    assert "X-Page-Cache" not in first
    assert not kept(client, url)


def test_made_up_parameters_on_other_pages_are_answered_but_not_kept(client, story):
    for url in [
        story.get_absolute_url() + "?x=1",
        reverse("articles:front") + "?fbclid=abc",
        reverse("articles:feed-latest-rss") + "?x=1",
        "/sitemap-articles.xml?x=1",
        "/sitemap-articles.xml?p=01",
        reverse("authors:detail", kwargs={"slug": "caroline-finnegan"}) + "?page=1&x=1",
    ]:
        assert client.get(url).status_code == 200, url
        assert not kept(client, url), url


def test_sitemap_pages_and_paged_lists_are_kept_at_their_own_address(client, story):
    for url in [
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=1",
        reverse("authors:detail", kwargs={"slug": "caroline-finnegan"}) + "?page=1",
        reverse("tagging:actors") + "?page=1",
    ]:
        assert kept(client, url), url


def test_an_invalid_filter_is_counted_and_rendered_without_filling_the_cache(client, story):
    """The list's count and filter menus are kept per content version too: a made-up value keeps neither."""
    from django.core.cache import cache

    client.get(reverse("articles:list") + "?author=nobody-0")
    entries = len(cache._cache)  # LocMemCache's own store: what the cache holds
    for n in range(1, 20):
        assert "There is no author called" in client.get(f"/articles/?author=nobody-{n}").content.decode()
    assert len(cache._cache) == entries


def test_a_page_bigger_than_the_entry_limit_is_served_but_not_kept(client, story, settings):
    settings.PAGE_CACHE_MAX_ENTRY_BYTES = 2_000
    url = reverse("articles:list")
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.content) > 2_000
    assert "Tripoli talks resume" in response.content.decode()
    assert not kept(client, url)
    assert kept(client, "/robots.txt")  # smaller pages still are


# --- One entry per scheme and per Vary'd header value ---------------------------------------------


@pytest.fixture
def behind_a_tls_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.parametrize("first", ["https", "http"])
def test_a_page_cached_for_one_scheme_never_reaches_readers_of_the_other(client, story, behind_a_tls_proxy, first):
    other = {"https": "http", "http": "https"}[first]
    url = story.get_absolute_url()
    for scheme in (first, first, other, other):
        # A browser sends the same Host header whichever scheme it uses.
        content = client.get(url, headers={"Host": "testserver", "X-Forwarded-Proto": scheme}).content.decode()
        assert f'<link rel="canonical" href="{scheme}://testserver{url}">' in content
        assert f"{other if scheme == first else first}://testserver" not in content
    assert kept(client, url, Host="testserver", **{"X-Forwarded-Proto": "https"})
    assert kept(client, url, Host="testserver", **{"X-Forwarded-Proto": "http"})


def greeting(request):
    """A page in the reader's language (for the Vary tests)."""
    from django.http import HttpResponse
    from django.utils.cache import patch_vary_headers

    words = "bonjour" if request.headers.get("Accept-Language", "").startswith("fr") else "hello"
    response = HttpResponse(words)
    patch_vary_headers(response, ["Accept-Language"] if request.GET.get("vary") != "*" else ["*"])
    return response


def _urlpatterns():
    from django.urls import path

    from newsroom.urls import urlpatterns

    return [path("greeting/", greeting), *urlpatterns]


urlpatterns = _urlpatterns()


@pytest.mark.urls(__name__)
def test_a_page_that_varies_by_a_header_is_only_served_to_requests_with_the_same_value(client, story):
    assert client.get("/greeting/", headers={"Accept-Language": "en"}).content == b"hello"
    french = client.get("/greeting/", headers={"Accept-Language": "fr"})
    assert french.content == b"bonjour"
    assert french.get("X-Page-Cache") != "hit"
    again = client.get("/greeting/", headers={"Accept-Language": "en"})
    assert (again.content, again["X-Page-Cache"]) == (b"hello", "hit")


@pytest.mark.urls(__name__)
def test_a_page_that_varies_by_everything_is_never_kept(client, story):
    assert not kept(client, "/greeting/?vary=*")
