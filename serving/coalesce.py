"""Concurrent misses of one page make it once: the first request renders, the others wait for it.

Right after a purge the most-read pages (the front page, the latest story) are missing, and every
reader asking for them at that moment would render the same page: on a news day, with an editor
saving every few seconds, that is most of the workers' time. Instead the first request takes a short
lock on the page's key (`SET NX PX` in Redis, so it holds across every worker and server) and
renders; the others poll the cache for the page it stores and serve it as a hit.

What they serve is checked exactly like any hit (serving/store.py): a page made from rows read
before a purge is not fresh after it, so a reader who arrived after the purge never gets it and
renders the page itself. Waiting is bounded by PAGE_CACHE_COALESCE_SECONDS, which is also the
lock's lifetime: a holder that dies, hangs or makes a page that may not be kept costs the others
at most that, then each renders for itself. When Redis does not answer, nobody holds a lock and
nobody waits. PAGE_CACHE_COALESCE_SECONDS = 0 turns coalescing off.
"""

import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpResponse

from . import store
from .store import CachedPage, ContentVersion

POLL_SECONDS = 0.02  # between two looks at the cache while another request renders

# The clock and the pause of the wait, replaced in tests so they never depend on real time.
_clock = time.monotonic
_sleep = time.sleep


def render_claim(key: str) -> str | None:
    """A token if this request is to render page `key` (and must release it), None if another one is."""
    seconds = settings.PAGE_CACHE_COALESCE_SECONDS
    if seconds <= 0:
        return None
    owner = secrets.token_hex(8)
    if store.render_lock_claim(key, owner=owner, milliseconds=max(1, int(seconds * 1000))):
        return owner
    return None


def render_release(key: str, *, owner: str) -> None:
    store.render_lock_release(key, owner=owner)


def coalescing() -> bool:
    return settings.PAGE_CACHE_COALESCE_SECONDS > 0


def page_wait(
    key: str, *, serve: Callable[[CachedPage | None, ContentVersion | None], HttpResponse | None]
) -> HttpResponse | None:
    """What `serve` makes of page `key` once another request has stored it; None to render it here.

    `serve` gives a response only for a page this request may have (fresh, same Vary values). The
    lock is looked at before the page: once it is gone, the holder has stored whatever it was going
    to store, so one more look at the page settles it.
    """
    deadline = _clock() + settings.PAGE_CACHE_COALESCE_SECONDS
    while True:
        _sleep(POLL_SECONDS)
        held = store.render_lock_held(key)
        response = serve(*store.page_read(key))
        if response is not None:
            return response
        if not held or _clock() >= deadline:
            return None
