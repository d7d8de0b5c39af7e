"""Who has a story open in the editor: each open editor page reports in every few seconds.

Kept in the cache (Redis in production, shared by every server), one entry per story holding
each present user's name and when they last reported; an editor who has not reported for
PRESENCE_SECONDS has left.
"""

import time

from django.core.cache import cache

from .roles import User

POLL_SECONDS = 4  # how often the editor page reports in (static/admin/js/story_editor.js)
PRESENCE_SECONDS = 20  # silent this long: gone


def _key(article_id: int) -> str:
    return f"editorial:presence:{article_id}"


def user_display_name(*, user: User | None) -> str:
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def presence_touch(*, article_id: int, user: User, leaving: bool = False) -> list[str]:
    """Note that `user` has the story open (or has just left it); the names of the others there now."""
    now = time.time()
    present = cache.get(_key(article_id)) or {}
    present = {uid: entry for uid, entry in present.items() if now - entry["seen"] < PRESENCE_SECONDS}
    if leaving:
        present.pop(user.pk, None)
    else:
        present[user.pk] = {"name": user_display_name(user=user), "seen": now}
    cache.set(_key(article_id), present, PRESENCE_SECONDS)
    return sorted(entry["name"] for uid, entry in present.items() if uid != user.pk)
