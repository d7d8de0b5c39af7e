"""Admin sign-in throttling (django-axes): whose address a sign-in comes from, when it is locked, and the
page a locked-out sign-in gets: what happened and when to retry."""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str | None:
    """The address a request comes from, exactly as the Content API's rate limit sees it.

    REMOTE_ADDR, or with NEWSROOM_PROXY_COUNT proxies in front (REST_FRAMEWORK["NUM_PROXIES"]) the
    X-Forwarded-For entry that many places from the right: the one the nearest trusted proxy wrote, which
    a client cannot forge. Anything that is not an address falls back to REMOTE_ADDR, the stricter choice.
    """
    address = BaseThrottle().get_ident(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return request.META.get("REMOTE_ADDR")


def address_failures(request: HttpRequest) -> int:
    """Wrong passwords from the request's address within the cool-off, whatever user names they tried."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class SignInAttemptHandler(AxesDatabaseHandler):
    """django-axes' database handler with a second, higher limit per address across every user name.

    AXES_FAILURE_LIMIT wrong passwords for one user name from one address lock that pair; in addition,
    NEWSROOM_SIGNIN_ADDRESS_FAILURE_LIMIT wrong passwords from one address, spread over any user names (a
    password spray), lock that address. The address count is kept out of AXES_LOCKOUT_PARAMETERS on
    purpose: django-axes resets every parameter's count on a good sign-in, so a sprayer holding one real
    account could wipe it; here a good sign-in only forgives that account's own mistakes.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        request.signin_address_locked = address_failures(request) >= settings.NEWSROOM_SIGNIN_ADDRESS_FAILURE_LIMIT
        if request.signin_address_locked:
            # axes locks when failures reach its limit: report at least that, for any user name.
            return max(failures, get_failure_limit(request, credentials))
        return failures


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)) if settings.AXES_COOLOFF_TIME else None
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    address_locked = getattr(request, "signin_address_locked", False)
    context = {
        "site_title": settings.NEWSROOM_SITE_NAME,
        "site_header": f"{settings.NEWSROOM_SITE_NAME} admin",
        "username": "" if address_locked else username,
        "address_locked": address_locked,
        "failure_limit": settings.NEWSROOM_SIGNIN_ADDRESS_FAILURE_LIMIT
        if address_locked
        else settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    return TemplateResponse(request, "admin/locked_out.html", context, status=429).render()
