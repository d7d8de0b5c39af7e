"""Rich previews: canonical links, OpenGraph and Twitter cards, schema.org JSON-LD on stories, authors and tags."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(content: str) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(content)]


def meta(content: str, key: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', content)


@pytest.fixture
def authors():
    return [
        AuthorFactory(name="Caroline Finnegan", slug="caroline-finnegan", bio="Covers North Africa."),
        AuthorFactory(name="Omar Salem", slug="omar-salem"),
        AuthorFactory(name="Lena Vogel", slug="lena-vogel"),
    ]


@pytest.mark.parametrize("byline_count", [1, 3])
def test_story_json_ld_is_a_news_article_crediting_every_author(client, authors, byline_count):
    article = ArticleFactory(
        headline="Truce talks resume",
        slug="truce-talks",
        dek="Envoys meet again.",
        section=SectionFactory(name="World"),
        authors=authors[:byline_count],
        actors=[ActorFactory(name="Khalifa Haftar")],
        countries=[CountryFactory(name="Libya", code="LY")],
    )
    [data] = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Truce talks resume"
    assert data["description"] == "Envoys meet again."
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] >= data["datePublished"]
    assert data["articleSection"] == "World"
    assert data["mainEntityOfPage"]["@id"] == "http://testserver/articles/truce-talks/"
    assert [(person["@type"], person["name"], person["url"]) for person in data["author"]] == [
        ("Person", author.name, f"http://testserver/authors/{author.slug}/") for author in authors[:byline_count]
    ]
    assert data["author"][0]["description"] == "Covers North Africa."
    assert data["publisher"]["name"] == "Newsroom" and data["publisher"]["url"] == "http://testserver/"
    assert sorted(data["keywords"]) == ["Khalifa Haftar", "Libya"]


def test_json_ld_cannot_break_out_of_its_script_element(client):
    headline = "Ban on </script><script>alert(1)</script> & <!-- comments"
    article = ArticleFactory(headline=headline, dek="A <b>bold</b> claim")
    content = client.get(article.get_absolute_url()).content.decode()
    [block] = JSON_LD.findall(content)
    assert "<" not in block and ">" not in block and "&" not in block
    [data] = json_ld(content)
    assert data["headline"] == headline
    assert data["description"] == "A <b>bold</b> claim"


def test_story_page_has_canonical_opengraph_and_twitter_card(client, authors):
    article = ArticleFactory(
        headline="Truce talks resume", slug="truce-talks", dek="Envoys meet again.", authors=authors[:2]
    )
    content = client.get(article.get_absolute_url() + "?utm_source=newsletter").content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/truce-talks/">' in content
    assert meta(content, "og:type") == ["article"]
    assert meta(content, "og:title") == ["Truce talks resume"]
    assert meta(content, "og:description") == ["Envoys meet again."]
    assert meta(content, "og:url") == ["http://testserver/articles/truce-talks/"]
    assert meta(content, "article:author") == [
        "http://testserver/authors/caroline-finnegan/",
        "http://testserver/authors/omar-salem/",
    ]
    assert meta(content, "twitter:card") == ["summary"]
    assert meta(content, "twitter:title") == ["Truce talks resume"]


@pytest.mark.parametrize("kind", ["draft", "review", "scheduled"])
def test_staff_preview_of_unpublished_story_has_no_structured_data(staff_client, kind):
    article = ArticleFactory(headline="Embargoed story", **{kind: True})
    content = staff_client.get(article.get_absolute_url()).content.decode()
    assert "Embargoed story" in content
    assert json_ld(content) == []
    assert meta(content, "og:title") == []
    assert meta(content, "robots") == ["noindex, nofollow"]


def test_author_page_describes_the_person(client, authors):
    ArticleFactory(authors=[authors[0]])
    content = client.get(reverse("authors:detail", kwargs={"slug": "caroline-finnegan"})).content.decode()
    [data] = json_ld(content)
    assert data["@type"] == "Person"
    assert data["name"] == "Caroline Finnegan"
    assert data["url"] == "http://testserver/authors/caroline-finnegan/"
    assert data["description"] == "Covers North Africa."
    assert data["worksFor"]["name"] == "Newsroom"
    assert '<link rel="canonical" href="http://testserver/authors/caroline-finnegan/">' in content


@pytest.mark.parametrize("kind", ["draft", "review", "scheduled"])
def test_tag_pages_are_collections_of_published_stories_only(client, kind):
    actor = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar", kind="person")
    libya = CountryFactory(name="Libya", slug="libya", code="LY")
    ArticleFactory(headline="Haftar advances", slug="haftar-advances", actors=[actor], countries=[libya])
    ArticleFactory(headline="Hidden story", slug="hidden-story", actors=[actor], countries=[libya], **{kind: True})
    for url, about in [
        ("/actors/khalifa-haftar/", {"@type": "Person", "name": "Khalifa Haftar"}),
        ("/countries/libya/", {"@type": "Country", "name": "Libya", "identifier": "LY"}),
    ]:
        content = client.get(url).content.decode()
        [data] = json_ld(content)
        assert data["@type"] == "CollectionPage"
        assert data["about"] == about
        assert data["mainEntity"]["itemListElement"] == [
            {
                "@type": "ListItem",
                "position": 1,
                "url": "http://testserver/articles/haftar-advances/",
                "name": "Haftar advances",
            }
        ]
        assert "hidden-story" not in content


def test_section_page_is_a_collection_continuing_its_numbering_on_page_two(client, settings):
    section = SectionFactory(name="World", slug="world", description="News from everywhere.")
    for n in range(settings.ARTICLES_PER_PAGE + 1):
        ArticleFactory(section=section, slug=f"story-{n:02d}", published_at=timezone.now() - timedelta(hours=n + 1))
    content = client.get("/sections/world/", {"page": 2}).content.decode()
    [data] = json_ld(content)
    assert data["@type"] == "CollectionPage"
    assert data["name"] == "World" and data["description"] == "News from everywhere."
    last = settings.ARTICLES_PER_PAGE
    assert data["mainEntity"]["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": last + 1,
            "url": f"http://testserver/articles/story-{last:02d}/",
            "name": data["mainEntity"]["itemListElement"][0]["name"],
        }
    ]
    assert '<link rel="canonical" href="http://testserver/sections/world/?page=2">' in content


def test_story_page_queries_do_not_grow_with_authors_and_tags(client, authors, settings):
    settings.PAGE_CACHE = False  # count what rendering costs, not cache hits

    def page_queries(article) -> int:
        with CaptureQueriesContext(connection) as queries:
            content = client.get(article.get_absolute_url()).content.decode()
        assert json_ld(content)
        return len(queries)

    small = ArticleFactory(authors=authors[:1], actors=[ActorFactory()], countries=[CountryFactory()])
    large = ArticleFactory(
        authors=authors, actors=[ActorFactory(), ActorFactory()], countries=[CountryFactory(), CountryFactory()]
    )
    page_queries(small)  # first request warms per-process lookups
    assert page_queries(large) == page_queries(small)
