"""schema.org's vocabulary, to check the JSON-LD pages publish: every type and property must exist.

The vocabulary comes from the npm package `schema-dts` (`npm ci`), whose declarations list each
schema.org type with its own properties and the types it extends; no network is needed.
"""

import re
from functools import cache
from pathlib import Path

from django.conf import settings

DECLARATIONS = Path(settings.BASE_DIR) / "node_modules" / "schema-dts" / "dist" / "schema.d.ts"
_INTERFACE = re.compile(r"^(?:export )?interface (\w+?)(Base|Leaf) extends ([^{]+)\{(.*?)^\}", re.MULTILINE | re.DOTALL)
_PROPERTY = re.compile(r'^\s+"([^"@]+)"\??:', re.MULTILINE)
KEYWORDS = {"@context", "@type", "@id", "@graph"}


@cache
def _interfaces() -> dict[str, tuple[set[str], list[str]]]:
    """Type name (with its Base or Leaf suffix) -> (its own properties, the interfaces it extends)."""
    assert DECLARATIONS.exists(), "schema-dts is missing: `npm ci` installs it"
    found = {}
    for match in _INTERFACE.finditer(DECLARATIONS.read_text()):
        name, suffix, parents, body = match.groups()
        parents = [parent.strip() for parent in parents.split(",") if re.fullmatch(r"\w+", parent.strip())]
        found[name + suffix] = (set(_PROPERTY.findall(body)), parents)
    return found


def type_properties(type_name: str) -> set[str]:
    """Every property schema.org allows on `type_name`, inherited ones included; KeyError for no such type."""
    interfaces = _interfaces()
    start = f"{type_name}Base" if f"{type_name}Base" in interfaces else f"{type_name}Leaf"
    if start not in interfaces:
        raise KeyError(f"schema.org has no type {type_name!r}")
    properties, queue, seen = set(), [start], set()
    while queue:
        name = queue.pop()
        if name in seen or name not in interfaces:
            continue
        seen.add(name)
        own, parents = interfaces[name]
        properties |= own
        queue += parents
    return properties


def vocabulary_errors(data, *, path: str = "$") -> list[str]:
    """Every unknown type or property in the JSON-LD `data`, as "path: message"; nested nodes too."""
    errors = []
    if isinstance(data, list):
        for index, item in enumerate(data):
            errors += vocabulary_errors(item, path=f"{path}[{index}]")
        return errors
    if not isinstance(data, dict):
        return errors
    type_name = data.get("@type")
    allowed = None
    if type_name is not None:
        try:
            allowed = type_properties(type_name)
        except KeyError as error:
            errors.append(f"{path}: {error.args[0]}")
    for key, value in data.items():
        if key in KEYWORDS:
            continue
        if allowed is not None and key not in allowed:
            errors.append(f"{path}: {type_name} has no property {key!r}")
        errors += vocabulary_errors(value, path=f"{path}.{key}")
    return errors
