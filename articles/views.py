from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from serving.canonical import CanonicalFiltersMixin
from serving.dependencies import LIST_ARCHIVE, LIST_FRONT, list_key, page_depends_on
from serving.pagination import CachedCountMixin

from . import selectors
from .access import Access, unpublished_access
from .extensions import story_page_context
from .filters import ArticleFilter, filters_active
from .fronts import articles_unpinned, front_build, front_page_build
from .listings import Listing, listing_get
from .models import Article


class FrontPageView(TemplateView):
    """The lead story and top stories (editors' pins first, then the latest), then each section's latest."""

    template_name = "articles/front.html"
    top_count = 10

    def get_context_data(self, **kwargs):
        page_depends_on(LIST_FRONT)
        context = super().get_context_data(**kwargs)
        context["front"], context["section_blocks"] = front_page_build(count=self.top_count)
        return context


class ArticleListView(CanonicalFiltersMixin, CachedCountMixin, FilterView):
    """Every published article, filterable; a bad filter shows a message, not an error."""

    filterset_class = ArticleFilter
    template_name = "articles/article_list.html"
    paginate_by = settings.ARTICLES_PER_PAGE
    strict = True

    def get_queryset(self):
        page_depends_on(LIST_ARCHIVE)
        return selectors.articles_published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The searched words, for highlighted snippets on the cards; empty when not searching.
        form = self.filterset.form
        context["search_query"] = form.cleaned_data.get("q", "") if form.is_valid() else ""
        context["active_filters"] = filters_active(filterset=self.filterset)
        # With nothing chosen the filter form is the same on every page of the archive: made once.
        context["filters_kept_key"] = "unfiltered" if set(self.request.GET) <= {"page"} else ""
        return context


class PreviewLinkExpired(Exception):
    """A preview link for this very story, signed since its links were last revoked, that is only too old.

    Its holder is told so (410) rather than shown a bare 404: they were given this story's link, so
    the page tells them nothing they did not know. Every other token is the 404 of a missing story.
    """


class ArticleDetailView(DetailView):
    """A story. Staff, and holders of a signed preview link, also see it before it is published."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        try:
            response = super().get(request, *args, **kwargs)
        except PreviewLinkExpired:
            response = TemplateResponse(request, "articles/preview_expired.html", status=410)
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def get_object(self, queryset=None):
        access = unpublished_access()
        is_staff = self.request.user.is_staff
        try:
            article = selectors.article_for_reader(
                slug=self.kwargs["slug"], include_unpublished=is_staff or access.asks(self.request)
            )
        except Article.DoesNotExist:
            raise Http404("No published article at this address.") from None
        if article.is_public or is_staff:
            return article
        check = access.check(request=self.request, article=article)
        if check is Access.SHOWN:
            return article
        if check is Access.EXPIRED:
            raise PreviewLinkExpired
        raise Http404("No published article at this address.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.article_page_context(article=self.object))
        context.update(story_page_context(article=self.object, request=self.request))
        # Related stories come from the lists of the story's actors and countries (the page cache's keys).
        tags = [*self.object.actors.all(), *self.object.countries.all()]
        page_depends_on(*(list_key(tag._meta.model_name, tag.pk) for tag in tags))
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            # A preview is for the editor's eyes only (or a preview link's holder): no shared cache
            # may keep it, no search engine index it.
            patch_cache_control(response, private=True, no_cache=True)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ArticleGroupView(CachedCountMixin, ListView):
    """A paginated list of the published stories of one section, author, actor or country.

    Subclasses name their kind of listing (see listings.py) and their template.
    """

    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"
    listing_name = ""
    group_context_name = "group"

    @cached_property
    def listing(self) -> Listing:
        return listing_get(self.listing_name)

    def get_group(self):
        # Staff may look at a page before its first story is out (a new author's "view on site").
        groups = self.listing.model.objects.all() if self.request.user.is_staff else self.listing.public()
        return get_object_or_404(groups, slug=self.kwargs["slug"])

    def get_queryset(self):
        self.group = self.get_group()
        page_depends_on(list_key(self.listing.name, self.group.pk))
        return self.listing.articles(selectors.articles_published(), self.group)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[self.group_context_name] = self.group
        return context


class SectionView(ArticleGroupView):
    template_name = "articles/section_detail.html"
    listing_name = "section"
    group_context_name = "section"

    pinned_count = 5

    def get_queryset(self):
        # Stories pinned to this front are shown above the list, so the list leaves them out.
        return articles_unpinned(queryset=super().get_queryset(), section=self.group)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            context["front"] = front_build(section=self.group, count=self.pinned_count, fill=False)
        return context


class SectionIndexView(ListView):
    """/sections/: every section with published stories, in navigation order, with how many each has."""

    template_name = "articles/section_index.html"
    context_object_name = "sections"

    def get_queryset(self):
        return selectors.sections_with_counts()


class SearchView(ArticleListView):
    """/search/?q=: the article list's search on a page of its own, with tips when nothing matches."""

    template_name = "articles/search.html"

    def get_queryset(self):
        if not self.request.GET.get("q", "").strip():
            return Article.objects.none()  # nothing asked yet: show the search box, not every story
        return super().get_queryset()


ICON_MAX_AGE = 7 * 24 * 3600  # a week: browsers ask for /favicon.ico on every site, whatever the page says


@cache
def _favicon() -> bytes:
    with open(finders.find("brand/favicon.ico"), "rb") as icon:
        return icon.read()


def favicon(request):
    """/favicon.ico, where browsers look for it before reading any page."""
    response = HttpResponse(_favicon(), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=ICON_MAX_AGE)
    return response


def web_manifest(request):
    """The web app manifest: the name and icons a phone shows for the site added to its home screen."""
    manifest = {
        "name": settings.NEWSROOM_SITE_NAME,
        "short_name": settings.NEWSROOM_SITE_NAME[:12],
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#a4161a",
        "icons": [
            {"src": static("brand/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("brand/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    response = JsonResponse(manifest, content_type="application/manifest+json")
    patch_cache_control(response, public=True, max_age=ICON_MAX_AGE)
    return response
