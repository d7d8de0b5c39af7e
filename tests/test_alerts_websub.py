"""WebSub: feeds announce the hub, and the hub is pinged when a story goes live, against a real HTTP receiver."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
import time_machine
from defusedxml import ElementTree
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from alerts.events import clock_tick
from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def hub():
    """A WebSub hub on loopback: refuses the first ping (503), keeps the others' form fields."""
    got = {"pings": [], "failures_left": 1}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            if got["failures_left"]:
                got["failures_left"] -= 1
                self.send_response(503)
            else:
                got["pings"].append((self.headers["Content-Type"], parse_qs(body)))
                self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    got["url"] = f"http://127.0.0.1:{server.server_port}/hub"
    yield got
    server.shutdown()


def hub_links(client, path: str) -> tuple[list[str], list[str]]:
    root = ElementTree.fromstring(client.get(path).content)
    links = root.iter(f"{ATOM}link")
    found = [(link.get("rel"), link.get("href")) for link in links]
    return [h for r, h in found if r == "hub"], [h for r, h in found if r == "self"]


def test_feeds_announce_the_hub_only_when_one_is_set(client, settings):
    world = SectionFactory(name="World", slug="world")
    ArticleFactory(section=world)
    paths = [reverse("articles:feed-latest-rss"), reverse("articles:feed-section-atom", kwargs={"slug": "world"})]
    settings.NEWSROOM_WEBSUB_HUB = ""
    for path in paths:
        assert hub_links(client, path)[0] == []
    settings.NEWSROOM_WEBSUB_HUB = "https://hub.example.net/"
    settings.NEWSROOM_SITE_URL = "https://news.example.org"
    cache.clear()  # feeds cached before the hub was set keep their old copy until they change
    for path in paths:
        hubs, selves = hub_links(client, path)
        assert hubs == ["https://hub.example.net/"]
        assert selves == [f"https://news.example.org{path}"]  # the topic the hub is pinged with


def test_the_hub_is_pinged_when_a_story_goes_live_and_when_it_is_unpublished(client, hub, task_queue, settings):
    settings.NEWSROOM_WEBSUB_HUB = hub["url"]
    settings.NEWSROOM_SITE_URL = "https://news.example.org"
    world = SectionFactory(name="World", slug="world")
    clock_tick()
    start = timezone.now()
    story = ArticleFactory(section=world, published_at=start)
    ArticleFactory(section=world, draft=True)
    clock_tick()
    task_queue.run()
    assert hub["pings"] == []  # refused once: retried after 30 seconds
    with time_machine.travel(start + timedelta(seconds=31)):
        task_queue.run()
        ((content_type, form),) = hub["pings"]
        assert content_type == "application/x-www-form-urlencoded"
        assert form["hub.mode"] == ["publish"]
        site = "https://news.example.org"
        expected = {
            site + reverse("articles:feed-latest-rss"),
            site + reverse("articles:feed-latest-atom"),
            site + reverse("articles:feed-section-rss", kwargs={"slug": "world"}),
            site + reverse("articles:feed-section-atom", kwargs={"slug": "world"}),
        }
        assert expected <= set(form["hub.url"])
        # Every address pinged is one a feed calls itself (so the hub's fetch finds the same topic).
        for url in form["hub.url"]:
            assert hub_links(client, url.removeprefix(site))[1] == [url]
        clock_tick()
        task_queue.run()
        assert len(hub["pings"]) == 1  # nothing changed, no ping
        Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
        clock_tick()
        task_queue.run()
    assert len(hub["pings"]) == 2
    assert expected <= set(hub["pings"][1][1]["hub.url"])
