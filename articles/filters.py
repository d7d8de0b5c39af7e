"""The one FilterSet for the article list: the public page and the API both use it."""

import django_filters
from django import forms

from authors.models import Author

from .models import Actor, Article, Country, Section
from .search import MAX_QUERY_LENGTH, articles_search
from .selectors import groups_visible
from .widgets import CachedSelect, CachedSelectMultiple


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
        help_text='Words to find. Use "quotes" for an exact phrase and -word to leave a word out.',
        error_messages={"max_length": f"Search for at most {MAX_QUERY_LENGTH} characters."},
    )
    section = django_filters.ModelChoiceFilter(
        label="Section",
        queryset=lambda request: groups_visible(model=Section),
        to_field_name="slug",
        empty_label="All sections",
        error_messages={"invalid_choice": "There is no section called “%(value)s”."},
    )
    author = django_filters.ModelChoiceFilter(
        field_name="authors",
        label="Author",
        queryset=lambda request: groups_visible(model=Author).only("name", "slug"),
        to_field_name="slug",
        empty_label="All authors",
        widget=CachedSelect,
        error_messages={"invalid_choice": "There is no author called “%(value)s”."},
    )
    actor = django_filters.ModelMultipleChoiceFilter(
        field_name="actor_items__tag",
        label="Actor",
        queryset=lambda request: groups_visible(model=Actor),
        to_field_name="slug",
        method="filter_tags",
        widget=forms.MultipleHiddenInput,
        error_messages={"invalid_choice": "There is no actor called “%(value)s”."},
    )
    country = django_filters.ModelMultipleChoiceFilter(
        field_name="country_items__tag",
        label="Country",
        queryset=lambda request: groups_visible(model=Country),
        to_field_name="slug",
        method="filter_tags",
        widget=CachedSelectMultiple,
        error_messages={"invalid_choice": "There is no country called “%(value)s”."},
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
        fields = ["q", "section", "author", "actor", "country", "published_after", "published_before", "ordering"]

    def filter_text(self, queryset, name, value):
        return articles_search(queryset=queryset, text=value)

    def filter_tags(self, queryset, name, value):
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
