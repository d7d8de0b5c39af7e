"""The page cache as readers and editors meet it: every change shows on the very next request.

These run against whatever cache the settings configure: real Redis when REDIS_URL is set,
local memory otherwise.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Byline
from editorial.services.publishing import articles_publish, articles_unpublish

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

pytestmark = pytest.mark.django_db


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


def test_second_anonymous_request_is_served_from_the_cache_without_queries(client, story, django_assert_num_queries):
    first = client.get(story.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(story.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_a_draft_shows_on_every_page_at_once(client, world, story):
    draft = ArticleFactory(
        headline="Ceasefire signed in Geneva",
        section=world["section"],
        authors=[world["author"]],
        actors=[world["actor"]],
        countries=[world["country"]],
        draft=True,
    )
    warm(client, pages(world))
    assert client.get(draft.get_absolute_url()).status_code == 404

    articles_publish(articles=[draft])

    for url in pages(world):
        assert "Ceasefire signed in Geneva" in client.get(url).content.decode(), url
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_unpublishing_removes_the_story_from_every_page_at_once(client, world, story):
    warm(client, [*pages(world), story.get_absolute_url()])

    articles_unpublish(articles=[story])

    for url in pages(world):
        assert "Tripoli talks resume" not in client.get(url).content.decode(), url
    assert client.get(story.get_absolute_url()).status_code == 404


def test_edited_headline_shows_on_the_next_request(admin_client, client, world, story):
    warm(client, [*pages(world), story.get_absolute_url()])

    story.headline = "Tripoli talks collapse"
    story.save()

    for url in [*pages(world), story.get_absolute_url()]:
        content = client.get(url).content.decode()
        assert "Tripoli talks collapse" in content, url
        assert "Tripoli talks resume" not in content, url


def test_retagging_moves_the_story_between_actor_pages(client, world, story):
    sarraj = ActorFactory(name="Fayez al-Sarraj", slug="fayez-al-sarraj")
    ArticleFactory(headline="Sarraj writes to allies", actors=[sarraj])  # so his page exists
    haftar_page = reverse("tagging:actor", kwargs={"slug": "khalifa-haftar"})
    sarraj_page = reverse("tagging:actor", kwargs={"slug": "fayez-al-sarraj"})
    warm(client, [haftar_page, sarraj_page, story.get_absolute_url()])

    story.actors.set([sarraj])

    assert "Tripoli talks resume" not in client.get(haftar_page).content.decode()
    assert "Tripoli talks resume" in client.get(sarraj_page).content.decode()
    assert "Fayez al-Sarraj" in client.get(story.get_absolute_url()).content.decode()


def test_changing_the_byline_moves_the_story_between_author_pages(client, world, story):
    other = AuthorFactory(name="Samer Al-Atrush", slug="samer-al-atrush")
    ArticleFactory(headline="Another story of his", authors=[other])  # so his page exists
    finnegan_page = reverse("authors:detail", kwargs={"slug": "caroline-finnegan"})
    other_page = reverse("authors:detail", kwargs={"slug": "samer-al-atrush"})
    warm(client, [finnegan_page, other_page, story.get_absolute_url()])

    byline = Byline.objects.get(article=story)
    byline.author = other
    byline.save()

    assert "Tripoli talks resume" not in client.get(finnegan_page).content.decode()
    assert "Tripoli talks resume" in client.get(other_page).content.decode()
    assert "Samer Al-Atrush" in client.get(story.get_absolute_url()).content.decode()


def test_editor_saving_in_the_admin_shows_on_the_next_request(admin_client, client, world, story):
    warm(client, [story.get_absolute_url(), reverse("articles:list")])
    url = reverse("admin:articles_article_change", args=[story.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "lead_image"}
    data.update(
        headline="Tripoli talks: a breakthrough",
        actors="Khalifa Haftar",
        countries="Libya",
        published_at_0=story.published_at.strftime("%Y-%m-%d"),
        published_at_1=story.published_at.strftime("%H:%M:%S"),
        **{
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "1",
            "bylines-MIN_NUM_FORMS": "0",
            "bylines-MAX_NUM_FORMS": "1000",
            "bylines-0-id": str(story.bylines.get().pk),
            "bylines-0-article": str(story.pk),
            "bylines-0-author": str(world["author"].pk),
            "bylines-0-position": "0",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response

    assert "Tripoli talks: a breakthrough" in client.get(story.get_absolute_url()).content.decode()
    assert "Tripoli talks: a breakthrough" in client.get(reverse("articles:list")).content.decode()


def test_scheduled_story_appears_at_its_time_although_pages_were_cached(client, world, story, monkeypatch):
    publish_at = timezone.now() + timedelta(hours=2)
    ArticleFactory(headline="Election results are in", section=world["section"], published_at=publish_at)
    warm(client, pages(world))
    assert "Election results are in" not in client.get(reverse("articles:list")).content.decode()

    later = publish_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "Election results are in" in client.get(reverse("articles:list")).content.decode()
    assert "Election results are in" in client.get(reverse("articles:front")).content.decode()


def test_staff_preview_of_a_draft_is_private_and_never_reaches_readers(staff_client, client, world):
    draft = ArticleFactory(headline="Secret draft", section=world["section"], draft=True)

    preview = staff_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "private" in preview["Cache-Control"]
    assert "X-Page-Cache" not in preview

    staff_client.logout()
    client.cookies.clear()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Secret draft" not in client.get(reverse("articles:list")).content.decode()


def test_logged_in_staff_always_get_fresh_pages(staff_client, story):
    staff_client.get(story.get_absolute_url())
    response = staff_client.get(story.get_absolute_url())
    assert "X-Page-Cache" not in response


def test_repeated_conditional_get_is_answered_304_with_at_most_one_query(client, story, django_assert_max_num_queries):
    first = client.get(story.get_absolute_url())
    assert first["ETag"] and first["Last-Modified"]
    with django_assert_max_num_queries(1):
        again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again.content == b""
    by_date = client.get(story.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304


def test_conditional_get_after_a_change_gets_the_new_page(client, story):
    first = client.get(story.get_absolute_url())
    story.headline = "Tripoli talks collapse"
    story.save()
    again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "Tripoli talks collapse" in again.content.decode()
    assert again["ETag"] != first["ETag"]


def test_conditional_get_works_with_the_page_cache_off(client, story, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE = False
    first = client.get(story.get_absolute_url())
    assert "X-Page-Cache" not in first
    with django_assert_max_num_queries(1):
        assert client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_page_cache_off_renders_every_request(client, story, settings):
    settings.PAGE_CACHE = False
    client.get(reverse("articles:list"))
    assert "X-Page-Cache" not in client.get(reverse("articles:list"))
    Article.objects.filter(pk=story.pk).update(headline="Changed behind the cache's back")
    assert "Changed behind the cache&#x27;s back" in client.get(reverse("articles:list")).content.decode()


def test_not_found_pages_are_not_cached(client, story):
    client.get("/articles/no-such-story/")
    ArticleFactory(headline="Now it exists", slug="no-such-story")
    assert client.get("/articles/no-such-story/").status_code == 200


def test_expired_pin_leaves_the_cached_front_page_at_its_time(client, world, monkeypatch):
    from curation.models import Pin

    now = timezone.now()
    old = ArticleFactory(
        headline="Yesterday's lead story", section=world["section"], published_at=now - timedelta(days=1)
    )
    for index in range(20):  # enough to push the old story off the front once unpinned
        ArticleFactory(headline=f"Newer story {index}", section=world["section"], published_at=now - timedelta(hours=1))
    Pin.objects.create(article=old, position=1, expires_at=now + timedelta(hours=1))
    warm(client, [reverse("articles:front")])
    assert "Yesterday&#x27;s lead story" in client.get(reverse("articles:front")).content.decode()

    later = now + timedelta(hours=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "Yesterday&#x27;s lead story" not in client.get(reverse("articles:front")).content.decode()


def test_api_is_not_page_cached_so_its_rate_limit_sees_every_request(client, story):
    client.get("/api/articles/")
    response = client.get("/api/articles/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


@pytest.mark.parametrize(
    ("headers", "cacheable"),
    [
        ({}, True),
        ({"Cache-Control": "private"}, False),
        ({"Cache-Control": "no-store"}, False),
        ({"Content-Security-Policy": "default-src 'self'"}, True),
        ({"Content-Security-Policy": "script-src 'self' 'nonce-abc123'"}, False),
    ],
)
def test_private_responses_and_per_response_nonces_are_never_stored(headers, cacheable):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from serving.middleware import PageCacheMiddleware

    response = HttpResponse("page", headers=headers)
    assert PageCacheMiddleware.is_cacheable(RequestFactory().get("/"), response) is cacheable


def test_new_author_and_country_appear_in_the_list_filters_at_once(client, settings, story):
    settings.PAGE_CACHE = False  # the menus are kept per content version even without the page cache
    client.get(reverse("articles:list"))
    # Menus offer only names a published story carries: the new reporter's first story brings both.
    ArticleFactory(
        authors=[AuthorFactory(name="Newly Hired Reporter", slug="newly-hired")],
        countries=[CountryFactory(name="Tuvalu", slug="tuvalu", code="TV")],
    )
    content = client.get(reverse("articles:list")).content.decode()
    assert ">Newly Hired Reporter</option>" in content
    assert ">Tuvalu</option>" in content
    chosen = client.get(reverse("articles:list") + "?author=newly-hired").content.decode()
    assert 'value="newly-hired" selected' in chosen


# --- What may enter the cache: canonical addresses, bounded entries -------------------------------


def kept(client, url: str, **headers) -> bool:
    """Whether a second request for `url` comes from the cache."""
    client.get(url, headers=headers)
    return client.get(url, headers=headers).get("X-Page-Cache") == "hit"


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
