"""Reads of live coverage for readers: the page's entries, the update endpoint's, the feed's.

Only published entries ever leave here (`LiveEntry.objects.published()`), and only of a story
readers may see (the caller passes one).
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from articles.models import Article

from .models import LiveBlog, LiveEntry

ENTRIES_PER_PAGE = 20
UPDATES_LENGTH = 20  # the newest entries the update endpoint sends: a reader's page never misses more in a poll
KEY_EVENTS_LIMIT = 12


def liveblog_of(article: Article) -> LiveBlog | None:
    """The story's live blog, or None; no query when the story was fetched with its extensions."""
    try:
        return article.liveblog
    except LiveBlog.DoesNotExist:
        return None


def entries_published(*, blog: LiveBlog) -> QuerySet[LiveEntry]:
    """The blog's published entries, newest first, with their author."""
    return LiveEntry.objects.published().filter(blog=blog).select_related("author").order_by("-published_at", "-id")


def _of_blog(entries, blog: LiveBlog) -> list[LiveEntry]:
    """`entries` knowing their blog (and so their story's address) without a query each."""
    entries = list(entries)
    for entry in entries:
        entry.blog = blog
    return entries


def entries_page(*, blog: LiveBlog, number) -> Page:
    """One page of entries, newest first; a bad or too high number gives the last page (Paginator.get_page)."""
    page = Paginator(entries_published(blog=blog), ENTRIES_PER_PAGE).get_page(number)
    page.object_list = _of_blog(page.object_list, blog)
    return page


def entry_pinned(*, blog: LiveBlog) -> LiveEntry | None:
    return next(iter(_of_blog(entries_published(blog=blog).filter(pinned=True)[:1], blog)), None)


def key_events(*, blog: LiveBlog) -> list[LiveEntry]:
    """The key events, newest first, each with `page_number`: the page of entries it is on, for its link.

    Two queries however long the blog: the key events, and the order of every entry's id.
    """
    events = _of_blog(entries_published(blog=blog).filter(key_event=True)[:KEY_EVENTS_LIMIT], blog)
    if events:
        order = list(entries_published(blog=blog).values_list("pk", flat=True))
        position = {pk: index for index, pk in enumerate(order)}
        for event in events:
            event.page_number = position.get(event.pk, 0) // ENTRIES_PER_PAGE + 1
    return events


def entries_latest(*, blog: LiveBlog, count: int = UPDATES_LENGTH) -> list[LiveEntry]:
    return _of_blog(entries_published(blog=blog)[:count], blog)
