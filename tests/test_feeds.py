"""RSS and Atom feeds: parsed as XML, every author and tag present, nothing unpublished."""

import re
from datetime import timedelta

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import timezone

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
HIDDEN_KINDS = ["draft", "review", "scheduled", "embargoed"]


@pytest.fixture
def story():
    section = SectionFactory(name="World", slug="world")
    authors = [
        AuthorFactory(name="Caroline Finnegan", slug="caroline-finnegan"),
        AuthorFactory(name="Omar Salem", slug="omar-salem"),
        AuthorFactory(name="Lena Vogel", slug="lena-vogel"),
    ]
    return ArticleFactory(
        headline="Truce talks resume in Tripoli",
        slug="truce-talks",
        dek="Envoys meet again after a month & a half.",
        section=section,
        authors=authors,
        actors=[ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")],
        countries=[CountryFactory(name="Libya", slug="libya", code="LY")],
    )


def feed_paths():
    yield reverse("articles:feed-latest-rss"), reverse("articles:feed-latest-atom")
    for prefix, slug in [
        ("section", "world"),
        ("author", "omar-salem"),
        ("actor", "khalifa-haftar"),
        ("country", "libya"),
    ]:
        yield (
            reverse(f"articles:feed-{prefix}-rss", kwargs={"slug": slug}),
            reverse(f"articles:feed-{prefix}-atom", kwargs={"slug": slug}),
        )


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, ElementTree.fromstring(response.content)


@pytest.mark.parametrize(("rss_url", "atom_url"), list(feed_paths()))
def test_rss_item_carries_title_link_dek_every_author_tags_and_date(client, story, rss_url, atom_url):
    response, root = parse(client, rss_url)
    assert response["Content-Type"].startswith("application/rss+xml")
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") and channel.findtext("link") and channel.findtext("description")
    [item] = channel.findall("item")
    assert item.findtext("title") == "Truce talks resume in Tripoli"
    assert item.findtext("link") == "http://testserver/articles/truce-talks/"
    assert item.findtext("description") == "Envoys meet again after a month & a half."
    assert [creator.text for creator in item.findall(f"{DC}creator")] == [
        "Caroline Finnegan",
        "Omar Salem",
        "Lena Vogel",
    ]
    assert {category.text for category in item.findall("category")} == {"World", "Khalifa Haftar", "Libya"}
    assert item.findtext("pubDate").endswith("+0000")
    assert item.findtext("guid")


@pytest.mark.parametrize(("rss_url", "atom_url"), list(feed_paths()))
def test_atom_entry_carries_every_author_with_page_and_both_times(client, story, rss_url, atom_url):
    response, root = parse(client, atom_url)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") and root.findtext(f"{ATOM}id") and root.findtext(f"{ATOM}updated")
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Truce talks resume in Tripoli"
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/articles/truce-talks/"
    assert entry.findtext(f"{ATOM}summary") == "Envoys meet again after a month & a half."
    authors = [(a.findtext(f"{ATOM}name"), a.findtext(f"{ATOM}uri")) for a in entry.findall(f"{ATOM}author")]
    assert authors == [
        ("Caroline Finnegan", "http://testserver/authors/caroline-finnegan/"),
        ("Omar Salem", "http://testserver/authors/omar-salem/"),
        ("Lena Vogel", "http://testserver/authors/lena-vogel/"),
    ]
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} == {"World", "Khalifa Haftar", "Libya"}
    assert entry.findtext(f"{ATOM}published") == story.published_at.isoformat()
    assert entry.findtext(f"{ATOM}updated")


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_unpublished_stories_are_in_no_feed(client, story, kind):
    ArticleFactory(
        headline=f"Secret {kind} story",
        section=story.section,
        authors=list(story.authors.all()),
        actors=list(story.actors.all()),
        countries=list(story.countries.all()),
        **{kind: True},
    )
    for urls in feed_paths():
        for url in urls:
            response = client.get(url)
            assert b"Truce talks" in response.content
            assert b"Secret" not in response.content, url


def test_latest_feed_lists_newest_first_and_only_the_section_asked_for(client, story):
    business = SectionFactory(name="Business", slug="business")
    ArticleFactory(headline="Oil output climbs", section=business, published_at=timezone.now() - timedelta(days=2))
    _, root = parse(client, reverse("articles:feed-latest-rss"))
    assert [item.findtext("title") for item in root.iter("item")] == [
        "Truce talks resume in Tripoli",
        "Oil output climbs",
    ]
    _, root = parse(client, reverse("articles:feed-section-rss", kwargs={"slug": "business"}))
    assert [item.findtext("title") for item in root.iter("item")] == ["Oil output climbs"]


def test_story_without_a_dek_is_described_by_its_first_words(client):
    ArticleFactory(dek="", body="<p>Ships &amp; boats <b>waited</b> outside the harbour.</p>")
    _, root = parse(client, reverse("articles:feed-latest-rss"))
    assert root.find("channel/item").findtext("description") == "Ships & boats waited outside the harbour."


def test_feed_of_unknown_section_is_404(client):
    assert client.get(reverse("articles:feed-section-rss", kwargs={"slug": "nowhere"})).status_code == 404


def test_pages_link_their_feeds(client, story):
    pages = {
        "/": reverse("articles:feed-latest-rss"),
        "/sections/world/": reverse("articles:feed-section-atom", kwargs={"slug": "world"}),
        "/authors/omar-salem/": reverse("articles:feed-author-rss", kwargs={"slug": "omar-salem"}),
        "/actors/khalifa-haftar/": reverse("articles:feed-actor-rss", kwargs={"slug": "khalifa-haftar"}),
        "/countries/libya/": reverse("articles:feed-country-atom", kwargs={"slug": "libya"}),
    }
    for page, feed_url in pages.items():
        content = client.get(page).content.decode()
        alternates = re.findall(
            r'<link rel="alternate" type="application/(?:rss|atom)\+xml" [^>]*href="([^"]+)"', content
        )
        assert reverse("articles:feed-latest-atom") in alternates
        assert feed_url in alternates, page


@pytest.mark.parametrize("count", [2, 50])
def test_feed_queries_do_not_grow_with_stories(client, django_assert_num_queries, count):
    section = SectionFactory(slug="world")
    for _ in range(count):
        ArticleFactory(section=section, authors=[AuthorFactory(), AuthorFactory()], actors=[ActorFactory()])
    # section lookup, articles, bylines with authors, actors, countries
    with django_assert_num_queries(5):
        client.get(reverse("articles:feed-section-atom", kwargs={"slug": "world"}))
