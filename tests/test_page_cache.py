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

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory
from .page_cache import _page_cache_on, pages, story, warm, world  # noqa: F401  (fixtures and helpers)

pytestmark = pytest.mark.django_db


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


def test_conditional_get_works_with_the_page_cache_off(client, story, settings):
    # The ETag comes from the content: a server that did not keep the page makes it and still answers 304.
    settings.PAGE_CACHE = False
    first = client.get(story.get_absolute_url())
    assert "X-Page-Cache" not in first
    again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


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
