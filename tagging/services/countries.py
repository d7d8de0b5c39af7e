"""Find the countries a news text names.

Pure Python, no Django: the tagging service feeds it the headline, dek and body
and gets back ISO 3166-1 alpha-2 codes with readable English names.

Names and codes come from pycountry. Everything pycountry cannot know (the
names journalists actually write, demonyms, and words that are only sometimes
countries) lives in the tables of `country_names.py`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pycountry

from .country_names import (
    ALIASES,
    AMBIGUOUS_NAMES,
    FOOD_WORDS,
    GEORGIA_COUNTRY_CUES,
    GEORGIA_US_CITIES,
    GEORGIA_US_CUES,
    NAME_NEIGHBOURS_OK,
    NOT_COUNTRIES,
    PERSONAL_NAMES,
    READABLE_NAMES,
    TURKEY_COUNTRY_CUES,
    TURKEY_FOOD_CUES,
)


@dataclass(frozen=True)
class Country:
    """A country the text names: ISO 3166-1 alpha-2 code and readable name."""

    code: str
    name: str


def text_fold(text: str) -> str:
    """Drop accents and straighten quotes, keeping every character's position.

    "Côte d’Ivoire" and "Cote d'Ivoire" then read the same, and offsets into
    the folded text are offsets into the original.
    """
    out = []
    for char in text:
        if char in "\u2018\u2019\u02bc":
            out.append("'")
            continue
        base = unicodedata.normalize("NFKD", char)
        out.append(base[0] if base and not unicodedata.combining(base[0]) else char)
    return "".join(out)


def country_get(*, code: str) -> Country:
    """The country with ISO alpha-2 `code` and its readable English name.

    Raises LookupError for a code that is not ISO 3166-1.
    """
    record = pycountry.countries.get(alpha_2=code.upper())
    if record is None:
        raise LookupError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    name = READABLE_NAMES.get(record.alpha_2) or getattr(record, "common_name", None) or record.name
    return Country(code=record.alpha_2, name=name)


def country_known(*, code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 code."""
    return len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None


def countries_all() -> list[Country]:
    """Every ISO 3166-1 country with its readable name, sorted by name."""
    return sorted(
        (country_get(code=record.alpha_2) for record in pycountry.countries),
        key=lambda country: country.name,
    )


@cache
def _surface_forms() -> dict[str, str | None]:
    """Folded surface form -> ISO code (None for the NOT_COUNTRIES phrases)."""
    forms: dict[str, str | None] = {}

    def add(form: str, code: str | None) -> None:
        form = text_fold(form.strip())
        if form and form not in AMBIGUOUS_NAMES:
            forms.setdefault(form, code)

    for phrase in NOT_COUNTRIES:
        add(phrase, None)
    for code, aliases in ALIASES.items():
        for alias in aliases:
            add(alias, code)
            if alias[-1] in "ni" and not alias.isupper():
                add(alias + "s", code)  # Libyans, Saudis, Emiratis
    for record in pycountry.countries:
        names = [record.name, getattr(record, "common_name", ""), getattr(record, "official_name", "")]
        names.append(READABLE_NAMES.get(record.alpha_2, ""))
        for name in names:
            if name and "," not in name and "(" not in name:
                add(name.removeprefix("the "), record.alpha_2)
    return forms


@cache
def _pattern() -> re.Pattern[str]:
    forms = sorted(_surface_forms(), key=len, reverse=True)
    alternation = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)
    # Longest alternative first, so "Papua New Guinea" wins over "Guinea".
    return re.compile(rf"(?<![\w.])(?:{alternation})(?!\w)")


def countries_detect(*, text: str) -> list[Country]:
    """The countries `text` names, in order of first mention, each once.

    Matches readable names, official names, aliases and demonyms, and leaves
    out the uses that are not countries: "Michael Jordan", "Chad Smith",
    "Atlanta, Georgia", "turkey dinner", "New Mexico".
    """
    folded = text_fold(text)
    forms = _surface_forms()
    found: dict[str, Country] = {}
    person_words: set[str] = set()
    candidates: list[tuple[str, str, bool]] = []
    for match in _pattern().finditer(folded):
        surface = re.sub(r"\s+", " ", match.group())
        code = forms.get(surface)
        if code is None:
            continue
        if surface in PERSONAL_NAMES and _is_person(folded, match):
            person_words.add(surface)
            continue
        if surface == "Turkey" and _is_food(folded, match):
            continue
        if surface == "Georgia" and _is_us_state(folded, match):
            continue
        candidates.append((surface, code, _in_headline_phrase(folded, match)))
    # Without a body to ask ("Jordan Closes Border Crossing With Syria"), a headline's countries stand.
    has_body = any(line.strip() and not line_is_headline(line) for line in folded.split("\n"))
    confirmed = {code for _surface, code, compound in candidates if not compound or not has_body}
    for surface, code, compound in candidates:
        # Once "Michael Jordan" is in the story, a bare "Jordan" is him too; "Chile Peppers" in a
        # headline is Chile only when the story's body names Chile too.
        if surface not in person_words and code not in found and (not compound or code in confirmed):
            found[code] = country_get(code=code)
    return list(found.values())


def name_is_country(name: str) -> bool:
    """Whether `name` as a whole is a country name, alias or demonym ("Libyan")."""
    return _surface_forms().get(re.sub(r"\s+", " ", text_fold(name.strip()))) is not None


def country_find(*, name: str) -> Country | None:
    """The country an editor means by `name`, in any case: "turkey", "Türkiye", "UK", "LY" -> Country."""
    name = re.sub(r"\s+", " ", text_fold(name.strip())).removeprefix("the ").removeprefix("The ")
    if re.fullmatch(r"[A-Za-z]{2}", name) and pycountry.countries.get(alpha_2=name.upper()):
        return country_get(code=name)
    code = _surface_forms_folded().get(name.casefold())
    return country_get(code=code) if code else None


@cache
def _surface_forms_folded() -> dict[str, str]:
    return {form.casefold(): code for form, code in _surface_forms().items() if code}


_WORD_BEFORE = re.compile(r"([A-Z][\w'.-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"^[ \t]+([A-Z][\w'-]*)")


def _is_person(text: str, match: re.Match[str]) -> bool:
    before = _WORD_BEFORE.search(text[max(0, match.start() - 40) : match.start()])
    if before and before.group(1) not in NAME_NEIGHBOURS_OK and not _title_case_line(text, match):
        return True
    after = _WORD_AFTER.match(text[match.end() : match.end() + 40])
    return bool(after and after.group(1) not in NAME_NEIGHBOURS_OK and not _title_case_line(text, match))


def _title_case_line(text: str, match: re.Match[str]) -> bool:
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return line_is_title_case(text[start : end if end != -1 else len(text)])


def line_is_title_case(line: str) -> bool:
    """Whether `line` is a Title Case Headline, where capitals say nothing about names."""
    words = [word for word in re.findall(r"[^\W\d_][\w'\u2019-]*", line) if len(word) > 3]
    return len(words) >= 4 and sum(word[0].isupper() for word in words) / len(words) >= 0.8


def _in_headline_phrase(text: str, match: re.Match[str]) -> bool:
    """Whether the name starts a longer Title Case phrase of a headline ("Chile Peppers", "Brazil Nuts").

    In a headline every word has a capital, so "Chile" next to "Peppers" may be the country
    ("Chile Votes") or a word of something else; the rest of the story decides.
    """
    after = _WORD_AFTER.match(text[match.end() : match.end() + 40])
    if not after or after.group(1) in NAME_NEIGHBOURS_OK:
        return False
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return line_is_headline(text[start : end if end != -1 else len(text)])


def line_is_headline(line: str) -> bool:
    """Whether `line` reads as a headline: Title Case, or a short capitalised line with no full stop."""
    if line_is_title_case(line):
        return True
    line = line.strip()
    words = [word for word in re.findall(r"[^\W\d_][\w'\u2019-]*", line) if len(word) > 3]
    return (
        bool(line)
        and line[-1] not in '.!?"\u201d'
        and len(line.split()) <= 15
        and len(words) >= 2
        and all(word[0].isupper() for word in words)
    )


def _is_food(text: str, match: re.Match[str]) -> bool:
    before = re.findall(r"[\w']+", text[max(0, match.start() - 40) : match.start()])[-2:]
    after = re.findall(r"[\w']+", text[match.end() : match.end() + 40])[:2]
    if any(word.lower() in FOOD_WORDS for word in before + after):
        return True
    return bool(TURKEY_FOOD_CUES.search(text)) and not TURKEY_COUNTRY_CUES.search(text)


def _is_us_state(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 40) : match.start()]
    city = re.search(r"([A-Z][a-z]+),\s*$", before)
    if city and city.group(1) in GEORGIA_US_CITIES:
        return True
    if re.search(r"\bstate of\s+$", before) or re.match(r"\s+state\b", text[match.end() :]):
        return True
    return bool(GEORGIA_US_CUES.search(text)) and not GEORGIA_COUNTRY_CUES.search(text)
