from .models import Redirect


def redirect_find(*, path: str, query: str = "") -> Redirect | None:
    """The redirect for an address: its path with its query, then (except for the front page, which always
    answers) the path alone, with or without its trailing slash (WordPress permalinks end in one)."""
    if "\x00" in path or "\x00" in query:
        return None  # no redirect is stored for such an address, and PostgreSQL refuses to compare text with NUL
    candidates = [f"{path}?{query}"] if query else []
    if path != "/":
        candidates += [path, path[:-1] if path.endswith("/") else f"{path}/"]
    if not candidates:
        return None
    found = {redirect.old_path: redirect for redirect in Redirect.objects.filter(old_path__in=candidates)}
    return next((found[candidate] for candidate in candidates if candidate in found), None)
