"""What the page cache keeps in the shared cache, and the only code that reads or writes it.

The content version (one key, `ContentVersion`), the pages (one key per address, `CachedPage`),
the values worked out once per version (a list's count, a dossier), and for purging by dependency
a purge counter per version and one stamp per purged key (the counter's value at its last purge).
The version and the pages are named types here and plain tuples in the cache, so an entry written
by another release of this code reads as a miss, never as an error.

A page records the counter as it was before it was made and the keys of what it shows
(serving/dependencies.py); it is good while no stamp of its keys is above that number. A page made
from rows read before a purge therefore never outlives the purge, however long it took to render,
and a stamp that went missing (evicted) makes the page a miss rather than a stale hit.
"""

import hashlib
import math
from typing import Any, NamedTuple, TypeVar

from django.core.cache import cache

VERSION_KEY = "content-version"
ROLLOVER_KEY = "content-version:rollover:{token}"
ROLLOVER_SECONDS = 60
SEQUENCE_KEY = "purge-sequence:{token}"
STAMP_KEY = "purged:{token}:{key}"
RENDER_LOCK_KEY = "rendering:{key}"
COMPUTED_SECONDS = 24 * 3600  # a new version retires these entries long before


class ContentVersion(NamedTuple):
    """What every cached page, count and ETag is keyed by."""

    token: str
    changed_at: float  # Unix time of the change: the pages' Last-Modified
    next_publication: float | None  # Unix time pages next change by themselves, None if never

    def is_current(self, *, now: float) -> bool:
        """False once the next scheduled story is due: pages of this version may miss it."""
        return self.next_publication is None or now < self.next_publication


class CachedPage(NamedTuple):
    """A page as the cache keeps it, for the content version it was rendered under."""

    token: str
    status: int
    headers: list[tuple[str, str]]
    content: bytes
    vary: tuple[tuple[str, str], ...]  # the request headers it varies on, with this request's values
    sequence: int  # the purge counter before the page was made
    keys: tuple[str, ...]  # what it shows (serving/dependencies.py)
    etag: str  # derived from the content: the same on every worker and server
    encoded: tuple[tuple[str, bytes], ...] = ()  # (encoding, body): compressed once, when stored


Entry = TypeVar("Entry", ContentVersion, CachedPage)


def _read(kind: type[Entry], raw: object) -> Entry | None:
    """The entry `raw` holds, or None for nothing or for a tuple of another shape."""
    if not isinstance(raw, tuple) or len(raw) != len(kind._fields):
        return None
    return kind._make(raw)


def version_read() -> ContentVersion | None:
    return _read(ContentVersion, cache.get(VERSION_KEY))


def version_write(version: ContentVersion) -> bool:
    """Store `version` as the current one; False if the cache did not take it (full or unreachable)."""
    cache.set(VERSION_KEY, tuple(version), timeout=None)
    return version_read() == version


def version_add(version: ContentVersion) -> None:
    """Store `version` unless there is one already (a writer's newer bump is never overwritten)."""
    cache.add(VERSION_KEY, tuple(version), timeout=None)


def version_forget() -> None:
    cache.delete(VERSION_KEY)


def version_rollover_claim(version: ContentVersion) -> bool:
    """True for the one request that may start the version after `version` when its time is up."""
    return cache.add(ROLLOVER_KEY.format(token=version.token), 1, timeout=ROLLOVER_SECONDS)


def page_read(key: str) -> tuple[CachedPage | None, ContentVersion | None]:
    """The page kept at `key` and the current content version, in one round trip."""
    found = cache.get_many([VERSION_KEY, key])
    return _read(CachedPage, found.get(key)), _read(ContentVersion, found.get(VERSION_KEY))


def page_write(key: str, page: CachedPage, *, timeout: int) -> None:
    cache.set(key, tuple(page), timeout)


def _computed_key(token: str, key: str) -> str:
    return f"versioned:{token}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"


def computed_read(*, token: str, key: str) -> Any | None:
    return cache.get(_computed_key(token, key))


def computed_write(*, token: str, key: str, value: Any) -> None:
    cache.set(_computed_key(token, key), value, timeout=COMPUTED_SECONDS)


def sequence_start(token: str) -> None:
    """A new version's purge counter starts at 0 (written before the version itself)."""
    cache.set(SEQUENCE_KEY.format(token=token), 0, timeout=None)


def sequence_read(token: str) -> int | None:
    """The purge counter of version `token`; None if it is missing (never started, or evicted)."""
    value = cache.get(SEQUENCE_KEY.format(token=token))
    return value if isinstance(value, int) else None


def sequence_next(token: str) -> int | None:
    """Advance the purge counter of `token` and return its new value; None if the cache could not."""
    try:
        return cache.incr(SEQUENCE_KEY.format(token=token))
    except ValueError:
        return None


def _stamp_key(token: str, key: str) -> str:
    return STAMP_KEY.format(token=token, key=key)


def stamps_read(token: str, keys: tuple[str, ...]) -> dict[str, int]:
    """The stamps of `keys` that are in the cache (a key without one was evicted or never purged)."""
    found = cache.get_many([_stamp_key(token, key) for key in keys])
    prefix = len(_stamp_key(token, ""))
    return {name[prefix:]: value for name, value in found.items() if isinstance(value, int)}


def stamps_write(token: str, keys, *, sequence: int, timeout: int) -> bool:
    """Stamp `keys` as purged at `sequence`; False if the cache did not take every stamp."""
    failed = cache.set_many({_stamp_key(token, key): sequence for key in keys}, timeout=timeout)
    return not failed


def stamps_add(token: str, keys, *, sequence: int, timeout: int) -> None:
    """Give each of `keys` without a stamp the stamp `sequence` (never overwriting a purge's newer one).

    One round trip with Redis (serving/cache.py's `add_many`), one `add` per key elsewhere.
    """
    add_many = getattr(cache, "add_many", None)
    if add_many is not None:
        add_many({_stamp_key(token, key): sequence for key in keys}, timeout=timeout)
        return
    for key in keys:
        cache.add(_stamp_key(token, key), sequence, timeout=timeout)


# The lock of a page being made (serving/coalesce.py). The Redis backend sets it with `SET NX PX`
# (serving/cache.py); any other cache (local memory in development and tests) with `add`, in whole
# seconds.


def render_lock_claim(key: str, *, owner: str, milliseconds: int) -> bool:
    """Take the lock of page `key` for `owner`, unless another request holds it; True if taken."""
    name = RENDER_LOCK_KEY.format(key=key)
    claim = getattr(cache, "lock_claim", None)
    if claim is not None:
        return claim(name, owner, milliseconds=milliseconds)
    return cache.add(name, owner, timeout=max(1, math.ceil(milliseconds / 1000)))


def render_lock_held(key: str) -> bool:
    name = RENDER_LOCK_KEY.format(key=key)
    held = getattr(cache, "lock_held", None)
    return held(name) if held is not None else cache.get(name) is not None


def render_lock_release(key: str, *, owner: str) -> None:
    """Release the lock of page `key` if `owner` still holds it (it may have expired and been taken)."""
    name = RENDER_LOCK_KEY.format(key=key)
    release = getattr(cache, "lock_release", None)
    if release is not None:
        release(name, owner)
    elif cache.get(name) == owner:
        cache.delete(name)
