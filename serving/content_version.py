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

import secrets
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from . import store
from .store import ContentVersion

T = TypeVar("T")


def _now() -> float:
    return timezone.now().timestamp()


def _next_timed_change() -> float | None:
    """The next moment pages change by themselves (a scheduled story, a pin expiring), or None.

    Each function in settings.PAGE_CACHE_TIMED_CHANGES costs one indexed query.
    """
    moments = [import_string(path)() for path in settings.PAGE_CACHE_TIMED_CHANGES]
    moments = [moment.timestamp() for moment in moments if moment is not None]
    return min(moments, default=None)


def _new_version(*, changed_at: float | None = None) -> ContentVersion:
    token = f"{time.time_ns():x}{secrets.token_hex(3)}"
    return ContentVersion(token, _now() if changed_at is None else changed_at, _next_timed_change())


def content_version_bump(*, changed_at: float | None = None) -> None:
    """Start a new content version: every cached page and count becomes stale at once.

    If the cache does not take the new version (Redis is full or unreachable), the old one must not
    stay: it is deleted, so readers get fresh tokens (misses) rather than pages from before the change.
    An unreachable cache cannot delete either; serving.signals forgets the version when it answers again.
    """
    if not store.version_write(_new_version(changed_at=changed_at)):
        content_version_forget()


def content_version_forget() -> None:
    """Drop the current version, so nothing cached under it is used; the next reader starts a new one."""
    store.version_forget()


@dataclass
class _Commits:
    """The content writes one database connection made in transactions, and how many a bump on commit covered."""

    made: int = 0
    covered: int = 0


_commits: "weakref.WeakKeyDictionary[object, _Commits]" = weakref.WeakKeyDictionary()


def content_changed(*, using: str | None = None) -> None:
    """Call after any write readers can see: bumps now and, inside a transaction, once more at its commit.

    Signals call it for ordinary saves; writes that send no signals (bulk_create, QuerySet.update,
    raw SQL) call it themselves (tests/test_content_writes.py runs each service that writes so).
    Bumping at once lets the writer see its own change; bumping again on commit drops any page
    another worker rendered from the old rows in between. A transaction bumps once at its commit
    however many writes it made: the first of their callbacks bumps for all of them, the others
    find theirs covered.
    """
    content_version_bump()
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return  # committed already
    commits = _commits.setdefault(connection, _Commits())
    commits.made += 1
    write = commits.made

    def bump_after_commit() -> None:
        if commits.covered < write:
            commits.covered = commits.made
            content_version_bump()

    transaction.on_commit(bump_after_commit, using=using)


def content_version_get() -> ContentVersion:
    """The current content version: one cache read (a query only when a new version starts)."""
    version = store.version_read()
    if version is None:
        # First request after the cache was emptied; `add` never overwrites a writer's newer bump.
        store.version_add(_new_version())
        version = store.version_read() or _new_version()
    if version.is_current(now=_now()):
        return version
    # A scheduled story has just gone live. The first request to notice starts the new version;
    # any other request at that moment gets a version of its own, so it uses nothing cached before.
    if store.version_rollover_claim(version):
        content_version_bump(changed_at=version.next_publication)
        return store.version_read() or _new_version(changed_at=version.next_publication)
    return _new_version(changed_at=version.next_publication)


def versioned_get_or_compute(key: str, compute: Callable[[], T]) -> T:
    """`compute()`'s result, worked out once per content version and then read from the cache.

    For reads that cost more than a page's budget at 100,000 articles (a list's COUNT(*), a
    dossier's aggregates) but change only when content does.
    """
    token = content_version_get().token
    value = store.computed_read(token=token, key=key)
    if value is None:
        value = compute()
        store.computed_write(token=token, key=key, value=value)
    return value
