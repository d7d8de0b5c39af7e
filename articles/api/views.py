"""The read-only Content API: published stories and what they are filed under.

Stories are filtered by the very same ArticleFilter as the list page; a bad filter value is a
400 whose JSON names the parameter and says why, e.g. {"section": ["There is no section called “x”."]}.
"""

from django.db.models import QuerySet
from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets

from authors.models import Author

from .. import selectors
from ..filters import ArticleFilter
from ..models import Actor, Article, Country, Section
from . import serializers
from .pagination import ArticleCursorPagination, SlugCursorPagination

# The actor and country filters take slugs through a relation the schema generator cannot follow.
for _name in ("actor", "country"):
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
            for name, label in (("actor", "Actor"), ("country", "Country"))
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


def group_schema(*, listing: str, single: str, serializer) -> extend_schema_view:
    """The documented answers of a section, author, actor or country endpoint."""
    responses = {200: serializer, 404: NOT_FOUND, 429: RATE_LIMITED}
    return extend_schema_view(
        list=extend_schema(summary=listing, responses=responses),
        retrieve=extend_schema(summary=single, responses=responses),
    )


class GroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Sections, authors, actors or countries, by slug."""

    pagination_class = SlugCursorPagination
    filter_backends = []
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN


@group_schema(
    listing="List sections with published stories", single="One section", serializer=serializers.SectionSerializer
)
class SectionViewSet(GroupViewSet):
    serializer_class = serializers.SectionSerializer

    def get_queryset(self) -> QuerySet[Section]:
        return selectors.sections_with_published_articles()


@group_schema(
    listing="List authors with published stories", single="One author", serializer=serializers.AuthorSerializer
)
class AuthorViewSet(GroupViewSet):
    serializer_class = serializers.AuthorSerializer

    def get_queryset(self) -> QuerySet[Author]:
        return selectors.authors_with_published_articles()


@group_schema(listing="List actors in published stories", single="One actor", serializer=serializers.ActorSerializer)
class ActorViewSet(GroupViewSet):
    serializer_class = serializers.ActorSerializer

    def get_queryset(self) -> QuerySet[Actor]:
        return selectors.tags_with_published_articles(model=Actor)


@group_schema(
    listing="List countries in published stories", single="One country", serializer=serializers.CountrySerializer
)
class CountryViewSet(GroupViewSet):
    serializer_class = serializers.CountrySerializer

    def get_queryset(self) -> QuerySet[Country]:
        return selectors.tags_with_published_articles(model=Country)
