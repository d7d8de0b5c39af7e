"""Rich previews: canonical links, OpenGraph and Twitter cards, schema.org JSON-LD on stories, authors and tags."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
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
    # A story without a picture shares the site's own picture, never none.
    assert meta(content, "twitter:card") == ["summary_large_image"]
    assert meta(content, "og:image") == ["http://testserver/static/brand/share.png"]
    assert meta(content, "og:image:width") == ["1200"] and meta(content, "og:image:height") == ["630"]
    assert meta(content, "twitter:title") == ["Truce talks resume"]
    assert json_ld(content)[0]["image"] == ["http://testserver/static/brand/share.png"]


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


def test_front_page_has_canonical_opengraph_and_the_site_with_its_publisher(client):
    ArticleFactory()
    content = client.get("/?utm_source=newsletter").content.decode()
    assert '<link rel="canonical" href="http://testserver/">' in content
    assert meta(content, "og:type") == ["website"]
    assert meta(content, "og:url") == ["http://testserver/"]
    assert meta(content, "og:image") == ["http://testserver/static/brand/share.png"]
    [data] = json_ld(content)
    website, publisher = data["@graph"]
    assert website["@type"] == "WebSite" and website["url"] == "http://testserver/"
    assert website["potentialAction"]["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": "http://testserver/static/brand/logo.png",
        "width": 600,
        "height": 120,
    }
    assert website["publisher"] == {"@id": publisher["@id"]}


def test_every_story_names_its_publisher_with_a_logo(client):
    article = ArticleFactory()
    [data] = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["publisher"]["logo"]["url"] == "http://testserver/static/brand/logo.png"


def test_favicon_touch_icon_and_manifest_are_served(client):
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 200 and favicon["Content-Type"] == "image/x-icon"
    assert favicon.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age=604800" in favicon["Cache-Control"]
    content = client.get("/").content.decode()
    assert '<link rel="apple-touch-icon" href="/static/brand/apple-touch-icon.png">' in content
    assert '<link rel="manifest" href="/site.webmanifest">' in content
    manifest = client.get("/site.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["name"] == "Newsroom" and data["start_url"] == "/"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    for icon in data["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), f"{icon['src']} is a static file"
