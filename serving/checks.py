"""System checks for serving: warn when the page cache cannot be shared between workers."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def page_cache_shared(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PAGE_CACHE and not settings.DEBUG and backend.endswith("LocMemCache"):
        return [
            Warning(
                "The page cache is kept in each worker's memory, so a change saved through one worker "
                f"can take up to PAGE_CACHE_SECONDS ({settings.PAGE_CACHE_SECONDS} s) to show on the others.",
                hint="Set REDIS_URL so every worker shares one cache, or PAGE_CACHE=0.",
                id="serving.W001",
            )
        ]
    return []
