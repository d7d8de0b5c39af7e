"""Partners' webhooks against a real HTTP receiver on loopback: signed, retried after a failure."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.utils import timezone

from alerts.events import clock_tick
from alerts.models import Webhook
from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def receiver():
    """An HTTP server that refuses the first message (503) and keeps the rest."""
    got = {"bodies": [], "failures_left": 1}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if got["failures_left"]:
                got["failures_left"] -= 1
                self.send_response(503)
            else:
                got["bodies"].append((dict(self.headers), body))
                self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    got["url"] = f"http://127.0.0.1:{server.server_port}/hook"
    yield got
    server.shutdown()


def test_webhooks_are_signed_retried_with_back_off_and_tell_of_unpublishing(receiver, task_queue):
    webhook = Webhook.objects.create(name="Partner", url=receiver["url"], secret="s3cret")  # noqa: S106
    clock_tick()
    start = timezone.now()
    story = ArticleFactory(headline="Went live", section=SectionFactory(), published_at=start)
    draft = ArticleFactory(headline="Secret draft", draft=True)
    clock_tick()
    task_queue.run()
    assert receiver["bodies"] == []  # refused once; the retry waits 30 seconds
    with time_machine.travel(start + timedelta(seconds=31)):
        task_queue.run()
        Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
        clock_tick()
        task_queue.run()
    (first_headers, first), (_, second) = receiver["bodies"]
    expected = "sha256=" + hmac.new(webhook.secret.encode(), first, hashlib.sha256).hexdigest()
    assert first_headers["X-Newsroom-Signature"] == expected
    assert first_headers["X-Newsroom-Attempt"] == "2"
    assert json.loads(first)["headline"] == "Went live"
    assert json.loads(second) == {"event": "unpublished", "id": story.pk, "url": json.loads(first)["url"]}
    assert b"Secret draft" not in first + second and draft.pk != story.pk
