"""The ninjs wire: /wires/ninjs/ (newest first, cursor pages) and /wires/ninjs/<slug>/, for partner keys only."""

from rest_framework import generics
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from articles.models import Article
from articles.selectors import bylines_prefetch

from .auth import HasPartnerKey, PartnerKeyAuthentication, PartnerKeyThrottle
from .ninjs import article_ninjs


def articles_for_wire():
    """Published stories, those under embargo included (flagged in the item), with all the item shows."""
    return (
        Article.objects.for_partners()
        .select_related("section")
        .prefetch_related(bylines_prefetch(), "actors", "countries")
    )


class WirePagination(CursorPagination):
    page_size = 50
    ordering = ("-published_at", "-id")


class WireView:
    authentication_classes = [PartnerKeyAuthentication]
    permission_classes = [HasPartnerKey]
    throttle_classes = [PartnerKeyThrottle]

    def ninjs(self, article):
        return article_ninjs(article=article, absolute=self.request.build_absolute_uri)


class NinjsListView(WireView, generics.GenericAPIView):
    pagination_class = WirePagination
    schema = None

    def get_queryset(self):
        return articles_for_wire()

    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([self.ninjs(article) for article in page])


class NinjsDetailView(WireView, generics.GenericAPIView):
    lookup_field = "slug"
    schema = None

    def get_queryset(self):
        return articles_for_wire()

    def get(self, request, slug):
        return Response(self.ninjs(self.get_object()))
