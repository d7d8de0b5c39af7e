"""Compression of reader pages, feeds, sitemaps and API answers: brotli or gzip, as the client accepts.

A page the page cache keeps is compressed once, when it is stored (`encodings_make`), and each hit
sends the stored variant the client accepts; anything else is compressed as it goes out
(`CompressionMiddleware`). Every compressible response says `Vary: Accept-Encoding`, compressed
or not, so a shared cache keeps one copy per encoding.

BREACH: an attacker who can make a victim's browser send requests with reflected input (a search
term) and watch the compressed length can recover a secret in the same response, a byte at a
time. Reader pages hold no secret: they are the same for everyone and never carry a session or a
CSRF token (the page cache refuses anything that sets a cookie). So the rule is simple and has no
exceptions to remember: a response is never compressed when the request carries a session, the
response sets a cookie, or a CSRF token was put in it (Django's `get_token` marks the request).
That covers the admin, the desk, previews for staff and every form, with or without Django's own
mitigations (the masked, per-response CSRF token and GZipMiddleware's random padding), which only
make the attack slower; those pages are few and small, readers' pages are all compressed.
"""

import gzip
import re

import brotli
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

MIN_BYTES = 200  # below this the headers cost more than compression saves
ENCODINGS = ("br", "gzip")  # in order of preference
COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|javascript|[a-z.+-]*\+(json|xml))\b)")
BROTLI_QUALITY = 5  # brotli's good trade of speed for size for dynamic content; once per stored page
GZIP_LEVEL = 6
MESSAGES_COOKIE = "messages"
_ACCEPT = re.compile(r"\s*([a-z*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?", re.IGNORECASE)


def accepted_encoding(request: HttpRequest) -> str | None:
    """The best of ENCODINGS that the request's Accept-Encoding allows (q > 0), or None."""
    weights = {}
    for part in request.headers.get("Accept-Encoding", "").split(","):
        match = _ACCEPT.match(part)
        if not match:
            continue
        try:
            weights[match.group(1).lower()] = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
    for encoding in ENCODINGS:
        if weights.get(encoding, weights.get("*", 0)) > 0:
            return encoding
    return None


def is_compressible(response: HttpResponse) -> bool:
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and bool(COMPRESSIBLE.match(response.get("Content-Type", "")))
        and len(response.content) >= MIN_BYTES
    )


def may_compress(request: HttpRequest, response: HttpResponse) -> bool:
    """False for anything that carries a secret an attacker could recover through its length (BREACH)."""
    return not (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or MESSAGES_COOKIE in request.COOKIES
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY)
    # mtime=0: the same page gives the same bytes on every server.
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def encodings_make(request: HttpRequest, response: HttpResponse) -> tuple[tuple[str, bytes], ...]:
    """Every compressed variant of a page about to be stored (none when it may not be compressed)."""
    if not (is_compressible(response) and may_compress(request, response)):
        return ()
    return tuple((encoding, compress(response.content, encoding)) for encoding in ENCODINGS)


def response_encode(response: HttpResponse, *, encoding: str, body: bytes) -> None:
    response.content = body
    response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(body))


def variant_apply(request: HttpRequest, response: HttpResponse, encoded: tuple[tuple[str, bytes], ...]) -> None:
    """Send the stored variant the client accepts, if any (the page cache's hits and stores)."""
    encoding = accepted_encoding(request)
    for name, body in encoded:
        if name == encoding:
            response_encode(response, encoding=encoding, body=body)
            return


class CompressionMiddleware:
    """Compress what goes out uncompressed, when allowed; mark everything compressible Vary: Accept-Encoding.

    Sits outside the page cache, whose hits and stores are already encoded (their Content-Encoding
    tells this middleware to leave the body alone).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.streaming or not COMPRESSIBLE.match(response.get("Content-Type", "")):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not is_compressible(response) or not may_compress(request, response):
            return response
        encoding = accepted_encoding(request)
        if encoding is not None:
            response_encode(response, encoding=encoding, body=compress(response.content, encoding))
        return response
