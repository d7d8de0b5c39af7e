from django.urls import path

from . import views
from .feeds import atom, feed_classes

app_name = "articles"

urlpatterns = [
    path("", views.FrontPageView.as_view(), name="front"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("site.webmanifest", views.web_manifest, name="manifest"),
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("sections/", views.SectionIndexView.as_view(), name="sections"),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
]

# Feeds: /feeds/latest.rss, /feeds/section/<slug>.atom, ... (RSS 2.0 and Atom for each).
for prefix, feed_class in feed_classes().items():
    route = "feeds/latest" if feed_class.listing is None else f"feeds/{prefix}/<slug:slug>"
    urlpatterns += [
        path(f"{route}.rss", feed_class.as_view(), name=f"feed-{prefix}-rss"),
        path(f"{route}.atom", atom(feed_class).as_view(), name=f"feed-{prefix}-atom"),
    ]
