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

Most changes do not start a new version: they purge only the keys of what they change
(`content_changed(keys=...)`, serving/purge.py, serving/dependencies.py), so a story's edit makes
stale only the pages that show it. A new version is for what cannot be described that way: a
migration, the cache coming back after an outage, a scheduled story going live, a pin expiring,
and writes that name no keys.
"""

import contextvars
import secrets
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from . import store
from .dependencies import (
    LIST_ANY,
    keys_folded,
    keys_now,
    keys_recorded,
    page_depends_on,
    page_keys,
    purged_keys,
    recording,
)
from .edge import edge_purge, edge_purge_everything
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
    version = _new_version(changed_at=changed_at)
    store.sequence_start(version.token)
    if not store.version_write(version):
        content_version_forget()
    edge_purge_everything()


def content_version_forget() -> None:
    """Drop the current version, so nothing cached under it is used; the next reader starts a new one."""
    store.version_forget()


# How long a purge stamp outlives the longest-kept page, so no page can outlive its stamp.
STAMP_MARGIN_SECONDS = 3600


def keys_purge(keys) -> None:
    """Make stale every cached page that shows one of `keys` (and no other page).

    If the purge cannot be recorded (the cache is full, the counter was evicted), the whole
    version goes instead: a page must never outlive a change it shows.
    """
    keys = purged_keys(keys)
    if not keys:
        return
    version = store.version_read()
    if version is None:
        # No page is served without a version; the writer starts one, so readers need not (queries).
        content_version_bump()
        return
    sequence = store.sequence_next(version.token)
    timeout = settings.PAGE_CACHE_SECONDS + STAMP_MARGIN_SECONDS
    if sequence is None or not store.stamps_write(version.token, keys, sequence=sequence, timeout=timeout):
        content_version_bump()


@dataclass
class _Pending:
    """What one database connection changed in transactions and has not purged since a commit."""

    keys: set[str] = field(default_factory=set)
    edited_keys: set[str] = field(default_factory=set)  # of in-place edits only (`edited_in_place`)
    everything: bool = False


_pending: "weakref.WeakKeyDictionary[object, _Pending]" = weakref.WeakKeyDictionary()


def content_changed(*, keys=None, using: str | None = None, edited_in_place: bool = False) -> None:
    """Call after any write readers can see: purges now and, inside a transaction, once more at its commit.

    `keys` (serving/dependencies.py) say what the write changed: only the pages showing one of them
    are purged. Without `keys`, every page is (a new content version). Signals call it for ordinary
    saves (serving/purge.py works out their keys); writes that send no signals (bulk_create,
    QuerySet.update, raw SQL) call it themselves (tests/test_content_writes.py runs each service that
    writes so). Purging at once lets the writer see its own change; purging again on commit drops any
    page another worker rendered from the old rows in between. A transaction purges once at its
    commit however many writes it made: the first of their callbacks purges for all of them. Shared
    caches in front (serving/edge.py) are told after the commit only.

    `edited_in_place`: the write changed only what a public story shows, not where it is listed or
    whether readers may see it (a dek, a headline). Here that changes nothing; shared caches in front
    may then keep answering with the old page while they fetch the new one (a soft purge), unless
    the same transaction also made a change of any other kind to the same keys.
    """
    # Pages that named no list (serving/dependencies.py) go with every change.
    keys = None if keys is None else purged_keys({*keys, LIST_ANY})
    if keys is None:
        content_version_bump()
    else:
        keys_purge(keys)
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        if keys is not None:
            edge_purge(keys, soft=edited_in_place)
        return  # committed already
    pending = _pending.setdefault(connection, _Pending())
    if keys is None:
        pending.everything = True
    elif edited_in_place:
        pending.edited_keys |= keys
    else:
        pending.keys |= keys

    def purge_after_commit() -> None:
        if pending.everything:
            content_version_bump()
        elif pending.keys or pending.edited_keys:
            keys_purge(pending.keys | pending.edited_keys)
            edge_purge(pending.keys)
            edge_purge(pending.edited_keys - pending.keys, soft=True)
        pending.everything = False
        pending.keys = set()
        pending.edited_keys = set()

    transaction.on_commit(purge_after_commit, using=using)


def purge_sequence_get(version: ContentVersion) -> tuple[ContentVersion, int]:
    """The version and its purge counter, for a page about to be made.

    A counter that went missing (evicted) could start again below the stamps already written: the
    version goes instead, and the new one starts its own counter.
    """
    sequence = store.sequence_read(version.token)
    if sequence is not None:
        return version, sequence
    if store.version_read() != version:
        return version, 0  # a version of this request's own (a rollover): nothing made under it is served
    content_version_bump()
    version = store.version_read() or _new_version()
    return version, store.sequence_read(version.token) or 0


def content_version_get() -> ContentVersion:
    """The current content version: one cache read (a query only when a new version starts)."""
    version = store.version_read()
    if version is None:
        # First request after the cache was emptied; `add` never overwrites a writer's newer bump.
        fresh = _new_version()
        store.sequence_start(fresh.token)
        store.version_add(fresh)
        version = store.version_read() or _new_version()
    if version.is_current(now=_now()):
        return version
    # A scheduled story has just gone live. The first request to notice starts the new version;
    # any other request at that moment gets a version of its own, so it uses nothing cached before.
    if store.version_rollover_claim(version):
        content_version_bump(changed_at=version.next_publication)
        return store.version_read() or _new_version(changed_at=version.next_publication)
    return _new_version(changed_at=version.next_publication)


# The version and purge counter of the page being made (serving/middleware.py), read once per page
# rather than once per kept value: a counter read earlier is lower, so a value kept with it only
# goes sooner, never later.
_page_version: contextvars.ContextVar[tuple[ContentVersion, int] | None] = contextvars.ContextVar(
    "page_version", default=None
)

# Values this process read or made lately, by version and key: a hit then costs one look at its
# stamps, not a read and an unpickling of the value (the archive's menus are tens of kilobytes).
_kept: dict[tuple[str, str], tuple[int, tuple[str, ...], object]] = {}
KEPT_MAX = 512


@contextmanager
def page_version_pinned(*, version: ContentVersion, sequence: int) -> Iterator[None]:
    """Inside the block, kept values use this version and counter (those of the page being made)."""
    token = _page_version.set((version, sequence))
    try:
        yield
    finally:
        _page_version.reset(token)


def _still_good(version: ContentVersion, found: object) -> bool:
    if not (isinstance(found, tuple) and len(found) == 3):
        return False
    kept_sequence, keys, _value = found
    stamps = store.stamps_read(version.token, keys)
    return len(stamps) == len(keys) and all(stamp <= kept_sequence for stamp in stamps.values())


def _remember(version: ContentVersion, key: str, found: tuple) -> None:
    if len(_kept) >= KEPT_MAX:
        _kept.clear()
    _kept[(version.token, key)] = found


def versioned_get_or_compute(key: str, compute: Callable[[], T], *, lists: tuple[str, ...] | None = None) -> T:
    """`compute()`'s result, worked out once and then read from the cache until what it shows changes.

    For reads that cost more than a page's budget at 100,000 articles (a list's COUNT(*), a
    dossier's aggregates) but change only when content does. The value depends on what the page
    asking for it depends on so far (its lists, serving/dependencies.py) and on the rows `compute`
    loads, and is purged with them; outside a page being made it is computed every time. Callers
    must not change the value they get: the process keeps it for the next page.

    A value that is the same whatever page asks for it (the navigation, the archive's filter form)
    names the lists it shows in `lists` instead: it then depends on those and on its rows only, so
    the pages reading it are not purged with the lists of the page that happened to make it.
    """
    if not recording():
        return compute()
    pinned = _page_version.get()
    version, sequence = pinned if pinned is not None else purge_sequence_get(content_version_get())
    for found in (_kept.get((version.token, key)), None):
        if found is None:
            found = store.computed_read(token=version.token, key=key)
        if _still_good(version, found):
            _remember(version, key, found)
            page_depends_on(*found[1])
            return found[2]
    with keys_recorded() as loaded:
        value = compute()
    keys = page_keys(loaded | keys_now()) if lists is None else keys_folded(loaded | {*lists})
    timeout = settings.PAGE_CACHE_SECONDS + STAMP_MARGIN_SECONDS
    store.stamps_add(version.token, keys, sequence=sequence, timeout=timeout)
    store.computed_write(token=version.token, key=key, value=(sequence, keys, value))
    _remember(version, key, (sequence, keys, value))
    return value
