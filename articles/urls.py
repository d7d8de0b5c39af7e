from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.FrontPageView.as_view(), name="front"),
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("actors/<slug:slug>/", views.ActorView.as_view(), name="actor"),
    path("countries/<slug:slug>/", views.CountryView.as_view(), name="country"),
]
