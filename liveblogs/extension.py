"""Live coverage on every story that has it: the badge on its cards, the entries on its page, its
JSON-LD as a LiveBlogPosting, its last entry in the news sitemap (articles/extensions.py)."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import Truncator

from articles.extensions import StoryExtension
from articles.html import html_to_text
from articles.models import Article
from serving.canonical import PAGE_NUMBER, page_cache_accept, single_value
from serving.dependencies import list_key, page_depends_on

from .selectors import entries_latest, entries_page, entry_pinned, key_events, liveblog_of


def entry_json_ld(*, entry, request: HttpRequest) -> dict:
    """One entry as a schema.org BlogPosting, with its own address (the story's, at the entry's anchor)."""
    text = html_to_text(entry.body)
    data = {
        "@type": "BlogPosting",
        "@id": request.build_absolute_uri(entry.get_absolute_url()),
        "url": request.build_absolute_uri(entry.get_absolute_url()),
        "headline": (entry.title or Truncator(text.replace("\n", " ")).chars(110)),
        "articleBody": text,
        "datePublished": entry.published_at.isoformat(),
        "dateModified": max(entry.updated_at, entry.published_at).isoformat(),
    }
    if entry.author is not None:
        data["author"] = {
            "@type": "Person",
            "name": entry.author.name,
            "url": request.build_absolute_uri(entry.author.get_absolute_url()),
        }
    return data


class LiveCoverage(StoryExtension):
    related = "liveblog"
    head_template = "liveblogs/_head.html"
    header_template = "liveblogs/_badge.html"
    body_template = "liveblogs/_entries.html"
    card_template = "liveblogs/_card.html"

    def card_fingerprint(self, article: Article) -> tuple:
        blog = liveblog_of(article)
        if blog is None:
            return ()
        return (blog.is_live, blog.last_entry_at.timestamp() if blog.last_entry_at else None)

    def page_context(self, *, article: Article, request: HttpRequest) -> dict:
        blog = liveblog_of(article)
        if blog is None:
            return {}
        # The page shows the blog's entries: an entry's change purges it (liveblogs/signals.py).
        page_depends_on(list_key("liveblog", blog.pk))
        number = single_value(request, "page")
        if number is not None and PAGE_NUMBER.fullmatch(number):
            page_cache_accept(request, "page")
        entries = entries_page(blog=blog, number=number or 1)
        pinned = entry_pinned(blog=blog)
        return {
            "liveblog": blog,
            "live_entries": entries,
            "live_page_number": entries.number,
            "live_pinned": pinned,
            "live_key_events": key_events(blog=blog),
            "live_updates_url": reverse("liveblogs:updates", kwargs={"slug": article.slug}),
            "live_feed_url": reverse("liveblogs:feed", kwargs={"slug": article.slug}),
            "live_poll_seconds": settings.LIVEBLOG_POLL_SECONDS,
        }

    def json_ld(self, *, article: Article, data: dict, request: HttpRequest) -> dict:
        blog = liveblog_of(article)
        if blog is None:
            return data
        data = {**data, "@type": "LiveBlogPosting", "coverageStartTime": blog.started_at.isoformat()}
        if blog.ended_at is not None:
            data["coverageEndTime"] = blog.ended_at.isoformat()
        if blog.last_entry_at is not None:
            data["dateModified"] = max(article.last_modified, blog.last_entry_at).isoformat()
        data["liveBlogUpdate"] = [entry_json_ld(entry=entry, request=request) for entry in entries_latest(blog=blog)]
        return data

    def last_modified(self, article: Article):
        blog = liveblog_of(article)
        return blog.last_entry_at if blog is not None else None
