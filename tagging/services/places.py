"""The gazetteer in use: which names in a text are places, and which country each one means.

Pure Python, no Django: the suggestions service loads the Place rows and hands them in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .countries import text_fold
from .names import NameIndex, name_normalise

# The parts of a place that are places too, in the compared form of names (lower case, no accents).
_PLACE_PARTS = "|".join(
    [
        "port",
        "city",
        "province",
        "region",
        "district",
        "governorate",
        "municipality",
        "county",
        "state",
        "bay",
        "gulf",
        "outskirts",
        "centre",
        "center",
    ]
)
_PART_OF = re.compile(rf"(?:the )?(?:{_PLACE_PARTS}) of (?P<place>.+)")
_PART_AFTER = re.compile(rf"(?P<place>.+?) (?:{_PLACE_PARTS}|airport|harbour|harbor|seaport)")


@dataclass(frozen=True)
class PlaceMention:
    """A place the text names: as first written, how often, and the countries a place of that name is in."""

    name: str
    count: int
    codes: frozenset[str]


class Gazetteer:
    """Place names (city or region, country code) compiled for matching texts."""

    def __init__(self, places: Iterable[tuple[str, str]]) -> None:
        self._codes: dict[str, set[str]] = {}
        for name, code in places:
            if name.strip():
                self._codes.setdefault(name_normalise(name), set()).add(code.upper())
        self._index = NameIndex({key: [key] for key in self._codes})

    def is_place(self, name: str) -> bool:
        """Whether `name` is a place: one of the gazetteer ("Misrata", "São Paulo") or a part of one
        ("Port of Misrata", "Benghazi Province"); "Misrata Chamber of Commerce" is not."""
        name = name_normalise(name)
        if name in self._codes:
            return True
        part = _PART_OF.fullmatch(name) or _PART_AFTER.fullmatch(name)
        return bool(part) and part.group("place") in self._codes

    def mentions(self, text: str) -> list[PlaceMention]:
        """The places `text` names with a capital ("Tripoli", not "a tripoli"), most mentioned first."""
        folded = text_fold(text)
        found: dict[str, list[str]] = {}
        for start, end, keys in self._index.find(text):
            written = re.sub(r"\s+", " ", text[start:end])
            if not folded[start].isupper():
                continue
            for key in keys:
                found.setdefault(key, []).append(written)
        mentions = [
            PlaceMention(name=written[0], count=len(written), codes=frozenset(self._codes[key]))
            for key, written in found.items()
        ]
        return sorted(mentions, key=lambda mention: (-mention.count, mention.name))


@lru_cache(maxsize=4)
def gazetteer_build(places: tuple[tuple[str, str], ...]) -> Gazetteer:
    """The Gazetteer of `places`, compiled once for as long as the rows stay the same (about 40 ms each time)."""
    return Gazetteer(places)


def place_country(*, mention: PlaceMention, story_codes: set[str]) -> str | None:
    """The country `mention` is in: its only one, or of several (Tripoli: LY, LB) the one the story
    names or is tagged with; None when the story does not say which."""
    if len(mention.codes) == 1:
        return next(iter(mention.codes))
    named = mention.codes & story_codes
    return next(iter(named)) if len(named) == 1 else None
