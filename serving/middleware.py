"""The page cache: public pages for anonymous readers come from the shared cache.

A page is stored with the content version it was rendered under and served only while that
version is current, so a publication, an edit or a retag shows on the very next request.
Its lifetime is also cut short at the next scheduled publication, when the page may change
without any write. Staff (anyone with a session cookie), API clients with credentials, the admin,
health checks and responses marked private, no-store or setting cookies never enter the cache:
a staff preview of a draft cannot leak to readers.

A page is kept with the keys of what it shows (serving/dependencies.py) and served only while none
of them was purged since it was made (serving/purge.py says what each write purges), so an edit
makes stale only the pages showing what changed. Every cacheable page carries an ETag derived from
its content, the same on every worker and server, so a browser's conditional GET is answered with
304 from the cached page without any view running, or after the view, when the page is not cached
on this server. Its keys go to shared caches in front too (serving/edge.py). A stored page keeps
its brotli and gzip variants, compressed once when stored (serving/compression.py). When many
readers miss the same page at once (right after a purge), one renders it and the others wait
briefly for it (serving/coalesce.py).

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
from .coalesce import coalescing, page_wait, render_claim, render_release
from .compression import encodings_make, variant_apply
from .content_version import STAMP_MARGIN_SECONDS, content_version_get, page_version_pinned, purge_sequence_get
from .dependencies import keys_recorded, page_keys
from .edge import surrogate_keys
from .store import CachedPage, ContentVersion, page_read, page_write, stamps_add, stamps_read

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

    @staticmethod
    def is_personal(request: HttpRequest) -> bool:
        """A request that may get a page of its own: a session, a message waiting, credentials."""
        return (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or MESSAGES_COOKIE in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.applies_to(request):
            response = self.get_response(request)
            if self.is_personal(request) and "Cache-Control" not in response:
                # A signed-in page: no shared cache may keep it, whatever its Vary says.
                patch_cache_control(response, private=True)
            return response
        key = page_cache_key(request)
        other_variant = False
        if settings.PAGE_CACHE:
            page, current = page_read(key)
            if page is not None and current is not None and self.is_fresh(page, current):
                if self.vary_matches(request, page):
                    return self.response_from(request, page)
                # Kept for other values of its Vary headers: answer this request fresh, keep the entry.
                other_variant = True
        owner = None
        if settings.PAGE_CACHE and not other_variant and coalescing() and query_is_canonical(request):
            # Another request may be making this very page (right after a purge): wait for it.
            owner = render_claim(key)
            if owner is None:
                response = page_wait(key, serve=lambda page, current: self.served_from(request, page, current))
                if response is not None:
                    return response
        try:
            return self.make(request, key=key, other_variant=other_variant)
        finally:
            if owner is not None:
                render_release(key, owner=owner)

    def served_from(
        self, request: HttpRequest, page: CachedPage | None, current: ContentVersion | None
    ) -> HttpResponse | None:
        """The kept page as this request's answer, if it is fresh and made for its Vary values."""
        if page is None or current is None or not self.is_fresh(page, current) or not self.vary_matches(request, page):
            return None
        return self.response_from(request, page)

    @staticmethod
    def vary_matches(request: HttpRequest, page: CachedPage) -> bool:
        return page.vary == vary_values(request, tuple(name for name, _value in page.vary))

    def make(self, request: HttpRequest, *, key: str, other_variant: bool) -> HttpResponse:
        """Render the page and keep it if it may be kept."""
        version, sequence = purge_sequence_get(content_version_get())
        started = timezone.now().timestamp()
        with keys_recorded() as shown, page_version_pinned(version=version, sequence=sequence):
            response = self.get_response(request)
        if not self.is_cacheable(request, response):
            return response
        keys = page_keys(shown)
        self.vary_for_readers(response)
        etag = self.add_validators(response, modified=started)
        self.add_keys(response, keys)
        if settings.PAGE_CACHE and request.method == "GET" and not other_variant and self.may_keep(request, response):
            timeout = self.timeout(version)
            if timeout > 0:
                page = CachedPage(
                    token=version.token,
                    status=response.status_code,
                    headers=[(name, value) for name, value in response.items() if name != CACHE_HEADER],
                    content=response.content,
                    vary=vary_values(request, vary_headers(response)),
                    sequence=sequence,
                    keys=keys,
                    etag=etag,
                    encoded=encodings_make(request, response),
                )
                stamps_add(version.token, keys, sequence=sequence, timeout=timeout + STAMP_MARGIN_SECONDS)
                page_write(key, page, timeout=timeout)
                response[CACHE_HEADER] = "miss"
                variant_apply(request, response, page.encoded)
        return self.not_modified(request, response) or response

    @staticmethod
    def is_fresh(page: CachedPage, current: ContentVersion) -> bool:
        """Rendered under the current version, before its next scheduled change, and no key purged since."""
        if page.token != current.token or not current.is_current(now=timezone.now().timestamp()):
            return False
        stamps = stamps_read(current.token, page.keys)
        return len(stamps) == len(page.keys) and all(stamp <= page.sequence for stamp in stamps.values())

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
    def add_validators(response: HttpResponse, *, modified: float) -> str:
        """An ETag from the content itself, so any worker or server gives the same one for the same page.

        Last-Modified is when the page was made: a worker that makes it again later answers a
        date-only revalidation with the page rather than wrongly with 304.
        """
        etag = f'W/"{hashlib.blake2b(response.content, digest_size=12).hexdigest()}"'
        response["ETag"] = etag
        response["Last-Modified"] = http_date(int(modified))
        if "Cache-Control" not in response:
            # Browsers may keep the page but must revalidate it every time; shared caches in front
            # (Varnish, a CDN) may keep it longer, since they are purged by key on every change.
            patch_cache_control(response, max_age=0, must_revalidate=True, public=True)
            response["Surrogate-Control"] = f"max-age={settings.PAGE_CACHE_SHARED_SECONDS}"
        return etag

    @staticmethod
    def vary_for_readers(response: HttpResponse) -> None:
        """Drop `Cookie` from Vary: a reader's page is the same whatever cookies come with it.

        Requests that could change it (a session, a message, credentials) never get this page and
        are answered `private` instead, so every cacheable page varies on the same headers
        (Accept-Encoding, added outside) and readers with a stray cookie share the cached copy.
        """
        names = [name.strip() for name in cc_delim_re.split(response.get("Vary", "")) if name.strip()]
        kept = [name for name in names if name.lower() != "cookie"]
        if kept:
            response["Vary"] = ", ".join(kept)
        elif "Vary" in response:
            del response["Vary"]

    @staticmethod
    def add_keys(response: HttpResponse, keys: tuple[str, ...]) -> None:
        for header in settings.PAGE_CACHE_KEY_HEADERS:
            response[header] = surrogate_keys(keys, header=header)

    @staticmethod
    def not_modified(request: HttpRequest, response: HttpResponse) -> HttpResponse | None:
        conditional = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
        return conditional if conditional is not response else None

    def response_from(self, request: HttpRequest, page: CachedPage) -> HttpResponse:
        response = HttpResponse(page.content, status=page.status)
        for name, value in page.headers:
            response[name] = value
        response[CACHE_HEADER] = "hit"
        variant_apply(request, response, page.encoded)
        return self.not_modified(request, response) or response
