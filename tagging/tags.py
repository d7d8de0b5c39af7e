"""How tag names are read from and written to the admin's tag input.

django-taggit splits on spaces when there is no comma, which would turn "Khalifa Haftar" into
two tags. Newsroom's tags are names of people, organisations and countries, so commas are the
only separator.
"""

from collections.abc import Iterable


def tags_from_string(tag_string: str) -> list[str]:
    names = []
    for part in (tag_string or "").split(","):
        name = " ".join(part.replace('"', " ").split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return sorted(names, key=str.casefold)


def string_from_tags(tags: Iterable) -> str:
    return ", ".join(sorted((tag.name for tag in tags), key=str.casefold))
