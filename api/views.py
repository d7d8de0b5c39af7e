"""The read-only Content API: published stories and what they are filed under.

Stories are filtered by the very same ArticleFilter as the list page; a bad filter value is a
400 whose JSON names the parameter and says why, e.g. {"section": ["There is no section called “x”."]}.
"""

from django.db.models import QuerySet
from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets

from articles import selectors
from articles.filters import ArticleFilter
from articles.listings import Listing, listings_all
from articles.models import Article

from . import serializers
from .pagination import ArticleCursorPagination, SlugCursorPagination

# The actor and country filters take several slugs, through a relation the schema generator cannot follow.
MANY_FILTERS = [(kind.name, kind.model._meta.verbose_name.capitalize()) for kind in listings_all() if kind.filter_many]
for _name, _label in MANY_FILTERS:
    set_override(ArticleFilter.base_filters[_name], "field", OpenApiTypes.STR)

ARTICLE_LIST_HELP = (
    "Published stories, newest first (`ordering=oldest` for oldest first), filtered exactly as on the "
    'site\'s story list: `q` searches headlines, standfirsts and text ("quoted phrase", -word); '
    "`section`, `author`, `actor` and `country` take slugs (repeat `actor` or `country` for stories "
    "about all of them); dates are YYYY-MM-DD. Pages are cursors, so the API lists by date even when searching."
)

DETAIL_SCHEMA = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
FILTER_ERRORS = OpenApiResponse(
    response={"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description="A filter value could not be used: each key names a parameter, with the reasons.",
    examples=[OpenApiExample("Unknown section", value={"section": ["There is no section called “sport”."]})],
)
NOT_FOUND = OpenApiResponse(response=DETAIL_SCHEMA, description="No such published item, or a damaged cursor.")
RATE_LIMITED = OpenApiResponse(response=DETAIL_SCHEMA, description="Too many requests; see the Retry-After header.")

# The same slugs as the site's <slug:slug> addresses; anything else is a 404 before the database.
SLUG_PATTERN = "[-a-zA-Z0-9_]+"


@extend_schema_view(
    list=extend_schema(
        summary="List published stories",
        responses={200: serializers.ArticleSerializer, 400: FILTER_ERRORS, 404: NOT_FOUND, 429: RATE_LIMITED},
        description=ARTICLE_LIST_HELP,
        parameters=[
            OpenApiParameter(
                name, str, many=True, explode=True, description=f"{label} slug; repeat for stories about all of them."
            )
            for name, label in MANY_FILTERS
        ],
    ),
    retrieve=extend_schema(
        summary="One published story, with its body",
        responses={200: serializers.ArticleDetailSerializer, 404: NOT_FOUND, 429: RATE_LIMITED},
    ),
)
class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_class = ArticleFilter
    pagination_class = ArticleCursorPagination
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def get_queryset(self) -> QuerySet[Article]:
        return selectors.articles_published(with_tags=True)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ArticleDetailSerializer
        return serializers.ArticleSerializer


class GroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Sections, authors, actors or countries, by slug."""

    pagination_class = SlugCursorPagination
    filter_backends = []
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    listing: Listing

    def get_queryset(self):
        return self.listing.public()


def listing_viewset(listing: Listing) -> type[GroupViewSet]:
    """The endpoints of one kind of listing: /api/sections/, /api/sections/<slug>/, ..."""
    serializer = serializers.listing_serializer(listing)
    plural, singular = listing.plural, listing.model._meta.verbose_name
    listed = f"List {plural} with published stories"
    responses = {200: serializer, 404: NOT_FOUND, 429: RATE_LIMITED}
    viewset = type(
        f"{listing.model.__name__}ViewSet", (GroupViewSet,), {"listing": listing, "serializer_class": serializer}
    )
    return extend_schema_view(
        list=extend_schema(summary=listed, responses=responses),
        retrieve=extend_schema(summary=f"One {singular}", responses=responses),
    )(viewset)
