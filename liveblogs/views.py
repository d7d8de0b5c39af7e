"""What readers' browsers and feed readers fetch of a live story besides its page.

Both go through the page cache like any page: they depend only on the story and its entries
(`article:<pk>`, `list:liveblog:<pk>`), so they stay cached between entries, and a poll carrying
the ETag it was given gets 304 until the next entry (serving/cache.py).
"""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from articles.extensions import with_extensions
from articles.html import html_to_text
from articles.models import Article
from serving.dependencies import list_key, page_depends_on

from .models import LiveBlog, LiveEntry
from .selectors import entries_latest, entry_pinned, key_events, liveblog_of

FEED_LENGTH = 30


def _live_story(slug: str) -> tuple[Article, LiveBlog]:
    article = get_object_or_404(with_extensions(Article.objects.published()).select_related("section"), slug=slug)
    blog = liveblog_of(article)
    if blog is None:
        raise Http404("This story is not a live blog.")
    page_depends_on(list_key("liveblog", blog.pk))
    return article, blog


@require_safe
def updates(request: HttpRequest, slug: str) -> JsonResponse:
    """The newest published entries of a live story, rendered, for the page's script to insert.

    One address per story, the same for every reader (no `since`): the script keeps what it has.
    Five queries: the story with its blog, the entries, the pinned one, the key events and their pages.
    """
    article, blog = _live_story(slug)
    blog.article = article
    entries = entries_latest(blog=blog)
    highlights = {
        "live_pinned": entry_pinned(blog=blog),
        "live_key_events": key_events(blog=blog),
        "live_page_number": 1,
    }
    return JsonResponse(
        {
            "live": blog.is_live,
            # The pinned entry and the key events, as the top of the page shows them.
            "highlights": render_to_string("liveblogs/_highlights.html", highlights),
            "entries": [
                {
                    "id": entry.pk,
                    "version": entry.version,
                    "html": render_to_string("liveblogs/_entry.html", {"entry": entry, "article": article}),
                }
                for entry in entries
            ],
        }
    )


class LiveFeed(Feed):
    """The entries of one live story, newest first, as Atom: each links to its entry on the page."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        self.request = request
        return _live_story(slug)

    def title(self, obj):
        return f"Live: {obj[0].headline}"

    def link(self, obj):
        return obj[0].get_absolute_url()

    def subtitle(self, obj):
        return obj[0].summary

    def items(self, obj):
        article, blog = obj
        blog.article = article  # the entries' addresses need the story: no query for it
        return entries_latest(blog=blog, count=FEED_LENGTH)

    def item_title(self, item: LiveEntry) -> str:
        return item.title or Truncator(html_to_text(item.body).replace("\n", " ")).chars(100)

    def item_description(self, item: LiveEntry) -> str:
        return item.body

    def item_link(self, item: LiveEntry) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: LiveEntry) -> str:
        return self.request.build_absolute_uri(item.get_absolute_url())

    def item_pubdate(self, item: LiveEntry):
        return item.published_at

    def item_updateddate(self, item: LiveEntry):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item: LiveEntry):
        return item.author.name if item.author is not None else None


def live_feed(request: HttpRequest, slug: str):
    """A feed instance per request, so the request kept on it is never another reader's."""
    return LiveFeed()(request, slug=slug)
