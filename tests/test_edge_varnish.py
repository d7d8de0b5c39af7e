"""A real varnishd with the shipped VCL in front of the live server: what it keeps, and its purges.

Readers' pages are kept and purged by key within a second of a change; drafts, previews, signed-in
staff, the admin and the API never come from it; cookies are stripped for anonymous readers only.
"""

import gzip
import threading
import time

import pytest
from django.conf import settings as django_settings
from django.test import Client

from articles.views import ArticleDetailView
from editorial.previews import preview_token_make
from editorial.services.publishing import articles_unpublish
from serving.edge import edge_idle

from .factories import ArticleFactory, StaffFactory
from .page_cache import _page_cache_on  # noqa: F401  (fixture)
from .varnish_server import Varnish, needs_varnishd

pytestmark = [needs_varnishd, pytest.mark.django_db(transaction=True)]

PURGE_BOUND_SECONDS = 1.0


@pytest.fixture
def varnish(live_server, settings, tmp_path):
    host, port = live_server.url.removeprefix("http://").rsplit(":", 1)
    server = Varnish(tmp_path, backend_host=host, backend_port=int(port))
    server.start()
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.PAGE_CACHE_PURGE_URLS = [server.url + "/"]
    settings.PAGE_CACHE_PURGE_RETRY_SECONDS = 0.05
    settings.PAGE_CACHE_PURGE_REPEAT_SECONDS = 0  # each purge once, but in the test that needs the repeat
    yield server
    edge_idle()
    server.stop()


def staff_cookie() -> str:
    """The session cookie of a signed-in staff member, as their browser would send it."""
    client = Client()
    client.force_login(StaffFactory())
    return f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"


def fetch_twice(varnish, path, **headers):
    assert edge_idle()  # the purges of the stories just made have reached Varnish
    varnish.get(path, headers=headers)
    return varnish.get(path, headers=headers)


def test_a_published_story_is_kept_and_an_edit_purges_it_within_a_second(varnish):
    story = ArticleFactory(headline="Tripoli talks resume", dek="Delegations meet.")
    assert edge_idle()
    path = story.get_absolute_url()
    status, first, _body = varnish.get(path)
    assert status == 200 and first["X-Cache"] == "miss"
    status, second, body = varnish.get(path)
    assert status == 200 and second["X-Cache"] == "hit"
    assert int(second["Age"]) >= 0 and len(second["X-Varnish"].split()) == 2  # two ids: a hit
    assert b"Delegations meet." in body
    assert "xkey" not in second and "Surrogate-Control" not in second  # for the cache, not the browser

    story.dek = "Delegations meet again in Geneva."
    story.save()  # autocommit: the purge is sent after this commit, in the background
    deadline = time.monotonic() + PURGE_BOUND_SECONDS
    while True:
        _status, headers, body = varnish.get(path)
        if b"Delegations meet again in Geneva." in body or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert b"Delegations meet again in Geneva." in body
    assert varnish.get(path)[1]["X-Cache"] == "hit"  # kept again once made anew


def test_after_an_edit_readers_get_the_kept_page_while_varnish_fetches_the_new_one(varnish):
    # An in-place edit is a soft purge: nobody waits on the re-render, and the new page follows at once.
    story = ArticleFactory(headline="Tripoli talks resume", dek="Delegations meet.")
    path = story.get_absolute_url()
    assert fetch_twice(varnish, path)[1]["X-Cache"] == "hit"
    story.dek = "Delegations meet again in Geneva."
    story.save()
    assert edge_idle()
    _status, headers, body = varnish.get(path)
    assert headers["X-Cache"] == "hit" and b"Delegations meet." in body  # from grace, fetching meanwhile
    deadline = time.monotonic() + PURGE_BOUND_SECONDS
    while b"Delegations meet again in Geneva." not in body and time.monotonic() < deadline:
        time.sleep(0.02)
        _status, headers, body = varnish.get(path)
    assert b"Delegations meet again in Geneva." in body


def test_a_page_varnish_was_fetching_while_an_edit_committed_goes_with_the_repeated_purge(
    varnish, settings, monkeypatch
):
    # The worker making the page read the story before the edit committed; the first purge finds
    # nothing in Varnish, which then keeps the old page: the purge sent again removes it.
    settings.PAGE_CACHE_PURGE_REPEAT_SECONDS = 0.5
    story = ArticleFactory(headline="Tripoli talks resume", dek="Delegations meet.")
    path = story.get_absolute_url()
    assert edge_idle()
    read, release = threading.Event(), threading.Event()
    get_object = ArticleDetailView.get_object

    def slow_get_object(view, queryset=None):
        article = get_object(view, queryset)
        read.set()
        release.wait(10)
        return article

    monkeypatch.setattr(ArticleDetailView, "get_object", slow_get_object)
    reader = threading.Thread(target=varnish.get, args=(path,))
    reader.start()
    assert read.wait(10)  # Varnish is fetching the page; the worker has read the story
    story.dek = "Delegations meet again in Geneva."
    story.save()
    assert edge_idle(repeats=False)  # the first purge has reached Varnish, which had nothing to remove
    release.set()
    reader.join(10)
    monkeypatch.undo()
    _status, headers, body = varnish.get(path)
    assert headers["X-Cache"] == "hit" and b"Delegations meet." in body  # the old page, kept
    assert edge_idle()  # the repeated purge has gone (soft, for an edit: grace, then the new page)
    deadline = time.monotonic() + PURGE_BOUND_SECONDS
    while b"Delegations meet again in Geneva." not in body and time.monotonic() < deadline:
        time.sleep(0.02)
        _status, headers, body = varnish.get(path)
    assert b"Delegations meet again in Geneva." in body


def test_an_unpublished_story_is_never_served_from_grace(varnish):
    story = ArticleFactory(headline="Tripoli talks resume")
    path = story.get_absolute_url()
    assert fetch_twice(varnish, path)[1]["X-Cache"] == "hit"
    assert b"Tripoli talks resume" in fetch_twice(varnish, "/")[2]
    articles_unpublish(articles=[story])
    assert edge_idle()
    status, headers, _body = varnish.get(path)
    assert status == 404 and headers["X-Cache"] != "hit"
    assert b"Tripoli talks resume" not in varnish.get("/")[2]


def test_publishing_a_draft_shows_it_at_once_no_cached_not_found(varnish):
    draft = ArticleFactory(draft=True, headline="Ceasefire declared")
    path = draft.get_absolute_url()
    status, headers, _body = fetch_twice(varnish, path)
    assert status == 404 and headers["X-Cache"] != "hit"
    draft.status = draft.Status.PUBLISHED
    draft.published_at = draft.created_at
    draft.save()
    status, _headers, body = varnish.get(path)
    assert status == 200 and b"Ceasefire declared" in body


def test_drafts_shown_to_staff_and_preview_links_are_never_kept(varnish):
    draft = ArticleFactory(draft=True, headline="Ceasefire declared")
    cookie = staff_cookie()
    status, headers, body = fetch_twice(varnish, draft.get_absolute_url(), Cookie=cookie)
    assert status == 200 and b"Ceasefire declared" in body and headers["X-Cache"] == "pass"

    link = f"{draft.get_absolute_url()}?preview={preview_token_make(article=draft)}"
    status, headers, body = fetch_twice(varnish, link)
    assert status == 200 and b"Ceasefire declared" in body
    assert headers["X-Cache"] == "uncacheable" and "private" in headers["Cache-Control"]
    # Without the link, a reader still gets nothing.
    assert fetch_twice(varnish, draft.get_absolute_url())[0] == 404


def test_signed_in_staff_pass_with_their_cookies_and_readers_lose_theirs(varnish):
    story = ArticleFactory(headline="Tripoli talks resume")
    draft = ArticleFactory(draft=True, headline="Ceasefire declared")
    cookie = staff_cookie()
    fetch_twice(varnish, story.get_absolute_url())  # the readers' copy is in the cache

    status, headers, _body = fetch_twice(varnish, story.get_absolute_url(), Cookie=cookie)
    assert status == 200 and headers["X-Cache"] == "pass" and headers.get("X-Page-Cache") != "hit"
    # The session reached Django with the other cookies: the staff member sees the draft.
    status, _headers, body = varnish.get(draft.get_absolute_url(), headers={"Cookie": f"csrftoken=abc; {cookie}"})
    assert status == 200 and b"Ceasefire declared" in body

    # A reader's cookies are dropped: the readers' copy, however many cookies come with the request.
    status, headers, _body = varnish.get(story.get_absolute_url(), headers={"Cookie": "csrftoken=abc; _ga=GA1.2.3"})
    assert status == 200 and headers["X-Cache"] == "hit"
    other = ArticleFactory(headline="Tripoli talks end")
    assert edge_idle()
    status, headers, _body = varnish.get(other.get_absolute_url(), headers={"Cookie": "csrftoken=abc; _ga=GA1.2.3"})
    assert status == 200 and headers["X-Cache"] == "miss"  # went to the app, without its cookies

    # The admin keeps every cookie: with the session it answers signed in, without it asks to sign in.
    status, headers, body = varnish.get("/admin/", headers={"Cookie": cookie + "; csrftoken=abc"})
    assert status == 200 and headers["X-Cache"] == "pass" and b"Log out" in body
    status, headers, _body = fetch_twice(varnish, "/admin/")
    assert status == 302 and headers["X-Cache"] == "pass"
    sent = varnish.backend_cookies()
    assert sent and all(django_settings.SESSION_COOKIE_NAME in cookies for cookies in sent)
    assert "_ga" not in " ".join(sent) and f"{cookie}; csrftoken=abc" in sent


def test_the_api_and_health_checks_always_reach_the_app(varnish):
    ArticleFactory(headline="Tripoli talks resume")
    for path in ("/api/articles/", "/healthz"):
        status, headers, _body = fetch_twice(varnish, path)
        assert headers["X-Cache"] == "pass", path


def test_a_purge_removes_only_the_pages_tagged_with_its_keys(varnish):
    kept, purged = ArticleFactory(headline="Tripoli talks resume"), ArticleFactory(headline="Ceasefire declared")
    for story in (kept, purged):
        assert fetch_twice(varnish, story.get_absolute_url())[1]["X-Cache"] == "hit"
    assert varnish.get("/", method="PURGE")[0] == 400  # a purge names its keys
    status, _headers, body = varnish.get("/", method="PURGE", headers={"xkey-purge": f"article:{purged.pk}"})
    assert status == 200 and b"Purged 1 objects" in body
    assert varnish.get(kept.get_absolute_url())[1]["X-Cache"] == "hit"
    assert varnish.get(purged.get_absolute_url())[1]["X-Cache"] == "miss"


def test_varnish_keeps_one_gzip_copy_and_unzips_it_for_clients_without_gzip(varnish):
    story = ArticleFactory(headline="Tripoli talks resume", body="<p>Delegations meet again.</p>" * 20)
    path = story.get_absolute_url()
    status, headers, body = fetch_twice(varnish, path, **{"Accept-Encoding": "br, gzip"})
    assert status == 200 and headers["X-Cache"] == "hit" and headers["Content-Encoding"] == "gzip"
    assert b"Tripoli talks resume" in gzip.decompress(body)
    status, headers, body = varnish.get(path)  # no Accept-Encoding: the same object, unzipped
    assert headers["X-Cache"] == "hit" and "Content-Encoding" not in headers and b"Tripoli talks resume" in body
