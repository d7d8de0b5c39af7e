from django.urls import path

from . import views

app_name = "wires"

urlpatterns = [
    path("ninjs/", views.NinjsListView.as_view(), name="ninjs-list"),
    path("ninjs/<slug:slug>/", views.NinjsDetailView.as_view(), name="ninjs-detail"),
]
