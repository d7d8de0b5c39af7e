"""The site outlives its Redis: stopped, frozen or full, readers get pages and editors can publish.

Each test runs its own redis-server (tests/redis_server.py) with the production cache settings
(newsroom.settings.redis_cache), and a short RETRY_AFTER so that "Redis is back" comes quickly.
"""

import time
import uuid

import pytest
from django.urls import reverse

from editorial.services.publishing import articles_publish, articles_unpublish
from newsroom.settings import redis_cache

from .factories import ArticleFactory
from .redis_server import RedisServer, needs_redis_server

pytestmark = [pytest.mark.django_db, needs_redis_server]

RETRY_AFTER = 0.2  # seconds the cache leaves an unreachable Redis alone
CHANGELIST = reverse("admin:articles_article_changelist")


def use_redis(settings, server: RedisServer) -> None:
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": redis_cache(server.url, key_prefix=f"test-{uuid.uuid4().hex[:8]}", retry_after=RETRY_AFTER)
    }


@pytest.fixture
def redis_server(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    use_redis(settings, server)
    yield server
    server.stop()


@pytest.fixture
def persistent_redis_server(tmp_path, settings):
    server = RedisServer(tmp_path, persistent=True)
    server.start()
    use_redis(settings, server)
    yield server
    server.stop()


@pytest.fixture
def story():
    return ArticleFactory(headline="Tripoli talks resume", slug="tripoli-talks-resume")


def reader_pages(story) -> list[str]:
    return [
        reverse("articles:front"),
        reverse("articles:list"),
        story.get_absolute_url(),
        reverse("articles:feed-latest-rss"),
        "/api/articles/",
    ]


def warm(client, url: str) -> None:
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit", url


def wait_until_redis_is_tried_again() -> None:
    time.sleep(RETRY_AFTER * 2)


def test_readers_and_editors_carry_on_while_redis_is_stopped(redis_server, client, admin_client, story, caplog):
    warm(client, story.get_absolute_url())

    redis_server.stop()

    for url in reader_pages(story):
        assert client.get(url).status_code == 200, url
    assert "is unreachable" in caplog.text  # the operator is told, once
    assert caplog.text.count("is unreachable") == 1
    response = admin_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [story.pk]})
    assert response.status_code == 302
    assert client.get(story.get_absolute_url()).status_code == 404

    redis_server.start()
    wait_until_redis_is_tried_again()

    warm(client, reverse("articles:list"))
    assert "Tripoli talks resume" not in client.get(reverse("articles:list")).content.decode()


def test_a_story_unpublished_while_redis_was_down_stays_gone_when_redis_returns_with_its_old_pages(
    persistent_redis_server, client, story
):
    warm(client, story.get_absolute_url())
    warm(client, reverse("articles:list"))

    persistent_redis_server.stop()
    articles_unpublish(articles=[story])  # its content-version bump cannot reach Redis
    persistent_redis_server.start()
    assert persistent_redis_server.client().dbsize() > 0  # the pages cached before the outage are back
    wait_until_redis_is_tried_again()

    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Tripoli talks resume" not in client.get(reverse("articles:list")).content.decode()
    warm(client, reverse("articles:list"))  # and the cache is used again


def test_a_frozen_redis_does_not_hold_up_readers_or_editors(redis_server, client, story):
    warm(client, story.get_absolute_url())
    draft = ArticleFactory(headline="Ceasefire signed in Geneva", draft=True)

    redis_server.freeze()
    started = time.monotonic()
    for url in reader_pages(story):
        assert client.get(url).status_code == 200, url
    articles_publish(articles=[draft])
    # Without socket timeouts each request would wait as long as Redis stays frozen.
    assert time.monotonic() - started < 5

    redis_server.thaw()
    wait_until_redis_is_tried_again()

    assert "Ceasefire signed in Geneva" in client.get(reverse("articles:list")).content.decode()
    warm(client, story.get_absolute_url())


def test_a_full_redis_gives_uncached_pages_not_errors(redis_server, client, story, caplog):
    stories = [ArticleFactory() for _ in range(3)]
    draft = ArticleFactory(headline="Ceasefire signed in Geneva", draft=True)
    warm(client, reverse("articles:list"))
    # Redis's default policy, noeviction, refuses every write once maxmemory is reached.
    redis_server.client().config_set("maxmemory", 1)

    for url in [*reader_pages(story), *(other.get_absolute_url() for other in stories)]:
        assert client.get(url).status_code == 200, url
    articles_publish(articles=[draft])  # Redis refuses the new content version too

    assert "Ceasefire signed in Geneva" in client.get(reverse("articles:list")).content.decode()
    assert "is full and refuses new entries" in caplog.text


def made_up_addresses(story, n: int) -> list[str]:
    return [
        f"/articles/?author=nobody-{n}",
        f"/articles/?x={n}",
        f"/articles/?page={'0' * n}1",
        f"/sitemap-articles.xml?x={n}",
        f"/search/?q=word{n}",
        f"{story.get_absolute_url()}?utm_source={n}",
    ]


def test_made_up_addresses_add_nothing_to_redis(redis_server, client, story):
    canonical = [reverse("articles:list"), reverse("articles:search"), "/sitemap-articles.xml"]
    for url in [*canonical, story.get_absolute_url()]:
        warm(client, url)
    for url in made_up_addresses(story, 1):
        assert client.get(url).status_code == 200, url
    keys = redis_server.client().dbsize()  # at most one rendering of each filter in its error state

    for n in range(2, 30):
        for url in made_up_addresses(story, n):
            assert client.get(url).status_code == 200, url

    assert redis_server.client().dbsize() == keys
