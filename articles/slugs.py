from django.db.models import Model
from django.utils.text import slugify


def slug_unique(*, model: type[Model], text: str, max_length: int = 200, exclude_pk=None) -> str:
    """A slug for `text` that no other row of `model` uses yet ("libya-talks", "libya-talks-2", ...)."""
    base = slugify(text, allow_unicode=False)[:max_length].strip("-") or "item"
    taken = model.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    taken_slugs = set(taken.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken_slugs:
        suffix = f"-{number}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        number += 1
    return slug
