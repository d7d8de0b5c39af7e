"""The project's addresses plus uploaded media, which the live test server must serve itself.

`newsroom.urls` serves media only with DEBUG on, and tests run with DEBUG off.
"""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve


def media_serve(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    re_path(r"^media/(?P<path>.+)$", media_serve),
    path("", include("newsroom.urls")),
]
