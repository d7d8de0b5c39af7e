from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("follow/", views.FollowView.as_view(), name="follow"),
    path("confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("manage/<str:token>/", views.ManageView.as_view(), name="manage"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("feedback/", views.FeedbackView.as_view(), name="feedback"),
]
