"""Shared caches in front of the site (Varnish, a CDN): the keys they keep pages by, and their purges.

Every cacheable page carries its keys (serving/dependencies.py) in a response header, by default
`Surrogate-Key` (Fastly's name; `xkey` for Varnish's vmod and `Cache-Tag` for Cloudflare are set
with PAGE_CACHE_KEY_HEADERS), plus the key `all` that every page has. Each header is written as its
cache reads it: space-separated for Surrogate-Key and xkey, comma-separated for Cloudflare's Cache-Tag
(Cloudflare splits tags on commas only, so a space-separated list would be one long tag that no
purge ever names). When content changes, the keys are sent to each proxy in PAGE_CACHE_PURGE_URLS
after the transaction commits: an HTTP `PURGE` request with the keys, space-separated, in the
`xkey-purge` header, or `xkey-softpurge` for in-place edits of public stories (what
deploy/varnish/newsroom.vcl understands). Sending happens in a background thread of the process: a
save never waits for a proxy and never fails because of one; a proxy that does not answer is tried again
(PAGE_CACHE_PURGE_ATTEMPTS times, a second apart, then logged).

Each purge is sent a second time PAGE_CACHE_PURGE_REPEAT_SECONDS later. A proxy may be fetching a page
from a worker at the moment a change commits: that worker read its rows before the commit, the first
purge finds nothing to remove, and the proxy then keeps the old page for its whole lifetime. The
second purge removes it once such a render has ended (the app's own cache never keeps it, see
serving/store.py).
"""

import logging
import queue
import threading
import time
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)

KEY_ALL = "all"  # every page carries it: purging it empties the proxy of Newsroom's pages
PURGE_HEADER = "xkey-purge"
SOFT_PURGE_HEADER = "xkey-softpurge"  # the proxy may serve the old page while it fetches the new one
MAX_HEADER_KEYS = 200  # keys per purge request, so a bulk change never makes an oversized header

_queue: "queue.Queue[tuple[str, tuple[str, ...], bool]]" = queue.Queue()
_worker: threading.Thread | None = None
_worker_lock = threading.Lock()
_unfinished = threading.Condition()
_in_flight = 0  # purges queued and not yet sent
_repeats_waiting = 0  # purges to be sent again, whose time has not come


# Headers whose cache splits the list on commas; every other name is space-separated (Fastly's
# Surrogate-Key, Varnish's xkey).
COMMA_SEPARATED_HEADERS = frozenset({"cache-tag"})


def surrogate_keys(keys, *, header: str = "Surrogate-Key") -> str:
    """The value of `header` for a page's keys: `all` and its own, with the separator that cache expects."""
    separator = "," if header.lower() in COMMA_SEPARATED_HEADERS else " "
    return separator.join([KEY_ALL, *sorted(keys)])


def edge_purge(keys, *, soft: bool = False) -> None:
    """Send a purge of `keys` to every configured proxy, in the background; returns at once.

    `soft` only for the keys of in-place edits of public stories (serving/content_version.py): the
    proxy may answer with the old page while it fetches the new one (Varnish's grace), so readers
    never wait on a re-render after a typo fix. Anything else (a publication, an unpublication, a
    move) is purged outright: the old page is never served again.
    """
    urls = tuple(settings.PAGE_CACHE_PURGE_URLS)
    keys = tuple(sorted(set(keys)))
    if not urls or not keys:
        return
    _enqueue(urls=urls, keys=keys, soft=soft)
    repeat = settings.PAGE_CACHE_PURGE_REPEAT_SECONDS
    if repeat > 0:
        _repeats_add(1)
        timer = threading.Timer(repeat, _repeat, kwargs={"urls": urls, "keys": keys, "soft": soft})
        timer.daemon = True
        timer.start()


def _enqueue(*, urls: tuple[str, ...], keys: tuple[str, ...], soft: bool) -> None:
    for url in urls:
        for start in range(0, len(keys), MAX_HEADER_KEYS):
            _in_flight_add(1)
            _queue.put((url, keys[start : start + MAX_HEADER_KEYS], soft))
    _worker_start()


def _repeat(*, urls: tuple[str, ...], keys: tuple[str, ...], soft: bool) -> None:
    try:
        _enqueue(urls=urls, keys=keys, soft=soft)
    finally:
        _repeats_add(-1)


def _in_flight_add(count: int) -> None:
    global _in_flight
    with _unfinished:
        _in_flight += count
        _unfinished.notify_all()


def _repeats_add(count: int) -> None:
    global _repeats_waiting
    with _unfinished:
        _repeats_waiting += count
        _unfinished.notify_all()


def edge_purge_everything() -> None:
    edge_purge([KEY_ALL])


def edge_idle(timeout: float = 10, *, repeats: bool = True) -> bool:
    """Wait until every purge queued so far was sent (or given up), their repeats too unless `repeats`
    is false; for tests and shutdown."""
    deadline = time.monotonic() + timeout
    with _unfinished:
        while _in_flight or (repeats and _repeats_waiting):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            _unfinished.wait(left)
    return True


def _worker_start() -> None:
    global _worker
    with _worker_lock:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_work, name="edge-purge", daemon=True)
            _worker.start()


def _work() -> None:
    while True:
        url, keys, soft = _queue.get()
        try:
            _send(url, keys, soft=soft)
        finally:
            _in_flight_add(-1)


def _send(url: str, keys: tuple[str, ...], *, soft: bool) -> None:
    if not url.startswith(("http://", "https://")):
        logger.error("PAGE_CACHE_PURGE_URLS must be http:// or https:// addresses, not %r", url)
        return
    attempts = max(1, settings.PAGE_CACHE_PURGE_ATTEMPTS)
    for attempt in range(1, attempts + 1):
        # Only http(s) addresses reach here (checked above).
        header = SOFT_PURGE_HEADER if soft else PURGE_HEADER
        request = urllib.request.Request(url, method="PURGE", headers={header: " ".join(keys)})  # noqa: S310
        try:
            timeout = settings.PAGE_CACHE_PURGE_TIMEOUT_SECONDS
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                response.read()
            return
        except (urllib.error.URLError, OSError) as error:
            if attempt == attempts:
                logger.error("Purging %d keys at %s failed %d times: %s", len(keys), url, attempts, error)
                return
            logger.warning("Purging at %s failed (%s); trying again", url, error)
            time.sleep(settings.PAGE_CACHE_PURGE_RETRY_SECONDS * attempt)
