"""Admin pieces for automatic tagging: the tagging action, actor suggestions, merging tags."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from .models import Actor, Article
from .services.merging import tags_merge
from .services.names import Suggestion
from .services.tagging import SuggestionError, article_suggestions, articles_tag, suggestion_accept

SUGGESTIONS_SHOWN = 15


class ArticleTaggingMixin:
    """For ArticleAdmin: the "Tag actors and countries" action and one-click actor suggestions."""

    @admin.action(description="Tag actors and countries", permissions=["change"])
    def tag_actors_and_countries(self, request, queryset):
        summary = articles_tag(articles=queryset)
        self.message_user(
            request,
            f"Tagged {summary.articles} article(s): added {len(summary.countries_added)} country tag(s) "
            f"and {len(summary.actors_added)} actor tag(s) to {summary.articles_changed} of them.",
            messages.SUCCESS,
        )

    @admin.display(description="suggested actors")
    def actor_suggestions(self, article: Article | None):
        """Names in the story that look like actors nobody has added yet, each with add buttons."""
        if article is None or article.pk is None:
            return "Suggestions appear once the article is saved."
        suggestions = article_suggestions(article=article)[:SUGGESTIONS_SHOWN]
        if not suggestions:
            return "No new names: every name in the story is a known actor or a country."
        url = reverse("admin:articles_article_accept_suggestion", args=[article.pk])
        rows = format_html_join("", "{}", ((_suggestion_row(url, suggestion),) for suggestion in suggestions))
        return format_html(
            '<ul class="actor-suggestions">{}</ul><p class="help">A click creates the actor and tags '
            "this article with it; save your other changes first.</p>",
            rows,
        )

    def get_urls(self):
        accept = path(
            "<path:object_id>/suggestions/accept/",
            self.admin_site.admin_view(self.accept_suggestion_view),
            name="articles_article_accept_suggestion",
        )
        return [accept, *super().get_urls()]

    def accept_suggestion_view(self, request, object_id):
        """POST: create the suggested actor (or find it) and tag the article; back to the article."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not (self.has_change_permission(request, article) and request.user.has_perm("articles.add_actor")):
            raise PermissionDenied
        name, kind = request.POST.get("suggestion", ""), request.GET.get("kind", Actor.Kind.OTHER)
        try:
            actor = suggestion_accept(article=article, name=name, kind=kind)
        except SuggestionError as error:
            self.message_user(request, f"Not added: {error}", messages.ERROR)
        else:
            self.message_user(request, f"“{actor.name}” is now an actor and tags this article.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def _suggestion_row(url: str, suggestion: Suggestion) -> str:
    # The buttons submit the change form's CSRF token to the accept view (no nested forms).
    buttons = format_html_join(
        " ",
        '<button type="submit" class="button" formaction="{}?kind={}" formnovalidate name="suggestion" '
        'value="{}">{}</button>',
        ((url, value, suggestion.name, label) for value, label in Actor.Kind.choices),
    )
    mentions = "1 mention" if suggestion.count == 1 else f"{suggestion.count} mentions"
    return format_html("<li><strong>{}</strong> ({}) add as: {}</li>", suggestion.name, mentions, buttons)


class MergeTagsMixin:
    """For ActorAdmin and CountryAdmin: merge the selected rows into one, keeping names as aliases."""

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
        return TemplateResponse(request, "admin/articles/merge_tags.html", context)
