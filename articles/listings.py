"""The four kinds of listing: the published stories of a section, of an author, about an actor or a country.

Each kind is described once, as a `Listing`, by the app that owns its model, and registered here
from its AppConfig.ready(): articles registers sections, authors authors, tagging actors and countries.
Everything that lists stories by kind reads the description instead of naming the kinds: the
group pages, the feeds, the sitemaps, the article list's filters, the Content API, the
structured data and the dossiers.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import Exists, Model, OuterRef, QuerySet

from .models import Article


@dataclass(frozen=True)
class Listing:
    """One kind of listing, and everything the site needs to know to list stories by it."""

    model: type[Model]
    # From an article queryset to the group: "section", "bylines__author", "actor_items__tag".
    articles_lookup: str
    # The group's page, reversed with its slug: "articles:section", "authors:detail".
    url_name: str
    # What the Content API shows of each group, besides the address of its page.
    api_fields: tuple[str, ...]
    # The article list's filter: its widget, and whether it takes several (stories about all of them).
    filter_widget: type[forms.Widget] = forms.Select
    filter_many: bool = False
    # What a page of this kind is about, for its schema.org CollectionPage (None: nothing more).
    about: Callable[[Model], dict | None] = lambda group: None

    @property
    def name(self) -> str:
        """The kind's name ("section", "author", "actor", "country"): in feed addresses, URL names, filters."""
        return self.model._meta.model_name

    @property
    def plural(self) -> str:
        """The kind's plural ("sections", "authors", ...): in sitemap and Content API addresses."""
        return str(self.model._meta.verbose_name_plural)

    def articles(self, queryset: QuerySet[Article], group: Model) -> QuerySet[Article]:
        """The stories of `queryset` listed under `group`."""
        return queryset.filter(**{self.articles_lookup: group})

    def public(self) -> QuerySet:
        """The groups of this kind a reader may see: those a published story is in or names.

        So a name known only from a draft (an embargoed story's subject, a new hire, a new desk)
        stays unpublished too. Built once per process and copied (the article list's filter form
        asks for each kind on every page it makes); the published gate reads the time when the
        query runs (articles.models.TimeNow).
        """
        built = _public_built.get(self.model)
        if built is None:
            built = _public_built[self.model] = self._public_build()
        return built.all()

    def _public_build(self) -> QuerySet:
        relation, _, group_field = self.articles_lookup.partition("__")
        if not group_field:
            # A field of the article itself (its section): one index probe per group.
            return self.model.objects.filter(Exists(Article.objects.published().filter(**{relation: OuterRef("pk")})))
        # The rows linking a story to its groups (bylines, tag rows), kept to published stories.
        links = Article._meta.get_field(relation)
        published = links.related_model.objects.filter(**{f"{links.field.name}__in": Article.objects.published()})
        return self.model.objects.filter(pk__in=published.values(f"{group_field}_id"))

    @property
    def group_articles_lookup(self) -> str:
        """`articles_lookup` read the other way, from a group to its stories: "articles",
        "bylines__article", "article_items__content_object"."""
        relation, _, group_field = self.articles_lookup.partition("__")
        field = Article._meta.get_field(relation)
        if not group_field:
            return field.related_query_name()
        links_to_group = field.related_model._meta.get_field(group_field)
        return f"{links_to_group.related_query_name()}__{field.field.name}"


_listings: dict[str, Listing] = {}
_public_built: dict[type[Model], QuerySet] = {}  # never evaluated: only copied


def listing_register(listing: Listing) -> None:
    """Add a kind of listing; apps call it from their AppConfig.ready()."""
    _listings[listing.name] = listing


def listings_all() -> list[Listing]:
    """Every kind, in the order the apps registered them (that of INSTALLED_APPS)."""
    return list(_listings.values())


def listing_get(name: str) -> Listing:
    return _listings[name]


def listing_for(group: Model) -> Listing:
    """The kind `group` (a section, author, actor or country) is listed as."""
    for listing in _listings.values():
        if isinstance(group, listing.model):
            return listing
    raise LookupError(f"No listing for {group!r}")
