"""Live blogs under the page cache: an entry purges its story's page, its update endpoint and the cards
showing it, and nothing else; polls between entries get 304; the live page's queries stay bounded."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from liveblogs.models import LiveEntry
from liveblogs.services import entry_delete, entry_save

from .factories import ArticleFactory, CountryFactory, EditorFactory, LiveBlogFactory, LiveEntryFactory, SectionFactory
from .page_cache import (
    _page_cache_on,  # noqa: F401  (fixture)
    warm,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def site(clock):
    world = SectionFactory(name="World", slug="world")
    SectionFactory(name="Sport", slug="sport")
    blog = LiveBlogFactory(article__headline="Storm hits the coast", article__slug="storm", article__section=world)
    LiveEntryFactory(blog=blog, body="<p>Winds reach 150 km/h.</p>", published_at=NOW - timedelta(minutes=30))
    # Tagged, as stories are: a story page naming no list at all goes with every change (serving/dependencies.py).
    ArticleFactory(
        headline="Cup final tonight", slug="cup-final", section__slug="sport-desk", countries=[CountryFactory()]
    )
    ArticleFactory(headline="Older World story", slug="older", section=world, published_at=NOW - timedelta(days=2))
    return blog


def publish(blog, text: str) -> LiveEntry:
    return entry_save(entry=LiveEntry(blog=blog, body=f"<p>{text}</p>"), user=EditorFactory(), publish=True)


UPDATES = reverse("liveblogs:updates", kwargs={"slug": "storm"})
STORY = "/articles/storm/"
FRONT = reverse("articles:front")
WORLD = reverse("articles:section", kwargs={"slug": "world"})
OTHER_SECTION = reverse("articles:section", kwargs={"slug": "sport-desk"})
OTHER_STORY = "/articles/cup-final/"


def test_an_entry_purges_its_story_its_endpoint_and_its_cards_only(client, site, clock):
    warm(client, [STORY, UPDATES, FRONT, WORLD, OTHER_SECTION, OTHER_STORY])
    clock.move_to(NOW + timedelta(minutes=5))
    publish(site, "The port is closed.")

    story = client.get(STORY)
    assert story["X-Page-Cache"] == "miss" and "The port is closed." in story.content.decode()
    updates = client.get(UPDATES)
    assert updates["X-Page-Cache"] == "miss" and "The port is closed." in updates.content.decode()
    for page in (FRONT, WORLD):  # the story's card: its latest entry's time (the cards' fragments too)
        response = client.get(page)
        card = response.content.decode().split("Storm hits the coast", 1)[1].split("</article>", 1)[0]
        assert response["X-Page-Cache"] == "miss" and 'datetime="2026-12-02T09:35:00+00:00"' in card, page
    assert client.get(OTHER_SECTION)["X-Page-Cache"] == "hit"
    assert client.get(OTHER_STORY)["X-Page-Cache"] == "hit"


def test_editing_and_deleting_an_entry_purge_the_story_too(client, site):
    entry = site.entries.get()
    warm(client, [STORY, UPDATES, OTHER_SECTION])
    entry.body = "<p>Winds reach 180 km/h.</p>"
    entry_save(entry=entry, user=EditorFactory(), publish=True)
    assert "180 km/h" in client.get(STORY).content.decode()
    warm(client, [STORY, UPDATES])
    entry_delete(entry=entry, user=EditorFactory())
    assert "km/h" not in client.get(UPDATES).content.decode()
    assert "km/h" not in client.get(STORY).content.decode().split('class="live-entries"')[1]
    assert client.get(OTHER_SECTION)["X-Page-Cache"] == "hit"


def test_a_draft_entry_purges_nothing(client, site):
    warm(client, [STORY, UPDATES])
    entry_save(entry=LiveEntry(blog=site, body="<p>Not yet</p>"), user=EditorFactory(), publish=False)
    assert client.get(STORY)["X-Page-Cache"] == "hit"
    assert client.get(UPDATES)["X-Page-Cache"] == "hit"


def test_polls_between_entries_get_304_and_the_next_entry_a_new_etag(client, site, clock):
    first = client.get(UPDATES)
    etag = first["ETag"]
    assert first.status_code == 200 and etag
    again = client.get(UPDATES, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert client.get(UPDATES)["X-Page-Cache"] == "hit"  # the 304 came from the cached endpoint
    # Another story's change leaves the endpoint alone.
    ArticleFactory(headline="Unrelated news", section__slug="elsewhere")
    assert client.get(UPDATES, headers={"if-none-match": etag}).status_code == 304
    clock.move_to(NOW + timedelta(minutes=1))
    publish(site, "Power is back.")
    after = client.get(UPDATES, headers={"if-none-match": etag})
    assert after.status_code == 200 and after["ETag"] != etag and "Power is back." in after.content.decode()
    assert client.get(UPDATES, headers={"if-none-match": after["ETag"]}).status_code == 304


@pytest.mark.parametrize("entries", [2, 40])
def test_the_live_page_queries_do_not_grow_with_its_entries(client, settings, django_assert_max_num_queries, entries):
    settings.PAGE_CACHE = False
    blog = LiveBlogFactory(article__slug="storm")
    for number in range(entries):
        LiveEntryFactory(
            blog=blog,
            body=f"<p>Update {number}</p>",
            key_event=number % 5 == 0,
            title=f"Event {number}" if number % 5 == 0 else "",
            pinned=number == 1,
            author=blog.article.bylines.get().author,
        )
    # The story's own six (story, bylines, actors, countries, corrections, navigation) and six for the blog:
    # the count, the page, the pinned entry, the key events, their pages, the JSON-LD's updates.
    with django_assert_max_num_queries(12):
        response = client.get(STORY)
    assert response.content.decode().count('class="live-entry') >= min(entries, 20)
    with django_assert_max_num_queries(5):
        assert client.get(UPDATES).status_code == 200
