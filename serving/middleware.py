"""The page cache: public pages for anonymous readers come from the shared cache.

A page is stored with the content version it was rendered under and served only while that
version is current, so a publication, an edit or a retag shows on the very next request.
Its lifetime is also cut short at the next scheduled publication, when the page may change
without any write. Staff (anyone with a session cookie), API clients with credentials, the admin,
health checks and responses marked private, no-store or setting cookies never enter the cache:
a staff preview of a draft cannot leak to readers.

Every cacheable page carries an ETag and Last-Modified derived from the content version, so a
browser's conditional GET is answered with 304 before any view runs.

What may enter the cache is bounded: only canonical addresses (serving/canonical.py), only pages up
to PAGE_CACHE_MAX_ENTRY_BYTES, and a cache that is full or unreachable makes misses, not errors
(serving/cache.py). A page is kept per scheme and host, so links written for https:// never reach a
reader on http://, and a page whose view sets Vary is served only to requests with the same values
of those headers.
"""

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import http_date, parse_http_date_safe

from .canonical import canonical_query, query_is_canonical
from .content_version import content_version_get
from .store import CachedPage, ContentVersion, page_read, page_write

CACHE_HEADER = "X-Page-Cache"
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
MESSAGES_COOKIE = "messages"  # django.contrib.messages' cookie storage


def page_cache_key(request: HttpRequest) -> str:
    # The scheme comes from SECURE_PROXY_SSL_HEADER behind a proxy: pages hold absolute links.
    address = f"{request.scheme}://{request.get_host()}{request.path}?{canonical_query(request)}"
    return f"page:{hashlib.sha256(address.encode()).hexdigest()[:40]}"


def vary_headers(response: HttpResponse) -> tuple[str, ...] | None:
    """The request headers the response depends on, lower-case and sorted; None for `Vary: *`."""
    names = {name.strip().lower() for name in cc_delim_re.split(response.get("Vary", "")) if name.strip()}
    return None if "*" in names else tuple(sorted(names))


def vary_values(request: HttpRequest, names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((name, request.headers.get(name, "")) for name in names)


def page_etag(*, token: str, key: str) -> str:
    """A weak ETag that changes with the content version: same version, same page."""
    return f'W/"{token}-{key.removeprefix("page:")[:16]}"'


class PageCacheMiddleware:
    """Serve anonymous GET and HEAD requests for public pages from the cache; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def exempt_prefixes(self) -> tuple[str, ...]:
        prefixes = [reverse("admin:index"), settings.STATIC_URL, settings.MEDIA_URL, *settings.PAGE_CACHE_EXEMPT_PATHS]
        return tuple("/" + prefix.lstrip("/") for prefix in prefixes if prefix)

    def applies_to(self, request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and MESSAGES_COOKIE not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(self.exempt_prefixes)
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.applies_to(request):
            return self.get_response(request)
        key = page_cache_key(request)
        # A browser revalidating its copy: one cache read answers it (a query only if a new version starts).
        # "*" matches any page that exists, which only the view knows: a missing page must stay a 404.
        if request.META.get("HTTP_IF_NONE_MATCH", "*").strip() != "*":
            version = content_version_get()
            not_modified = get_conditional_response(request, etag=page_etag(token=version.token, key=key))
            if not_modified is not None and not_modified.status_code == 304:
                self.add_validators(not_modified, version=version, key=key)
                return not_modified
        other_variant = False
        if settings.PAGE_CACHE:
            page, current = page_read(key)
            # A page is only good for the version it was rendered under, and only until the next
            # scheduled story goes live (its timeout ends then too).
            if (
                page is not None
                and current is not None
                and page.token == current.token
                and current.is_current(now=timezone.now().timestamp())
            ):
                if page.vary == vary_values(request, tuple(name for name, _value in page.vary)):
                    return self.response_from(request, page)
                # Kept for other values of its Vary headers: answer this request fresh, keep the entry.
                other_variant = True
        version = content_version_get()
        response = self.get_response(request)
        if not self.is_cacheable(request, response):
            return response
        self.add_validators(response, version=version, key=key)
        if settings.PAGE_CACHE and request.method == "GET" and not other_variant and self.may_keep(request, response):
            timeout = self.timeout(version)
            if timeout > 0:
                page = CachedPage(
                    token=version.token,
                    status=response.status_code,
                    headers=[(name, value) for name, value in response.items() if name != CACHE_HEADER],
                    content=response.content,
                    vary=vary_values(request, vary_headers(response)),
                )
                page_write(key, page, timeout=timeout)
                response[CACHE_HEADER] = "miss"
        return response

    @staticmethod
    def may_keep(request: HttpRequest, response: HttpResponse) -> bool:
        """Whether this page may take room in the cache: a canonical address, a bounded size."""
        return (
            query_is_canonical(request)
            and len(response.content) <= settings.PAGE_CACHE_MAX_ENTRY_BYTES
            and vary_headers(response) is not None
        )

    @staticmethod
    def timeout(version: ContentVersion) -> int:
        """The page cache lifetime, cut short by the next scheduled publication."""
        timeout = settings.PAGE_CACHE_SECONDS
        if version.next_publication is not None:
            timeout = min(timeout, int(version.next_publication - timezone.now().timestamp()))
        return timeout

    @staticmethod
    def is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
            return False
        # A Content-Security-Policy nonce must be new for every response; a cached page would reuse it.
        return "'nonce-" not in response.get("Content-Security-Policy", "")

    @staticmethod
    def add_validators(response: HttpResponse, *, version: ContentVersion, key: str) -> None:
        response["ETag"] = page_etag(token=version.token, key=key)
        response["Last-Modified"] = http_date(int(version.changed_at))
        if "Cache-Control" not in response:
            # Shared caches and browsers may keep the page but must revalidate it every time.
            patch_cache_control(response, max_age=0, must_revalidate=True, public=True)

    @staticmethod
    def response_from(request: HttpRequest, page: CachedPage) -> HttpResponse:
        response = HttpResponse(page.content, status=page.status)
        for name, value in page.headers:
            response[name] = value
        response[CACHE_HEADER] = "hit"
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
