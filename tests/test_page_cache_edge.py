"""The keys go to the edge: pages carry them, and a change sends them to the proxies after the commit."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import timezone

from editorial.services.publishing import articles_unpublish
from serving.edge import edge_idle

from .factories import ArticleFactory
from .page_cache import _page_cache_on  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


class PurgeListener:
    """A loopback HTTP server standing in the place of Varnish's purge port: it records each PURGE."""

    def __init__(self):
        received = self.received = []
        kinds = self.kinds = []  # "hard" (xkey-purge) or "soft" (xkey-softpurge), one per purge received

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802  (the HTTP method's name)
                soft = self.headers["xkey-softpurge"]
                received.append((soft or self.headers["xkey-purge"]).split())
                kinds.append("soft" if soft else "hard")
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener(settings):
    server = PurgeListener()
    settings.PAGE_CACHE_PURGE_URLS = [server.url]
    settings.PAGE_CACHE_PURGE_RETRY_SECONDS = 0.05
    settings.PAGE_CACHE_PURGE_REPEAT_SECONDS = 0  # each purge once; the repeat has a test of its own
    yield server
    server.close()


def test_cacheable_pages_carry_their_keys_and_shared_cache_lifetimes(client):
    story = ArticleFactory(headline="Tripoli talks resume")
    response = client.get(story.get_absolute_url())
    keys = response["Surrogate-Key"].split()
    assert response["xkey"] == response["Surrogate-Key"]
    assert {"all", f"article:{story.pk}", f"section:{story.section_id}", "list:nav"} <= set(keys)
    assert response["Surrogate-Control"].startswith("max-age=")
    assert "max-age=0" in response["Cache-Control"] and "public" in response["Cache-Control"]


def test_cloudflare_cache_tag_lists_the_same_keys_comma_separated(client, settings):
    # Cloudflare splits Cache-Tag on commas only; Surrogate-Key and xkey are split on spaces.
    settings.PAGE_CACHE_KEY_HEADERS = ["Surrogate-Key", "xkey", "Cache-Tag"]
    story = ArticleFactory(headline="Tripoli talks resume")
    response = client.get(story.get_absolute_url())
    tags = response["Cache-Tag"]
    assert " " not in tags
    assert tags.split(",") == response["Surrogate-Key"].split(" ") == response["xkey"].split(" ")
    assert {"all", f"article:{story.pk}", "list:nav"} <= set(tags.split(","))


def test_an_edit_is_sent_to_the_proxies_after_its_commit_only(listener, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the story's creation is purged and sent first
        story = ArticleFactory(headline="Tripoli talks resume")
    assert edge_idle()
    listener.received.clear()
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        story.dek = "Delegations meet again."
        story.save()
        assert edge_idle() and listener.received == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert edge_idle()
    # Keys left pending by earlier tests' rolled-back transactions may go in a purge of their own.
    [keys] = [keys for keys in listener.received if f"article:{story.pk}" in keys]
    assert "list:any" in keys


def sent(listener) -> list[tuple[str, set[str]]]:
    assert edge_idle()
    found = [(kind, set(keys)) for kind, keys in zip(listener.kinds, listener.received, strict=True)]
    listener.kinds.clear()
    listener.received.clear()
    return found


def test_an_in_place_edit_of_a_public_story_is_a_soft_purge_at_the_edge(listener, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the story's creation is purged and sent first
        story = ArticleFactory(headline="Tripoli talks resume")
    sent(listener)
    with django_capture_on_commit_callbacks(execute=True):
        story.dek = "Delegations meet again."
        story.save()
    [(kind, keys)] = sent(listener)
    assert kind == "soft"
    assert f"article:{story.pk}" in keys and not any(key.startswith("list:") and key != "list:any" for key in keys)


def test_unpublishing_or_embargoing_a_story_is_a_hard_purge_at_the_edge(listener, django_capture_on_commit_callbacks):
    # The proxy may serve a soft-purged page from grace: never one showing a story readers may no longer see.
    with django_capture_on_commit_callbacks(execute=True):
        story, other = ArticleFactory(headline="Tripoli talks resume"), ArticleFactory(headline="Ceasefire declared")
    sent(listener)
    with django_capture_on_commit_callbacks(execute=True):
        articles_unpublish(articles=[story])
    assert [kind for kind, keys in sent(listener) if f"article:{story.pk}" in keys] == ["hard"]
    with django_capture_on_commit_callbacks(execute=True):
        other.embargo_until = timezone.now() + timedelta(hours=2)
        other.save()
    assert [kind for kind, keys in sent(listener) if f"article:{other.pk}" in keys] == ["hard"]


def test_an_edit_and_an_unpublication_in_one_transaction_send_only_a_hard_purge(
    listener, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = ArticleFactory(headline="Tripoli talks resume")
    sent(listener)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        story.dek = "Delegations meet again."
        story.save()
        articles_unpublish(articles=[story])
    purges = sent(listener)
    assert [kind for kind, keys in purges if f"article:{story.pk}" in keys] == ["hard"]
    assert all(f"article:{story.pk}" not in keys for kind, keys in purges if kind == "soft")


def test_each_purge_is_sent_again_after_a_while(listener, settings, django_capture_on_commit_callbacks):
    # For a page a proxy was fetching as the change committed: tests/test_edge_varnish.py shows why.
    settings.PAGE_CACHE_PURGE_REPEAT_SECONDS = 0.2
    with django_capture_on_commit_callbacks(execute=True):
        story = ArticleFactory(headline="Tripoli talks resume")
    sent(listener)
    with django_capture_on_commit_callbacks(execute=True):
        story.dek = "Delegations meet again."
        story.save()
    purges = [(kind, keys) for kind, keys in sent(listener) if f"article:{story.pk}" in keys]
    assert len(purges) == 2 and purges[0] == purges[1]


def test_an_unreachable_proxy_neither_blocks_nor_fails_a_save_and_is_retried(
    settings, listener, django_capture_on_commit_callbacks
):
    story = ArticleFactory(headline="Tripoli talks resume")
    assert edge_idle()
    settings.PAGE_CACHE_PURGE_URLS = ["http://127.0.0.1:9/", listener.url]  # port 9: nobody listens
    listener.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.dek = "Delegations meet again."
        story.save()  # returns although the first proxy refuses every attempt
    assert edge_idle(timeout=30)
    [keys] = [keys for keys in listener.received if f"article:{story.pk}" in keys]  # sent once, however tried
    assert "list:any" in keys


def test_a_304_is_answered_by_another_server_that_never_saw_the_page(client, settings):
    # Two servers without a shared cache: each keeps pages in its own memory.
    story = ArticleFactory(headline="Tripoli talks resume")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "one"}}
    first = client.get(story.get_absolute_url())
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "two"}}
    again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
