"""The wire's gate: a partner key in `Authorization: Bearer <key>`, and a rate limit per key."""

from django.contrib.auth.models import AnonymousUser
from rest_framework import authentication, exceptions, permissions, throttling

from .models import PartnerKey, key_hash


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != "bearer":
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the key as “Authorization: Bearer <key>”.")
        key = PartnerKey.objects.filter(hashed_key=key_hash(header[1])).first()
        if key is None or not key.is_active:
            raise exceptions.AuthenticationFailed("This key is unknown or has been revoked.")
        return AnonymousUser(), key

    def authenticate_header(self, request):
        return 'Bearer realm="wire"'


class HasPartnerKey(permissions.BasePermission):
    message = "The wire is for partners: send your key as “Authorization: Bearer <key>”."

    def has_permission(self, request, view):
        return isinstance(request.auth, PartnerKey)


class PartnerKeyThrottle(throttling.SimpleRateThrottle):
    """Each key's own limit, counted per key (not per address: a partner may fetch from many machines)."""

    scope = "wire"

    def get_rate(self):
        return None  # set per request, from the key

    def allow_request(self, request, view):
        if not isinstance(request.auth, PartnerKey):
            return True
        self.rate = request.auth.rate
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
