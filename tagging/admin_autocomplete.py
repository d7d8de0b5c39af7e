"""The story editor's tag fields (actors and countries as chips): what they offer as an editor types,
and the actor they create. Admin pages of ActorAdmin and CountryAdmin, answering JSON.

Offering needs the permission to view the model; creating an actor needs the permission to add
one (editors have it, reporters do not). Both are checked here, on the server, whatever the page shows.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control

from .models import Actor
from .selectors import actors_autocomplete, countries_autocomplete
from .services.suggestions import SuggestionError, actor_get_or_create


def _private(response: JsonResponse) -> JsonResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


def tag_field_urls(*, user) -> dict[str, dict[str, str]]:
    """The addresses the article form's tag fields call for `user`: "suggest" each, "create" for actors
    only when the user may add actors."""
    urls = {
        "actors": {"suggest": reverse("admin:tagging_actor_suggest")},
        "countries": {"suggest": reverse("admin:tagging_country_suggest")},
    }
    if user is not None and user.has_perm("tagging.add_actor"):
        urls["actors"]["create"] = reverse("admin:tagging_actor_quick_add")
    return urls


class TagSuggestAdminMixin:
    """For ActorAdmin and CountryAdmin: `suggest/?term=` lists matching rows as JSON."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("suggest/", self.admin_site.admin_view(self.suggest_view), name=f"{name}_suggest"),
            *super().get_urls(),
        ]

    def suggest_view(self, request):
        """GET ?term=: up to ten matching names, each with what it is (kind, or country code)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        term = request.GET.get("term", "")
        find = actors_autocomplete if self.model is Actor else countries_autocomplete
        results = [{"name": option.name, "detail": option.detail} for option in find(term=term)]
        return _private(JsonResponse({"results": results}))


class ActorQuickAddAdminMixin:
    """For ActorAdmin: `quick-add/` (POST name, kind) makes the actor a story editor's chip field names."""

    def get_urls(self):
        return [
            path("quick-add/", self.admin_site.admin_view(self.quick_add_view), name="tagging_actor_quick_add"),
            *super().get_urls(),
        ]

    def quick_add_view(self, request):
        """Make the actor (or find the one of that name) and answer its name and kind; 400 with the reason."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        try:
            actor, created = actor_get_or_create(name=request.POST.get("name", ""), kind=request.POST.get("kind"))
        except SuggestionError as error:
            return _private(JsonResponse({"error": str(error)}, status=400))
        if created:
            self.log_addition(request, actor, [{"added": {}}])
        detail = actor.get_kind_display().lower()
        return _private(JsonResponse({"name": actor.name, "detail": detail, "created": created}))
