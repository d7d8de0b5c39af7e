import os

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles.sitemaps import RobotsView, news_sitemap, sitemaps_all
from images.views import rendition_serve
from serving.canonical import is_page_number, page_cache_params

admin.site.site_header = f"{settings.NEWSROOM_SITE_NAME} admin"
admin.site.site_title = settings.NEWSROOM_SITE_NAME
admin.site.index_title = "Newsroom desk"

ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
SITEMAPS = sitemaps_all()

urlpatterns = [
    path("", include("serving.urls")),
    path(ADMIN_URL, admin.site.urls),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        page_cache_params(p=is_page_number)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", news_sitemap, name="news-sitemap"),
    path("api/", include("api.urls")),
    path("wires/", include("wires.urls")),
    path("authors/", include("authors.urls")),
    path("alerts/", include("alerts.urls")),
    path("", include("liveblogs.urls")),
    path("", include("articles.urls")),
    path("", include("tagging.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.NEWSROOM_SERVE_MEDIA:
    # One machine, debug off: the site serves pictures' renditions itself (README, "Pictures in production").
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", rendition_serve, name="media")]
