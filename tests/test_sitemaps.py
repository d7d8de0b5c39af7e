"""Sitemaps, the Google News sitemap and robots.txt, read as a crawler reads them."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from articles.sitemaps import ArticleSitemap

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
HIDDEN_KINDS = ["draft", "review", "scheduled", "embargoed"]


def fetch_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def relative(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def all_sitemap_urls(client) -> dict[str, str | None]:
    """Every <loc> reachable from /sitemap.xml, with its <lastmod>."""
    index = fetch_xml(client, "/sitemap.xml")
    assert index.tag == f"{SM}sitemapindex"
    urls = {}
    for sitemap in index.findall(f"{SM}sitemap"):
        urlset = fetch_xml(client, relative(sitemap.findtext(f"{SM}loc")))
        assert urlset.tag == f"{SM}urlset"
        for url in urlset.findall(f"{SM}url"):
            urls[url.findtext(f"{SM}loc")] = url.findtext(f"{SM}lastmod")
    return urls


@pytest.fixture
def story():
    return ArticleFactory(
        headline="Truce talks resume",
        slug="truce-talks",
        section=SectionFactory(slug="world"),
        authors=[AuthorFactory(slug="omar-salem")],
        actors=[ActorFactory(slug="khalifa-haftar")],
        countries=[CountryFactory(slug="libya", code="LY")],
    )


def test_sitemap_lists_stories_and_every_page_about_them(client, story):
    urls = all_sitemap_urls(client)
    assert set(urls) == {
        "http://testserver/articles/truce-talks/",
        "http://testserver/sections/world/",
        "http://testserver/authors/omar-salem/",
        "http://testserver/actors/khalifa-haftar/",
        "http://testserver/countries/libya/",
    }
    assert urls["http://testserver/articles/truce-talks/"].startswith(story.updated_at.date().isoformat())
    assert urls["http://testserver/sections/world/"].startswith(story.published_at.date().isoformat())


def test_groups_without_published_stories_stay_out_of_the_sitemap(client, story):
    SectionFactory(slug="empty-section")
    ArticleFactory(section=SectionFactory(slug="draft-only"), authors=[AuthorFactory(slug="drafter")], draft=True)
    urls = all_sitemap_urls(client)
    assert not any("empty-section" in url or "draft-only" in url or "drafter" in url for url in urls)


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_unpublished_stories_are_in_no_sitemap(client, story, kind):
    ArticleFactory(headline="Secret story", slug="secret-story", section=story.section, **{kind: True})
    assert not any("secret-story" in url for url in all_sitemap_urls(client))
    assert b"secret-story" not in client.get("/news-sitemap.xml").content


def test_sitemap_index_pages_past_the_limit(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    section = SectionFactory(slug="world")
    for n in range(5):
        ArticleFactory(slug=f"story-{n}", section=section, published_at=timezone.now() - timedelta(hours=n + 1))
    index = fetch_xml(client, "/sitemap.xml")
    article_pages = [relative(loc.text) for loc in index.iter(f"{SM}loc") if "sitemap-articles.xml" in loc.text]
    assert article_pages == ["/sitemap-articles.xml", "/sitemap-articles.xml?p=2", "/sitemap-articles.xml?p=3"]
    seen = []
    for page in article_pages:
        seen += [loc.text for loc in fetch_xml(client, page).iter(f"{SM}loc")]
    assert seen == [f"http://testserver/articles/story-{n}/" for n in range(5)]


def test_news_sitemap_has_the_last_two_days_with_google_news_fields(client, settings):
    settings.NEWSROOM_SITE_NAME = "The Tripoli Times"
    ArticleFactory(headline="Fresh & new", slug="fresh", published_at=timezone.now() - timedelta(hours=3))
    ArticleFactory(headline="Old news", slug="old", published_at=timezone.now() - timedelta(hours=49))
    urlset = fetch_xml(client, "/news-sitemap.xml")
    [url] = urlset.findall(f"{SM}url")
    assert url.findtext(f"{SM}loc") == "http://testserver/articles/fresh/"
    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Tripoli Times"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Fresh & new"
    published = news.findtext(f"{NEWS}publication_date")
    assert timezone.datetime.fromisoformat(published) > timezone.now() - timedelta(hours=4)


def test_robots_txt_points_to_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert "User-agent: *" in lines


@pytest.mark.parametrize("count", [2, 50])
def test_sitemap_queries_do_not_grow_with_stories(client, django_assert_num_queries, count):
    for _ in range(count):
        ArticleFactory(actors=[ActorFactory()], countries=[CountryFactory()])
    with django_assert_num_queries(2):  # count for pagination, then the page
        client.get("/sitemap-articles.xml")
    with django_assert_num_queries(2):
        client.get("/sitemap-actors.xml")
    with django_assert_num_queries(2):
        client.get("/news-sitemap.xml")
