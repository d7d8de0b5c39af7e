"""Change-list filters that stay cheap at 100,000 articles."""

from django.contrib import admin
from django.db.models import Max, Min, Model, Q
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section
from authors.models import Author
from tagging.models import Actor, Country

from .desk import articles_of_user


class PublishedYearFilter(admin.SimpleListFilter):
    """Stories published in a given year.

    Replaces the date hierarchy, whose list of years reads every row of the table on each page
    view; here the years come from the first and last publication dates (two index look-ups).
    """

    title = "year published"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        bounds = model_admin.model.objects.aggregate(first=Min("published_at"), last=Max("published_at"))
        if bounds["first"] is None:
            return []
        return [(str(year), str(year)) for year in range(bounds["last"].year, bounds["first"].year - 1, -1)]

    def queryset(self, request, queryset):
        # Only a year the filter offers: anything else ("0", "99999", "²") lists every story.
        if self.value() in {value for value, _ in self.lookup_choices}:
            return queryset.filter(published_at__year=int(self.value()))
        return queryset


class DeskFilter(admin.SimpleListFilter):
    """The desk's lists, whole: my stories, the team's drafts, scheduled, live."""

    title = "desk"
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        return [("mine", "Mine"), ("team", "Team drafts"), ("scheduled", "Scheduled"), ("live", "Live")]

    def queryset(self, request, queryset):
        now = timezone.now()
        mine = articles_of_user(user=request.user)
        conditions = {
            "mine": mine,
            "team": Q(status=Article.Status.DRAFT) & ~mine,
            "scheduled": Q(status=Article.Status.PUBLISHED, published_at__gt=now),
            "live": Q(status=Article.Status.PUBLISHED, published_at__lte=now),
        }
        if self.value() in conditions:
            return queryset.filter(conditions[self.value()])
        return queryset


class AutocompleteFilter(admin.SimpleListFilter):
    """A filter on one of thousands of rows (an author, an actor), typed into the admin's autocomplete box.

    Listing every author would make the side bar 400 links long; here only the chosen row is read
    (one query, none when nothing is chosen), and the box asks the admin's autocomplete view, which
    checks that the user may view the model, for the others.
    """

    template = "admin/articles/article/autocomplete_filter.html"
    model: type[Model]
    field_name = ""  # the article's relation the autocomplete view reads: its model, admin and search
    lookup = ""  # how the article list is narrowed to the chosen row's stories

    def lookups(self, request, model_admin):
        value = self.value()
        if not value or not (value.isascii() and value.isdigit()):
            return []
        chosen = self.model._default_manager.filter(pk=int(value)).first()
        return [(str(chosen.pk), str(chosen))] if chosen is not None else []

    def has_output(self):
        return True  # the box is shown with nothing chosen (no row listed)

    def queryset(self, request, queryset):
        if self.value() in {value for value, _ in self.lookup_choices}:
            return queryset.filter(**{self.lookup: int(self.value())})
        return queryset

    def choices(self, changelist):
        """One choice with what the filter's form needs: the box, the list's other parameters, a link to clear it."""
        chosen = self.lookup_choices[0] if self.lookup_choices else None
        kept = [
            (name, value)
            for name, values in changelist.filter_params.items()
            if name != self.parameter_name
            for value in values
        ]
        yield {
            "parameter": self.parameter_name,
            "chosen": chosen,
            "kept": kept,
            "clear_url": changelist.get_query_string(remove=[self.parameter_name]),
            "autocomplete_url": reverse("admin:autocomplete"),
            "app_label": changelist.model._meta.app_label,
            "model_name": changelist.model._meta.model_name,
            "field_name": self.field_name,
        }


class SectionFilter(AutocompleteFilter):
    title = "section"
    parameter_name = "section"
    model = Section
    field_name = "section"
    lookup = "section_id"


class AuthorFilter(AutocompleteFilter):
    title = "author"
    parameter_name = "author"
    model = Author
    field_name = "authors"
    lookup = "bylines__author_id"


class ActorFilter(AutocompleteFilter):
    title = "actor"
    parameter_name = "actor"
    model = Actor
    field_name = "actors"
    lookup = "actor_items__tag_id"


class CountryFilter(AutocompleteFilter):
    title = "country"
    parameter_name = "country"
    model = Country
    field_name = "countries"
    lookup = "country_items__tag_id"
