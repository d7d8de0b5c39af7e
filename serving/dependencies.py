"""What a page shows, recorded while it is made: the keys a change purges it by.

Two kinds of key:

- `<model>:<pk>` (`article:12`, `author:3`): the page shows this row. Recorded by itself: every
  instance of a model in settings.PAGE_CACHE_SHOWN_MODELS loaded while a page is made adds its key,
  so a story on a card, a related story, a byline's author and the navigation's sections are all
  covered without any view having to list them.
- `list:<name>` (`list:front`, `list:archive`, `list:section:4`, `list:nav`): the page shows a
  list, so a story joining or leaving it changes the page. Views name their lists with
  `page_depends_on()`; a page that names none depends on `list:any`, which every change purges (the
  safe default for a page nobody described). Every page shows the navigation: `list:nav`.
- `<model>:*` (`author:*`): the page shows many rows of one model, more than ROW_KEYS_MAX (the
  archive's author and country menus list hundreds). Their keys are folded into this one, and every
  purge of a row purges it too, so such a page costs one stamp to check and one key in the edge's
  header instead of hundreds, and still goes when any of those rows changes.

The same keys are sent to shared caches (Surrogate-Key, xkey) and purged there (serving/edge.py).
"""

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_init

LIST_ANY = "list:any"
LIST_NAV = "list:nav"
LIST_FRONT = "list:front"
LIST_ARCHIVE = "list:archive"
ROW_KEYS_MAX = 150  # row keys of one model a page records before they fold into `<model>:*`

_recording: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("page_keys", default=None)


def row_key(model_name: str, pk) -> str:
    """The key of a page showing this row: `article:12`."""
    return f"{model_name}:{pk}"


def rows_key(model_name: str) -> str:
    """The key of a page showing many rows of a model: `author:*`."""
    return f"{model_name}:*"


def purged_keys(keys) -> set[str]:
    """`keys` and, for each row among them, its model's `<model>:*`: what a change must purge."""
    keys = set(keys)
    return keys | {rows_key(key.split(":", 1)[0]) for key in keys if not key.startswith("list:") and ":" in key}


def list_key(model_name: str, pk) -> str:
    """The key of the list of stories of one group: `list:section:4`."""
    return f"list:{model_name}:{pk}"


@contextmanager
def keys_recorded() -> Iterator[set[str]]:
    """Collect the keys of what is shown inside the block (nested blocks add to the outer one too)."""
    outer = _recording.get()
    keys: set[str] = set()
    token = _recording.set(keys)
    try:
        yield keys
    finally:
        _recording.reset(token)
        if outer is not None:
            outer |= keys


def page_depends_on(*keys: str) -> None:
    """The page being made shows these lists (or rows); a change to one of them purges it."""
    keys_now = _recording.get()
    if keys_now is not None:
        keys_now.update(keys)


def recording() -> bool:
    """Whether a page (or a value kept with it) is being made and records what it shows."""
    return _recording.get() is not None


def keys_now() -> frozenset[str]:
    """The keys recorded so far by the innermost `keys_recorded()` block (empty outside one)."""
    return frozenset(_recording.get() or ())


def page_keys(recorded: set[str]) -> tuple[str, ...]:
    """The keys a page is kept under: what it recorded (many rows of a model folded into one key), the
    navigation, and `list:any` if it named no list."""
    keys = set(recorded) | {LIST_NAV}
    if not any(key.startswith("list:") and key != LIST_NAV for key in recorded):
        keys.add(LIST_ANY)
    return keys_folded(keys)


def keys_folded(keys) -> tuple[str, ...]:
    """`keys`, sorted, with the row keys of any model that has more than ROW_KEYS_MAX folded into `<model>:*`."""
    keys = set(keys)
    rows: dict[str, list[str]] = {}
    for key in keys:
        if not key.startswith("list:") and ":" in key:
            rows.setdefault(key.split(":", 1)[0], []).append(key)
    for model_name, shown in rows.items():
        if len(shown) > ROW_KEYS_MAX:
            keys.difference_update(shown)
            keys.add(rows_key(model_name))
    return tuple(sorted(keys))


def _shown(sender, instance, **kwargs):
    keys = _recording.get()
    if keys is not None and instance.pk is not None:
        keys.add(row_key(sender._meta.model_name, instance.pk))


def shown_models_connect() -> None:
    """Record the rows of settings.PAGE_CACHE_SHOWN_MODELS as pages load them (called once, from ready())."""
    for label in settings.PAGE_CACHE_SHOWN_MODELS:
        post_init.connect(_shown, sender=apps.get_model(label), dispatch_uid=f"serving.shown.{label}")
