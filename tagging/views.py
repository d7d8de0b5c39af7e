from django.utils import timezone
from django.views.generic import ListView, TemplateView

from articles.views import ArticleGroupView
from serving.canonical import CanonicalPageMixin
from serving.content_version import versioned_get_or_compute

from .dossiers import actors_with_counts, countries_with_counts, dossier_build


class TagView(ArticleGroupView):
    """An actor's or a country's page: its dossier (counts, chart, who and where else, latest) above
    the first page of its stories."""

    template_name = "tagging/tag_detail.html"
    group_context_name = "tag"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tag_kind"] = self.listing_name
        if context["page_obj"].number == 1:
            # Its aggregates read every story about the entity: worked out once per content version.
            tag = self.group
            key = f"dossier:{tag._meta.label}:{tag.pk}:{timezone.localdate()}"
            context["dossier"] = versioned_get_or_compute(key, lambda: dossier_build(tag=tag))
        return context


class ActorView(TagView):
    listing_name = "actor"


class CountryView(TagView):
    listing_name = "country"


class CountryIndexView(TemplateView):
    """Every country with stories: a world map coloured by their number, and the same numbers as a table."""

    template_name = "tagging/country_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["countries"] = countries_with_counts()
        return context


class ActorIndexView(CanonicalPageMixin, ListView):
    """Every actor with stories, most covered first."""

    template_name = "tagging/actor_index.html"
    context_object_name = "actors"
    paginate_by = 100

    def get_queryset(self):
        return actors_with_counts()
