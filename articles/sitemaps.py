"""Sitemaps for search engines: every public page, and a Google News sitemap of the last two days."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.db.models import Max, Q, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from .extensions import story_last_modified, story_relations, with_extensions
from .listings import Listing, listings_all
from .models import Article

NEWS_WINDOW = timedelta(hours=48)
NEWS_SITEMAP_LIMIT = 1000  # Google News reads at most 1,000 stories per sitemap.


class ArticleSitemap(Sitemap):
    """Every published story, newest first, with its last change; 50,000 per page."""

    def items(self) -> QuerySet[Article]:
        return Article.objects.published().only("slug", "published_at", "updated_at").order_by("-published_at", "-id")

    def lastmod(self, item: Article):
        return item.last_modified

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class GroupSitemap(Sitemap):
    """Sections, authors, actors or countries that have published stories, changed when their newest story was."""

    def __init__(self, *, listing: Listing):
        self.listing = listing

    def items(self):
        published = Article.objects.published().values("pk")
        lookup = self.listing.group_articles_lookup
        return (
            self.listing.model.objects.filter(**{f"{lookup}__in": published})
            .annotate(latest=Max(f"{lookup}__published_at", filter=Q(**{f"{lookup}__in": published})))
            .only("slug")
            .order_by("slug")
        )

    def lastmod(self, item):
        return item.latest


class NewsSitemap(Sitemap):
    """Google News: stories published in the last 48 hours, with publication name and language."""

    limit = NEWS_SITEMAP_LIMIT

    def items(self) -> QuerySet[Article]:
        since = timezone.now() - NEWS_WINDOW
        return (
            with_extensions(Article.objects.published())
            .filter(published_at__gte=since)
            .only("slug", "headline", "published_at", "updated_at", *story_relations())
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item: Article):
        # A story that goes on changing (a live blog's entries) is news again each time.
        return story_last_modified(item)


def news_language() -> str:
    """The publication language as Google News wants it: ISO 639 ("en"), but zh-cn / zh-tw for Chinese."""
    code = settings.LANGUAGE_CODE.lower()
    return code if code in {"zh-cn", "zh-tw"} else code.split("-")[0]


def sitemaps_all() -> dict[str, Sitemap]:
    """The sitemap index's parts: every story, then each kind of listing ("sections", "authors", ...)."""
    return {"articles": ArticleSitemap, **{listing.plural: GroupSitemap(listing=listing) for listing in listings_all()}}


@require_safe
def news_sitemap(request: HttpRequest) -> TemplateResponse:
    """The Google News sitemap at /news-sitemap.xml."""
    urls = NewsSitemap().get_urls(site=RequestSite(request), protocol=request.scheme)
    context = {
        "urlset": urls,
        "publication_name": settings.NEWSROOM_SITE_NAME,
        "publication_language": news_language(),
    }
    response = TemplateResponse(request, "sitemaps/news_sitemap.xml", context, content_type="application/xml")
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


class RobotsView(TemplateView):
    """robots.txt: crawl everything public, skip search results, and find the sitemaps here."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"
    http_method_names = ["get", "head", "options"]
