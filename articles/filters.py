"""The one FilterSet for the article list: the public page and the API both use it."""

import django_filters
from django import forms
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from .listings import Listing, listings_all
from .models import Article
from .search import MAX_QUERY_LENGTH, articles_search

if not apps.ready:
    # The section, author, actor and country filters come from the listings the apps register
    # in their AppConfig.ready(): import this module only from views and URLs.
    raise ImproperlyConfigured("articles.filters was imported before every app was ready.")


def listing_filter(listing: Listing) -> django_filters.Filter:
    """The filter for one kind of listing, by slug: `?section=world`, `?actor=a&actor=b` (stories about both)."""
    verbose_name = listing.model._meta.verbose_name
    options = {
        "label": verbose_name.capitalize(),
        "queryset": lambda request: listing.public().only("name", "slug"),
        "to_field_name": "slug",
        "widget": listing.filter_widget,
        "error_messages": {"invalid_choice": f"There is no {verbose_name} called “%(value)s”."},
    }
    if listing.filter_many:
        return django_filters.ModelMultipleChoiceFilter(
            field_name=listing.articles_lookup, method="filter_all_of", **options
        )
    return django_filters.ModelChoiceFilter(
        field_name=listing.articles_lookup, empty_label=f"All {listing.plural}", **options
    )


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
        help_text='Words to find. Use "quotes" for an exact phrase and -word to leave a word out.',
        error_messages={"max_length": f"Search for at most {MAX_QUERY_LENGTH} characters."},
    )
    published_after = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__gte",
        label="Published on or after",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date as YYYY-MM-DD, for example 2019-12-20."},
    )
    published_before = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__lte",
        label="Published on or before",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date as YYYY-MM-DD, for example 2019-12-20."},
    )
    ordering = django_filters.ChoiceFilter(
        label="Order",
        choices=[("newest", "Newest first"), ("oldest", "Oldest first"), ("relevance", "Best match (when searching)")],
        empty_label=None,
        method="filter_ordering",
        error_messages={"invalid_choice": "Order by “newest”, “oldest” or “relevance”."},
    )

    class Meta:
        model = Article
        fields = ["q", "published_after", "published_before", "ordering"]

    @classmethod
    def get_filters(cls):
        """The declared filters, with one for each kind of listing after the search box."""
        filters = super().get_filters()
        search = {"q": filters.pop("q")}
        return {**search, **{listing.name: listing_filter(listing) for listing in listings_all()}, **filters}

    def filter_text(self, queryset, name, value):
        return articles_search(queryset=queryset, text=value)

    def filter_all_of(self, queryset, name, value):
        # Stories about every chosen tag: one join per tag. A story carries a tag at most once, so
        # no DISTINCT is needed, and the tag's id (not its slug) lets the database use its statistics.
        for tag in value:
            queryset = queryset.filter(**{name: tag})
        return queryset

    def filter_ordering(self, queryset, name, value):
        if value == "relevance":
            return queryset  # search results come best first; without a search, newest first
        if value == "oldest":
            return queryset.order_by("published_at", "id")
        return queryset.order_by("-published_at", "-id")
