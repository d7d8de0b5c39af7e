"""What the page cache keeps in the shared cache, and the only code that reads or writes it.

The content version (one key, `ContentVersion`), the pages (one key per address, `CachedPage`)
and the values worked out once per version (a list's count, a dossier). The version and the pages
are named types here and plain tuples in the cache, so an entry written by another release of
this code reads as a miss, never as an error.
"""

import hashlib
from typing import Any, NamedTuple, TypeVar

from django.core.cache import cache

VERSION_KEY = "content-version"
ROLLOVER_KEY = "content-version:rollover:{token}"
ROLLOVER_SECONDS = 60
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
