"""Admin pieces for automatic tagging: the tagging action, actor suggestions, merging tags."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from articles.admin import ArticleCountAdmin
from articles.models import Article
from articles.names import name_fold

from .models import Actor, Country, IgnoredName
from .services.countries import country_find
from .services.merging import tags_merge
from .services.names import Suggestion
from .services.tagging import (
    SuggestionError,
    article_suggestions,
    articles_tag,
    suggestion_accept,
    suggestion_ignore,
)

SUGGESTIONS_SHOWN = 15
ACCEPT_URL = "articles_article_accept_suggestion"
IGNORE_URL = "articles_article_ignore_suggestion"


class ArticleTagsForm(forms.ModelForm):
    """The article form, checking that each country typed in the tags is a country."""

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

    @admin.display(description="suggested actors")
    def actor_suggestions(self, article: Article | None):
        """Names in the story that look like actors nobody has added yet, each with add buttons."""
        if article is None or article.pk is None:
            return "Suggestions appear once the article is saved."
        suggestions = article_suggestions(article=article)[:SUGGESTIONS_SHOWN]
        if not suggestions:
            return "No new names: every name in the story is a known actor or a country."
        rows = format_html_join("", "{}", ((_suggestion_row(article, suggestion),) for suggestion in suggestions))
        return format_html(
            '<ul class="actor-suggestions">{}</ul><p class="help">A click creates the actor and tags '
            "this article with it; save your other changes first.</p>",
            rows,
        )

    def get_urls(self):
        decide = self.admin_site.admin_view(self.suggestion_view)
        return [
            path("<path:object_id>/suggestions/accept/", decide, {"decision": "accept"}, name=ACCEPT_URL),
            path("<path:object_id>/suggestions/ignore/", decide, {"decision": "ignore"}, name=IGNORE_URL),
            *super().get_urls(),
        ]

    def suggestion_view(self, request, object_id, decision):
        """POST: make the suggested name an actor tagging the article, or never suggest it again."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not (self.has_change_permission(request, article) and request.user.has_perm("tagging.add_actor")):
            raise PermissionDenied
        name = request.POST.get("suggestion", "")
        try:
            if decision == "accept":
                actor = suggestion_accept(article=article, name=name, kind=request.GET.get("kind", "other"))
                message = f"“{actor.name}” is now an actor and tags this article."
            else:
                ignored = suggestion_ignore(name=name)
                message = f"“{ignored.name}” will not be suggested again."
        except SuggestionError as error:
            self.message_user(request, f"Not done: {error}", messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def _suggestion_row(article: Article, suggestion: Suggestion) -> str:
    # The buttons submit the change form's CSRF token to the suggestion views (no nested forms).
    button = (
        '<button type="submit" class="button" formaction="{}" formnovalidate name="suggestion" value="{}">{}</button>'
    )
    accept = reverse(f"admin:{ACCEPT_URL}", args=[article.pk])
    choices = [(f"{accept}?kind={value}", suggestion.name, label) for value, label in Actor.Kind.choices]
    choices.append((reverse(f"admin:{IGNORE_URL}", args=[article.pk]), suggestion.name, "Not an actor"))
    mentions = "1 mention" if suggestion.count == 1 else f"{suggestion.count} mentions"
    buttons = format_html_join(" ", button, choices)
    return format_html("<li><strong>{}</strong> ({}) add as: {}</li>", suggestion.name, mentions, buttons)


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
class ActorAdmin(AliasedTagAdminMixin, ArticleCountAdmin):
    count_relation = "article_items"
    list_display = ["name", "kind", "alias_names", "article_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    actions = ["merge_selected"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(AliasedTagAdminMixin, ArticleCountAdmin):
    count_relation = "article_items"
    list_display = ["name", "code", "alias_names", "article_count"]
    search_fields = ["name", "code", "aliases"]
    actions = ["merge_selected"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(IgnoredName)
class IgnoredNameAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]
