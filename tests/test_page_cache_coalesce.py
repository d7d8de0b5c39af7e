"""Concurrent misses of one page make it once (serving/coalesce.py), never at the cost of freshness.

The readers here are threads calling the page cache middleware in front of a stand-in view that
holds its render until the test lets it go, so "at the same time" is arranged, not hoped for. The
wait's clock and pause are replaced: nothing here depends on how fast the machine is.
"""

import threading
import uuid

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from newsroom.settings import redis_cache
from serving import coalesce, store
from serving.content_version import content_version_get, keys_purge
from serving.dependencies import page_depends_on
from serving.middleware import PageCacheMiddleware, page_cache_key

from .redis_server import RedisServer, needs_redis_server

pytestmark = [pytest.mark.django_db, needs_redis_server]

STORY_KEY = "article:1"


@pytest.fixture
def redis_server(tmp_path, settings):
    """A private redis-server with the production cache settings, and coalescing waits long enough
    that no test depends on the machine's speed."""
    server = RedisServer(tmp_path)
    server.start()
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_COALESCE_SECONDS = 30
    settings.CACHES = {"default": redis_cache(server.url, key_prefix=f"test-{uuid.uuid4().hex[:8]}", retry_after=0.2)}
    content_version_get()  # the version exists before the readers come (its first read queries)
    yield server
    server.stop()


class StoryView:
    """A page showing one story's dek; each render reads the dek, then waits for `go` when asked to."""

    def __init__(self):
        self.dek = "Talks resume"
        self.renders = 0
        self.rendering = threading.Event()
        self.go = threading.Event()
        self.hold = True
        self.lock = threading.Lock()

    def __call__(self, request) -> HttpResponse:
        with self.lock:
            self.renders += 1
        dek = self.dek  # the rows, read before the render goes on
        page_depends_on(STORY_KEY, "list:front")
        self.rendering.set()
        if self.hold:
            assert self.go.wait(10), "the test never let the render finish"
        return HttpResponse(f"<p>{dek}</p>")


def read(middleware, answers: list) -> None:
    answers.append(middleware(RequestFactory().get("/")))


def test_concurrent_misses_of_one_page_are_rendered_once(redis_server, monkeypatch):
    view = StoryView()
    middleware = PageCacheMiddleware(view)
    readers = 6
    waiting = set()
    waiting_lock = threading.Lock()
    real_sleep = coalesce._sleep

    def pause(seconds):
        with waiting_lock:
            waiting.add(threading.get_ident())
            if len(waiting) == readers - 1:
                view.go.set()  # everyone but the renderer is waiting: let it finish
        real_sleep(0.001)

    monkeypatch.setattr(coalesce, "_sleep", pause)
    answers: list = []
    threads = [threading.Thread(target=read, args=(middleware, answers)) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert view.renders == 1
    assert len(answers) == readers
    assert {answer.status_code for answer in answers} == {200}
    assert {answer.content for answer in answers} == {b"<p>Talks resume</p>"}
    assert sorted(answer["X-Page-Cache"] for answer in answers) == ["hit"] * (readers - 1) + ["miss"]
    assert not store.render_lock_held(page_cache_key(RequestFactory().get("/")))


def test_a_reader_who_came_after_a_purge_never_gets_the_page_made_before_it(redis_server, monkeypatch):
    view = StoryView()
    middleware = PageCacheMiddleware(view)
    first: list = []
    holder = threading.Thread(target=read, args=(middleware, first))
    holder.start()
    assert view.rendering.wait(10)  # it has read the old dek and holds the lock

    view.dek = "Talks collapse"
    keys_purge({STORY_KEY})  # the editor's save commits while that page is being made

    def pause(seconds):
        view.hold = False
        view.go.set()
        holder.join(10)  # the holder stores its (stale) page and releases the lock

    monkeypatch.setattr(coalesce, "_sleep", pause)
    later: list = []
    read(middleware, later)

    assert first[0].content == b"<p>Talks resume</p>"
    assert later[0].content == b"<p>Talks collapse</p>"
    assert view.renders == 2
    # And the page now kept is the new one.
    assert PageCacheMiddleware(view)(RequestFactory().get("/")).content == b"<p>Talks collapse</p>"
    assert view.renders == 2


def test_a_lock_holder_that_died_holds_readers_up_no_longer_than_the_bound(redis_server, settings, monkeypatch):
    settings.PAGE_CACHE_COALESCE_SECONDS = 1.5
    key = page_cache_key(RequestFactory().get("/"))
    assert store.render_lock_claim(key, owner="a worker killed mid-render", milliseconds=600_000)
    now = [1000.0]
    polls = []

    def pause(seconds):
        polls.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(coalesce, "_clock", lambda: now[0])
    monkeypatch.setattr(coalesce, "_sleep", pause)
    view = StoryView()
    view.hold = False
    response = PageCacheMiddleware(view)(RequestFactory().get("/"))

    assert response.status_code == 200 and response.content == b"<p>Talks resume</p>"
    assert view.renders == 1
    waited = sum(polls)
    assert 1.5 <= waited < 1.5 + 2 * coalesce.POLL_SECONDS
    # The lock still names the dead holder: the next reader waits the bound again at most, or finds the page.
    assert PageCacheMiddleware(view)(RequestFactory().get("/"))["X-Page-Cache"] == "hit"


def test_with_redis_down_readers_get_pages_and_nobody_waits(redis_server, monkeypatch):
    redis_server.stop()

    def pause(seconds):
        raise AssertionError("a reader waited for a lock while Redis was down")

    monkeypatch.setattr(coalesce, "_sleep", pause)
    view = StoryView()
    view.hold = False
    middleware = PageCacheMiddleware(view)
    answers = [middleware(RequestFactory().get("/")) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert view.renders == 3
