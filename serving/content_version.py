"""The content version: one token that changes whenever anything a reader can see changes.

Cached pages, cached list counts and ETags all carry the token, so changing it makes every one
of them stale at once: nothing has to know which pages show an article.

The version lives in the shared cache (Redis in production), so a change saved through one
gunicorn worker is seen by every worker on its next request. It also records when the next
scheduled story goes live or a pinned story's pin expires: that changes what readers see
without any write, so the first request after that moment starts a new version, and no
cached page outlives it.

Writers pay for the version (an indexed query or two to find that moment); readers only read
one cache key.
"""

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

STATE_KEY = "content-version"
ROLLOVER_LOCK_KEY = "content-version:rollover:{token}"
T = TypeVar("T")


@dataclass(frozen=True)
class ContentVersion:
    """What every cached page, count and ETag is keyed by."""

    token: str
    changed_at: float  # Unix time of the change: the pages' Last-Modified
    next_publication: float | None  # Unix time pages next change by themselves, None if never

    @classmethod
    def from_state(cls, state: tuple) -> "ContentVersion":
        return cls(*state)

    def is_current(self, *, now: float) -> bool:
        """False once the next scheduled story is due: pages of this version may miss it."""
        return self.next_publication is None or now < self.next_publication


def _now() -> float:
    return timezone.now().timestamp()


def _next_timed_change() -> float | None:
    """The next moment pages change by themselves (a scheduled story, a pin expiring), or None.

    Each function in settings.PAGE_CACHE_TIMED_CHANGES costs one indexed query.
    """
    moments = [import_string(path)() for path in settings.PAGE_CACHE_TIMED_CHANGES]
    moments = [moment.timestamp() for moment in moments if moment is not None]
    return min(moments, default=None)


def _new_state(*, changed_at: float | None = None) -> tuple:
    token = f"{time.time_ns():x}{secrets.token_hex(3)}"
    return (token, _now() if changed_at is None else changed_at, _next_timed_change())


def content_version_bump(*, changed_at: float | None = None) -> None:
    """Start a new content version: every cached page and count becomes stale at once.

    If the cache does not take the new version (Redis is full or unreachable), the old one must not
    stay: it is deleted, so readers get fresh tokens (misses) rather than pages from before the change.
    An unreachable cache cannot delete either; serving.signals forgets the version when it answers again.
    """
    state = _new_state(changed_at=changed_at)
    cache.set(STATE_KEY, state, timeout=None)
    if cache.get(STATE_KEY) != state:
        content_version_forget()


def content_version_forget() -> None:
    """Drop the current version, so nothing cached under it is used; the next reader starts a new one."""
    cache.delete(STATE_KEY)


def _bump_after_commit() -> None:
    content_version_bump()


def content_changed() -> None:
    """Call after any write readers can see: bumps now, and again once the transaction commits.

    Signals call it for ordinary saves; writes that send no signals (bulk_create, QuerySet.update,
    raw SQL) call it themselves. Bumping at once lets the writer see its own change; bumping again
    on commit drops any page another worker rendered from the old rows in between.
    """
    content_version_bump()
    if connection.in_atomic_block and any(entry[1] is _bump_after_commit for entry in connection.run_on_commit):
        return  # one bump on commit covers every write of the transaction
    transaction.on_commit(_bump_after_commit)


def content_version_get() -> ContentVersion:
    """The current content version: one cache read (a query only when a new version starts)."""
    state = cache.get(STATE_KEY)
    if state is None:
        # First request after the cache was emptied; `add` never overwrites a writer's newer bump.
        cache.add(STATE_KEY, _new_state(), timeout=None)
        state = cache.get(STATE_KEY) or _new_state()
    version = ContentVersion.from_state(state)
    if version.is_current(now=_now()):
        return version
    # A scheduled story has just gone live. The first request to notice starts the new version;
    # any other request at that moment gets a version of its own, so it uses nothing cached before.
    if cache.add(ROLLOVER_LOCK_KEY.format(token=version.token), 1, timeout=60):
        content_version_bump(changed_at=version.next_publication)
        return ContentVersion.from_state(cache.get(STATE_KEY) or _new_state(changed_at=version.next_publication))
    return ContentVersion.from_state(_new_state(changed_at=version.next_publication))


VERSIONED_TIMEOUT = 24 * 3600  # a new version retires these entries long before


def versioned_get_or_compute(key: str, compute: Callable[[], T]) -> T:
    """`compute()`'s result, worked out once per content version and then read from the cache.

    For reads that cost more than a page's budget at 100,000 articles (a list's COUNT(*), a
    dossier's aggregates) but change only when content does.
    """
    cache_key = f"versioned:{content_version_get().token}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, timeout=VERSIONED_TIMEOUT)
    return value
