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
    """Ready to serve readers: the database answers a query and the cache stores and returns a value."""
    failures = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Readiness check: the database is not reachable")
        failures.append("database")
    # A key of its own: probes arriving together must not read each other's value.
    probe = secrets.token_hex(8)
    key = f"readiness-probe:{probe}"
    try:
        cache.set(key, probe, timeout=10)
        if cache.get(key) != probe:
            failures.append("cache")
        cache.delete(key)
    except Exception:
        logger.exception("Readiness check: the cache is not reachable")
        failures.append("cache")
    if failures:
        return HttpResponse(f"not ready: {', '.join(failures)} unreachable", status=503, content_type="text/plain")
    return HttpResponse("ready", content_type="text/plain")
