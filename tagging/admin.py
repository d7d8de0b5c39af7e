"""Admin pieces for automatic tagging: the tagging action, actor suggestions, merging tags."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from articles.admin import ArticleCountAdmin
from articles.models import Article
from articles.names import name_fold

from .admin_autocomplete import ActorQuickAddAdminMixin, TagSuggestAdminMixin, tag_field_urls
from .models import Actor, Country, DismissedSuggestion, IgnoredName, Place
from .services.countries import country_find
from .services.merging import tags_merge
from .services.names import Suggestion
from .services.suggestions import (
    CountrySuggestion,
    SuggestionError,
    actor_kind_guess,
    article_suggestions,
    suggestion_accept,
    suggestion_country_accept,
    suggestion_dismiss,
    suggestion_ignore,
)
from .services.tagging import articles_tag

SUGGESTIONS_SHOWN = 15
ACCEPT_URL = "articles_article_accept_suggestion"
COUNTRY_URL = "articles_article_accept_country_suggestion"
DISMISS_URL = "articles_article_dismiss_suggestion"
IGNORE_URL = "articles_article_ignore_suggestion"


# The fields' help once they are chips (the plain fields keep the model's, which speaks of commas).
CHIP_HELP = {
    "actors": "People and organisations the story is about: type a name and pick it from the list.",
    "countries": "Countries the story is about: type a name or an ISO code and pick it from the list.",
}


class ArticleTagsForm(forms.ModelForm):
    """The article form's tags: chips with suggestions in the browser (admin/js/tag_chips.js enhances the
    comma-separated inputs), each country checked, and new actors only from those who may add actors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, urls in tag_field_urls(user=getattr(self, "user", None)).items():
            if name in self.fields and not self.fields[name].disabled:
                attrs = self.fields[name].widget.attrs
                attrs["data-tag-suggest"] = urls["suggest"]
                attrs["data-tag-help"] = CHIP_HELP[name]
                if "create" in urls:
                    attrs["data-tag-create"] = urls["create"]

    def clean_actors(self):
        """Names that are not actors yet become actors on saving: only for those who may add actors."""
        names = self.cleaned_data.get("actors") or []
        user = getattr(self, "user", None)
        if not names or user is None or user.has_perm("tagging.add_actor"):
            return names
        same_name = Q()
        for name in names:
            same_name |= Q(name__iexact=name)
        known = {name_fold(actor) for actor in Actor.objects.filter(same_name).values_list("name", flat=True)}
        unknown = [name for name in names if name_fold(name) not in known]
        if unknown:
            raise forms.ValidationError(
                f"Not an actor yet: {', '.join(unknown)}. Choose an existing actor, or ask an editor to add it."
            )
        return names

    def clean_countries(self):
        """Map what the editor typed ("turkey", "UK", "LY") to the country's name; refuse the rest."""
        countries = list(Country.objects.all())
        by_name = {name_fold(name): c for c in countries for name in [c.name, c.code, *c.alias_list]}
        by_code = {country.code: country for country in countries}
        names, unknown = [], []
        for typed in self.cleaned_data.get("countries") or []:
            country = by_name.get(name_fold(typed))
            if country is None and (found := country_find(name=typed)):
                country = by_code.get(found.code) or found
            if country is None:
                unknown.append(typed)
            elif name_fold(country.name) not in {name_fold(name) for name in names}:
                names.append(country.name)
        if unknown:
            raise forms.ValidationError(
                f"Not a country: {', '.join(unknown)}. Use the English name (for example “Libya”) or the "
                "two-letter ISO code, or add the country under Countries first."
            )
        return names


class ArticleTaggingMixin:
    """For ArticleAdmin: the "Tag actors and countries" action and one-click actor suggestions.

    The admin it is mixed into says which articles a user may edit: `articles_editable(request,
    queryset)`, as editorial's article admin does.
    """

    @admin.action(description="Tag actors and countries", permissions=["change"])
    def tag_actors_and_countries(self, request, queryset):
        # Only the stories this user may edit (the article admin's editorial rules say which).
        editable, skipped = self.articles_editable(request, queryset)
        summary = articles_tag(articles=editable, user=request.user)
        self.message_user(
            request,
            f"Tagged {summary.articles} article(s): added {len(summary.countries_added)} country tag(s) "
            f"and {len(summary.actors_added)} actor tag(s) to {summary.articles_changed} of them.",
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                f"{skipped} article(s) were left as they were: you may tag only the "
                "stories you may edit (your own drafts and stories in review).",
                messages.WARNING,
            )

    @admin.display(description="suggested tags")
    def actor_suggestions(self, article: Article | None):
        """Countries of the places the story names, then names that look like actors: each with Add and Dismiss."""
        if article is None or article.pk is None:
            return "Suggestions appear once the article is saved."
        suggestions = article_suggestions(article=article)
        rows = [_country_row(article, suggestion) for suggestion in suggestions.countries]
        rows += [_actor_row(article, suggestion) for suggestion in suggestions.actors]
        ignored = format_html(
            '<p class="help"><a href="{}">Names never suggested on any story</a></p>',
            reverse("admin:tagging_ignoredname_changelist"),
        )
        if not rows:
            return format_html(
                '<div id="suggestions"><p class="tag-suggestions-none">No suggestions: the story names no new '
                "actor and no place of a country it lacks.</p>{}</div>",
                ignored,
            )
        return format_html(
            '<div id="suggestions"><ul class="tag-suggestions">{}</ul><p class="help">“Add” tags the story at '
            "once and reloads the page: save your other changes first. “Dismiss” stops the suggestion on this "
            "story.</p>{}</div>",
            format_html_join("", "{}", ((row,) for row in rows[:SUGGESTIONS_SHOWN])),
            ignored,
        )

    def get_urls(self):
        decide = self.admin_site.admin_view(self.suggestion_view)
        return [
            path("<path:object_id>/suggestions/accept/", decide, {"decision": "accept"}, name=ACCEPT_URL),
            path("<path:object_id>/suggestions/country/", decide, {"decision": "country"}, name=COUNTRY_URL),
            path("<path:object_id>/suggestions/dismiss/", decide, {"decision": "dismiss"}, name=DISMISS_URL),
            path("<path:object_id>/suggestions/ignore/", decide, {"decision": "ignore"}, name=IGNORE_URL),
            *super().get_urls(),
        ]

    def suggestion_view(self, request, object_id, decision):
        """POST: add the suggested actor or country to the article, dismiss it there, or never suggest it again."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        may_create = decision != "accept" or request.user.has_perm("tagging.add_actor")
        if not (self.has_change_permission(request, article) and may_create):
            raise PermissionDenied
        name = request.POST.get("suggestion", "")
        try:
            if decision == "accept":
                actor = suggestion_accept(article=article, name=name, kind=request.GET.get("kind") or None)
                message = f"“{actor.name}” ({actor.get_kind_display().lower()}) now tags this article."
            elif decision == "country":
                country = suggestion_country_accept(article=article, code=name)
                message = f"“{country.name}” now tags this article."
            elif decision == "dismiss":
                dismissed = suggestion_dismiss(article=article, name=name, user=request.user)
                message = f"“{dismissed.name}” will not be suggested for this article again."
            else:
                ignored = suggestion_ignore(name=name)
                message = f"“{ignored.name}” will not be suggested again."
        except SuggestionError as error:
            self.message_user(request, f"Not done: {error}", messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]) + "#suggestions")


# The buttons submit the change form's CSRF token to the suggestion views (no nested forms).
_BUTTON = (
    '<button type="submit" class="button{}" formaction="{}" formnovalidate name="suggestion" value="{}" '
    'aria-label="{}">{}</button>'
)


def _row(*, name: str, detail: str, add: str, add_value: str, add_label: str, dismiss: str) -> str:
    return format_html(
        '<li class="tag-suggestion"><span class="tag-suggestion-name"><strong>{}</strong> '
        '<span class="tag-suggestion-detail">{}</span></span><span class="tag-suggestion-actions">{}{}</span></li>',
        name,
        detail,
        format_html(_BUTTON, " default", add, add_value, add_label, "Add"),
        format_html(_BUTTON, "", dismiss, name, f"Dismiss {name}", "Dismiss"),
    )


def _mentions(count: int) -> str:
    return "1 mention" if count == 1 else f"{count} mentions"


def _country_row(article: Article, suggestion: CountrySuggestion) -> str:
    return _row(
        name=suggestion.name,
        detail=f"country · {', '.join(suggestion.places)} · {_mentions(suggestion.count)}",
        add=reverse(f"admin:{COUNTRY_URL}", args=[article.pk]),
        add_value=suggestion.code,
        add_label=f"Add the country {suggestion.name}",
        dismiss=reverse(f"admin:{DISMISS_URL}", args=[article.pk]),
    )


def _actor_row(article: Article, suggestion: Suggestion) -> str:
    kind = Actor.Kind(actor_kind_guess(suggestion.name))
    return _row(
        name=suggestion.name,
        detail=f"{kind.label.lower()} · {_mentions(suggestion.count)}",
        add=f"{reverse(f'admin:{ACCEPT_URL}', args=[article.pk])}?kind={kind.value}",
        add_value=suggestion.name,
        add_label=f"Add {suggestion.name} as an actor ({kind.label.lower()})",
        dismiss=reverse(f"admin:{DISMISS_URL}", args=[article.pk]),
    )


class AliasedTagAdminMixin:
    """For ActorAdmin and CountryAdmin: the aliases column, and merging rows into one."""

    @admin.display(description="aliases")
    def alias_names(self, tag):
        return ", ".join(tag.alias_list)

    @admin.action(description="Merge selected into one", permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        tags = list(queryset.order_by("name"))
        if len(tags) < 2:
            self.message_user(request, "Select at least two to merge.", messages.WARNING)
            return None
        keep = request.POST.get("merge_into")
        if keep:
            target = next((tag for tag in tags if str(tag.pk) == keep), None)
            if target is None:
                self.message_user(request, "Choose which one to keep.", messages.ERROR)
                return None
            result = tags_merge(target=target, others=tags)
            kept = ", ".join(result.names_kept_as_aliases) or "none"
            self.message_user(
                request,
                f"Merged into “{target.name}”: {result.articles_moved} article(s) moved; "
                f"names kept as aliases: {kept}.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {self.opts.verbose_name_plural}",
            "opts": self.opts,
            "tags": tags,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/tagging/merge_tags.html", context)


@admin.register(Actor)
class ActorAdmin(ActorQuickAddAdminMixin, TagSuggestAdminMixin, AliasedTagAdminMixin, ArticleCountAdmin):
    count_relation = "article_items"
    list_display = ["name", "kind", "alias_names", "article_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    actions = ["merge_selected"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(TagSuggestAdminMixin, AliasedTagAdminMixin, ArticleCountAdmin):
    count_relation = "article_items"
    list_display = ["name", "code", "alias_names", "article_count"]
    search_fields = ["name", "code", "aliases"]
    actions = ["merge_selected"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(IgnoredName)
class IgnoredNameAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    """The gazetteer: places are never suggested as actors, and suggest their country instead."""

    list_display = ["name", "country_code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "country_code"]
    list_per_page = 100


@admin.register(DismissedSuggestion)
class DismissedSuggestionAdmin(admin.ModelAdmin):
    """Suggestions dismissed on one story; from here a name can be kept off every story."""

    list_display = ["name", "article", "dismissed_by", "created_at"]
    search_fields = ["name", "article__headline"]
    list_select_related = ["article", "dismissed_by"]
    raw_id_fields = ["article"]
    readonly_fields = ["dismissed_by", "created_at"]
    actions = ["ignore_everywhere"]

    @admin.action(description="Never suggest these names on any story", permissions=["change"])
    def ignore_everywhere(self, request, queryset):
        names = sorted({suggestion_ignore(name=row.name).name for row in queryset})
        self.message_user(request, f"Not suggested on any story from now on: {', '.join(names)}.", messages.SUCCESS)
