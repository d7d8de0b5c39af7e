"""The page a locked-out admin sign-in gets from django-axes: what happened and when to retry."""

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)) if settings.AXES_COOLOFF_TIME else None
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "site_title": settings.NEWSROOM_SITE_NAME,
        "site_header": f"{settings.NEWSROOM_SITE_NAME} admin",
        "username": username,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    return TemplateResponse(request, "admin/locked_out.html", context, status=429).render()
