"""Health checks for load balancers and orchestrators; never cached, never logged in."""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@require_GET
def liveness(request: HttpRequest) -> HttpResponse:
    """The process answers: a fixed "ok", touching neither the database nor the cache."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def readiness(request: HttpRequest) -> HttpResponse:
    """Ready to serve readers: the database answers a query (503 if not).

    The cache is checked too, but the site serves every page without it, so an unreachable cache
    is reported in the answer ("ready, degraded") and not as a failure: a load balancer that pulled
    every instance whenever Redis paused would take the whole site down with it.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Readiness check: the database is not reachable")
        return HttpResponse("not ready: database unreachable", status=503, content_type="text/plain")
    # A key of its own: probes arriving together must not read each other's value.
    probe = secrets.token_hex(8)
    key = f"readiness-probe:{probe}"
    try:
        cache_answers = cache.set(key, probe, timeout=10) is not False and cache.get(key) == probe
        cache.delete(key)
    except Exception:
        logger.exception("Readiness check: the cache is not reachable")
        cache_answers = False
    if not cache_answers:
        return HttpResponse("ready, degraded: cache unreachable, pages served uncached", content_type="text/plain")
    return HttpResponse("ready", content_type="text/plain")
