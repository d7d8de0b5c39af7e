"""The one FilterSet for the article list: the public page and the API both use it."""

from dataclasses import dataclass
from datetime import date

import django_filters
from django import forms
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import QueryDict

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
        if isinstance(value, QuerySet) and value.query.is_empty():
            return queryset  # nothing chosen (the form's empty choice): not even an empty query to compile
        for tag in value:
            queryset = queryset.filter(**{name: tag})
        return queryset

    def filter_ordering(self, queryset, name, value):
        if value == "relevance":
            return queryset  # search results come best first; without a search, newest first
        if value == "oldest":
            return queryset.order_by("published_at", "id")
        return queryset.order_by("-published_at", "-id")


@dataclass(frozen=True)
class ActiveFilter:
    """One filter in use on the article list, shown as a chip: what it is, and the address without it."""

    label: str
    value: str
    remove_url: str


def _without(params: QueryDict, name: str, value: str) -> str:
    remaining = params.copy()
    remaining.setlist(name, [v for v in params.getlist(name) if v != value])
    remaining.pop("page", None)
    if remaining.get("ordering") == "newest":
        remaining.pop("ordering")
    query = remaining.urlencode()
    return f"?{query}" if query else "?"


def filters_active(*, filterset: ArticleFilter) -> list[ActiveFilter]:
    """The filters a valid form uses, in the form's order, each with the address that removes it.

    Reads only what validating and filtering fetched already: no query of its own.
    """
    form, params = filterset.form, filterset.data
    if not form.is_valid():
        return []
    chips = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name == "ordering":
            if value and value != "newest":
                chips.append(ActiveFilter(field.label, dict(field.choices)[value], _without(params, name, value)))
            continue
        if value in (None, "", []):
            continue
        if isinstance(value, QuerySet | list):
            for item in value:
                chips.append(ActiveFilter(field.label, item.name, _without(params, name, item.slug)))
        elif hasattr(value, "slug"):
            chips.append(ActiveFilter(field.label, value.name, _without(params, name, value.slug)))
        elif isinstance(value, date):
            chips.append(ActiveFilter(field.label, f"{value:%-d %B %Y}", _without(params, name, params.get(name))))
        else:
            chips.append(ActiveFilter(field.label, str(value), _without(params, name, params.get(name))))
    return chips
