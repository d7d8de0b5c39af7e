from django.urls import path

from . import views

app_name = "liveblogs"

urlpatterns = [
    path("articles/<slug:slug>/live/updates/", views.updates, name="updates"),
    path("articles/<slug:slug>/live/feed.atom", views.live_feed, name="feed"),
]
