"""Slugs for addresses: ASCII only ("Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan"), the only kind
the site's <slug:slug> URL patterns take, and unique among their rows ("libya-talks", "libya-talks-2")."""

from django.db.models import Model
from django.utils.text import slugify


def slug_base(text: str, *, max_length: int = 200, fallback: str = "item") -> str:
    """The ASCII slug of `text`, at most `max_length` long; `fallback` when nothing is left of it."""
    return slugify(text, allow_unicode=False)[:max_length].strip("-") or fallback


def slug_free(base: str, *, taken: set[str], max_length: int = 200) -> str:
    """`base`, or the first of `base-2`, `base-3`, ... that is not `taken` (kept within `max_length`)."""
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        number += 1
    return slug


def slug_unique(*, model: type[Model], text: str, max_length: int = 200, exclude_pk=None) -> str:
    """A slug for `text` that no other row of `model` uses yet."""
    base = slug_base(text, max_length=max_length)
    taken = model.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    return slug_free(base, taken=set(taken.values_list("slug", flat=True)), max_length=max_length)
