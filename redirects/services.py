"""Writing redirects so that there is never a loop or a chain: every old address leads straight to a live page."""

from django.db import transaction

from .models import Redirect


def redirect_record(*, old_path: str, new_path: str, source: str = Redirect.Source.SLUG) -> Redirect | None:
    """Make `old_path` answer 301 to `new_path`, keeping every redirect one hop long.

    The new address is live again, so a redirect away from it goes (changing a slug back removes
    the redirect); redirects that led to `old_path` now lead to `new_path` (chains collapse); one
    that would lead to itself is deleted. Returns the redirect, or None when old and new are the same.
    """
    with transaction.atomic():
        Redirect.objects.filter(old_path=new_path).delete()
        Redirect.objects.filter(new_path=old_path).update(new_path=new_path)
        Redirect.objects.filter(old_path=new_path).delete()
        if old_path == new_path:
            return None
        redirect, _ = Redirect.objects.update_or_create(
            old_path=old_path, defaults={"new_path": new_path, "source": source}
        )
        return redirect


def redirects_record(*, paths: list[str], new_path: str, source: str) -> int:
    """Point each of `paths` at `new_path` (an import's old permalinks); returns how many were written."""
    count = 0
    for path in paths:
        if redirect_record(old_path=path, new_path=new_path, source=source) is not None:
            count += 1
    return count
