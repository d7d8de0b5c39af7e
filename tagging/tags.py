"""How tag names are read from and written to the admin's tag input.

django-taggit splits on spaces when there is no comma, which would turn "Khalifa Haftar" into
two tags. Newsroom's tags are names of people, organisations and countries, so commas are the
only separator. Names are read as they will be stored (`name_clean`) and typed once whatever
their case; django-taggit then finds the existing tag with `name__iexact`, the comparison of
the unique constraint (see articles.fields).
"""

from collections.abc import Iterable

from articles.names import name_clean, name_fold


def tags_from_string(tag_string: str) -> list[str]:
    names = []
    for part in (tag_string or "").split(","):
        name = name_clean(part.replace('"', " "))
        if name and name_fold(name) not in {name_fold(n) for n in names}:
            names.append(name)
    return sorted(names, key=name_fold)


def string_from_tags(tags: Iterable) -> str:
    return ", ".join(sorted((tag.name for tag in tags), key=str.casefold))
