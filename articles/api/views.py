"""The read-only Content API: published stories and what they are filed under.

Stories are filtered by the very same ArticleFilter as the list page; a bad filter value is a
400 whose JSON names the parameter and says why, e.g. {"section": ["There is no section called “x”."]}.
"""

from django.db.models import QuerySet
from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
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


@extend_schema_view(
    list=extend_schema(
        summary="List published stories",
        description=ARTICLE_LIST_HELP,
        parameters=[
            OpenApiParameter(
                name, str, many=True, explode=True, description=f"{label} slug; repeat for stories about all of them."
            )
            for name, label in (("actor", "Actor"), ("country", "Country"))
        ],
    ),
    retrieve=extend_schema(summary="One published story, with its body"),
)
class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_class = ArticleFilter
    pagination_class = ArticleCursorPagination
    lookup_field = "slug"

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


@extend_schema_view(list=extend_schema(summary="List sections"), retrieve=extend_schema(summary="One section"))
class SectionViewSet(GroupViewSet):
    queryset = Section.objects.all()
    serializer_class = serializers.SectionSerializer


@extend_schema_view(
    list=extend_schema(summary="List authors with published stories"),
    retrieve=extend_schema(summary="One author"),
)
class AuthorViewSet(GroupViewSet):
    serializer_class = serializers.AuthorSerializer

    def get_queryset(self) -> QuerySet[Author]:
        return selectors.authors_with_published_articles()


@extend_schema_view(
    list=extend_schema(summary="List actors in published stories"),
    retrieve=extend_schema(summary="One actor"),
)
class ActorViewSet(GroupViewSet):
    serializer_class = serializers.ActorSerializer

    def get_queryset(self) -> QuerySet[Actor]:
        return selectors.tags_with_published_articles(model=Actor)


@extend_schema_view(
    list=extend_schema(summary="List countries in published stories"),
    retrieve=extend_schema(summary="One country"),
)
class CountryViewSet(GroupViewSet):
    serializer_class = serializers.CountrySerializer

    def get_queryset(self) -> QuerySet[Country]:
        return selectors.tags_with_published_articles(model=Country)
