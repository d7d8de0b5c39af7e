from django.urls import path

from . import views

app_name = "tagging"

urlpatterns = [
    path("actors/", views.ActorIndexView.as_view(), name="actors"),
    path("actors/<slug:slug>/", views.ActorView.as_view(), name="actor"),
    path("countries/", views.CountryIndexView.as_view(), name="countries"),
    path("countries/<slug:slug>/", views.CountryView.as_view(), name="country"),
]
