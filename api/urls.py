"""/api/: the Content API, its OpenAPI schema and its documentation page (served locally, works offline)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from articles.listings import listings_all

from . import views

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
router.register("articles", views.ArticleViewSet, basename="article")
for listing in listings_all():  # /api/sections/, /api/authors/, /api/actors/, /api/countries/
    router.register(listing.plural, views.listing_viewset(listing), basename=listing.name)

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
