from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousReaderThrottle(AnonRateThrottle):
    """The anonymous API limit per client address, read from settings on each request (so it can be tuned)."""

    def get_rate(self) -> str:
        return settings.NEWSROOM_API_ANON_RATE
