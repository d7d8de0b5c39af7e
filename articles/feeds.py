"""RSS 2.0 and Atom feeds: the latest stories, and those of each section, author, actor and country.

Each feed lists every author of a story (Django's generators write only one) and the story's
actors and countries as categories.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from . import selectors
from .listings import Listing, listing_for, listings_all
from .models import Article

FEED_LENGTH = 30
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with one <dc:creator> per author, as feed readers expect for co-written stories."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("hub"):  # WebSub: subscribers learn where to be told of changes
            handler.addQuickElement("atom:link", None, {"rel": "hub", "href": self.feed["hub"]})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author["name"])


class NewsAtomFeed(Atom1Feed):
    """Atom with one <author> (name and page) per author."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("hub"):  # WebSub, beside the rel="self" link Django writes
            handler.addQuickElement("link", "", {"rel": "hub", "href": self.feed["hub"]})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            handler.addQuickElement("uri", author["uri"])
            handler.endElement("author")


class ArticleFeed(Feed):
    """The latest published stories; `feed_classes` narrows it to one section, author, actor or country."""

    feed_type = NewsRssFeed
    listing: Listing | None = None

    @classmethod
    def as_view(cls):
        """A view making one feed instance per request, so the request can be kept on it safely."""

        def view(request, *args, **kwargs):
            return cls()(request, *args, **kwargs)

        return view

    def get_object(self, request, *args, **kwargs):
        self.request = request
        if self.listing is None:
            return None
        return get_object_or_404(self.listing.public(), slug=kwargs["slug"])

    def items(self, obj):
        queryset = selectors.articles_published(with_tags=True)
        if obj is not None:
            queryset = self.listing.articles(queryset, obj)
        return queryset[:FEED_LENGTH]

    def title(self, obj):
        site_name = settings.NEWSROOM_SITE_NAME
        return site_name if obj is None else f"{obj.name} · {site_name}"

    def link(self, obj):
        return reverse("articles:front") if obj is None else obj.get_absolute_url()

    def description(self, obj):
        if obj is None:
            return f"The latest stories from {settings.NEWSROOM_SITE_NAME}."
        return f"The latest stories from {settings.NEWSROOM_SITE_NAME}: {obj.name}."

    def subtitle(self, obj):
        return self.description(obj)

    def feed_url(self, obj):
        # With a WebSub hub, the feed's own address (rel="self") is the topic the hub is pinged with,
        # on the site's address; without one, Django's default (the request's host).
        return settings.NEWSROOM_SITE_URL + self.request.path if settings.NEWSROOM_WEBSUB_HUB else None

    def feed_extra_kwargs(self, obj):
        return {"hub": settings.NEWSROOM_WEBSUB_HUB} if settings.NEWSROOM_WEBSUB_HUB else {}

    def author_name(self, obj):
        # Atom wants an author for every entry; stories without a byline are credited to the publication.
        return settings.NEWSROOM_SITE_NAME

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.last_modified

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name] + [tag.name for tag in (*item.actors.all(), *item.countries.all())]

    def item_extra_kwargs(self, item: Article) -> dict:
        return {
            "authors": [
                {"name": byline.author.name, "uri": self.request.build_absolute_uri(byline.author.get_absolute_url())}
                for byline in item.bylines.all()
            ]
        }


def atom(feed_class: type[ArticleFeed]) -> type[ArticleFeed]:
    """The Atom twin of an RSS feed class."""
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": NewsAtomFeed})


def feed_classes() -> dict[str, type[ArticleFeed]]:
    """URL name prefix ("latest", "section", ...) -> the feed class; for urls.py and `feed_urls`."""
    return {
        "latest": ArticleFeed,
        **{
            listing.name: type(f"{listing.model.__name__}Feed", (ArticleFeed,), {"listing": listing})
            for listing in listings_all()
        },
    }


def feed_urls(*, obj: Model | None = None) -> dict[str, str]:
    """The RSS and Atom addresses of the feed for `obj` (a section, author, actor or country), or the latest."""
    prefix, kwargs = ("latest", {}) if obj is None else (listing_for(obj).name, {"slug": obj.slug})
    return {
        "rss": reverse(f"articles:feed-{prefix}-rss", kwargs=kwargs),
        "atom": reverse(f"articles:feed-{prefix}-atom", kwargs=kwargs),
    }
