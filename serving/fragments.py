"""Repeated pieces of pages (story cards) kept by what they show, so a page that must be made
reuses every piece that has not changed.

A fragment's key is a digest of everything its HTML is made from (its fingerprint): a change to
any of it gives a new key, so a fragment is never purged and never stale; old ones age out. All
of a page's fragments are read in one `get_many` and the missing ones written in one `set_many`.
A cache that is unreachable or full only means rendering them again.
"""

import hashlib
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")

FRAGMENT_SECONDS = 24 * 3600


def fragment_key(*, kind: str, fingerprint: tuple) -> str:
    return f"fragment:{kind}:{hashlib.blake2b(repr(fingerprint).encode(), digest_size=20).hexdigest()}"


def fragments_get_or_render(
    *, kind: str, items: Sequence[T], fingerprint: Callable[[T], tuple], render: Callable[[T], str]
) -> list[str]:
    """The HTML of each of `items`, from the cache where it is, rendered (and kept) where not."""
    keys = [fragment_key(kind=kind, fingerprint=fingerprint(item)) for item in items]
    found = cache.get_many(keys) if keys else {}
    made = {}
    pieces = []
    for key, item in zip(keys, items, strict=True):
        html = found.get(key)
        if not isinstance(html, str):
            html = made[key] = str(render(item))
        pieces.append(html)
    if made:
        cache.set_many(made, timeout=FRAGMENT_SECONDS)
    return pieces
