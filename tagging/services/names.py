"""Find known actors in a text, and names that look like actors not known yet.

Pure Python, no Django: the tagging service hands in the text and the actors'
names and aliases, and gets back which actors are mentioned and which other
names an editor might want to add.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

from .countries import line_is_title_case, text_fold

Key = TypeVar("Key")


def name_is_acronym(name: str) -> bool:
    """Whether `name` is an acronym ("GNA", "U.N.", "IS"): matched case-sensitively."""
    letters = [char for char in name if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters) and " " not in name.strip()


def name_normalise(name: str) -> str:
    """The form names are compared in: no accents, straight quotes, case-folded,
    hyphens and runs of spaces read as one space ("al-Qaeda" = "Al Qaeda")."""
    return re.sub(r"[\s\-\u2010\u2011\u2013]+", " ", text_fold(name)).strip().casefold()


def _name_pattern(name: str) -> str:
    words = re.split(r"[\s\-\u2010\u2011\u2013]+", text_fold(name).strip())
    return r"[\s\-\u2010\u2011\u2013]+".join(re.escape(word) for word in words if word)


def _lower_case_word(written: str) -> bool:
    """Whether a match is one word written all in lower case: never a name, whatever it spells."""
    return not re.search(r"[\s\-\u2010\u2011\u2013]", written) and written == written.lower()


class NameIndex:
    """Known names and aliases (of actors, or of countries' extra aliases) compiled for matching many texts.

    Case does not matter ("al-Qaeda", "Al Qaeda"), except for acronyms, which match only in capitals,
    and for one-word names, which never match a word written all in lower case ("to trump").

    Built once per tagging run (the whole archive is tagged with one index).
    """

    def __init__(self, names: Mapping[Key, Iterable[str]]) -> None:
        self._by_name: dict[str, set] = {}
        self._acronyms: dict[str, set] = {}
        for key, key_names in names.items():
            for name in key_names:
                name = name.strip()
                if not name:
                    continue
                if name_is_acronym(name):
                    self._acronyms.setdefault(text_fold(name), set()).add(key)
                else:
                    self._by_name.setdefault(name_normalise(name), set()).add(key)
        self._names_re = self._compile(self._by_name, re.IGNORECASE)
        self._acronyms_re = self._compile(self._acronyms, 0)

    @staticmethod
    def _compile(names: Mapping[str, set], flags: int) -> re.Pattern[str] | None:
        if not names:
            return None
        alternation = "|".join(_name_pattern(name) for name in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])", flags)

    def find(self, text: str) -> list[tuple[int, int, set]]:
        """(start, end, keys) of every known name in `text`, whole words only."""
        folded = text_fold(text)
        spans = []
        if self._names_re:
            for match in self._names_re.finditer(folded):
                if _lower_case_word(match.group()):
                    continue  # "to trump", "are fed": a verb or a word, not Trump or the Fed
                spans.append((match.start(), match.end(), self._by_name[name_normalise(match.group())]))
        if self._acronyms_re:
            for match in self._acronyms_re.finditer(folded):
                spans.append((match.start(), match.end(), self._acronyms[match.group()]))
        return spans

    def match(self, text: str) -> set:
        """Keys of the actors whose name or alias appears in `text`."""
        return {key for _start, _end, keys in self.find(text) for key in keys}

    def knows(self, name: str) -> bool:
        return name_normalise(name) in self._by_name or text_fold(name) in self._acronyms


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that start a capitalised run without being part of a name.
LEADING_WORDS = _words(
    """a an the this that these those his her its their our my your in on at of for from many some most all
    several few other both each every no more much such to by with after before during since until while
    when where as if but and or so yet early late last next first new former acting interim deputy chief
    rebel prime minister president vice general gen gen. marshal marshall field commander colonel col.
    major mr mr. mrs mrs. ms ms. dr dr. sir king queen prince princess sheikh emir sultan pope senator
    sen. governor gov. mayor judge justice foreign defence defense interior secretary ambassador
    spokesman spokeswoman spokesperson leader head"""
)
# Capitalised words that are never actors on their own.
COMMON_WORDS = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december i i'm i've we he she they it you there here however
    meanwhile also but and the a an this that today yesterday tomorrow mr mrs ms dr sir arab african
    european asian western eastern muslim christian jewish sunni shia shiite"""
)
# Lower-case words allowed inside a name: "Government of National Accord".
NAME_PARTICLES = frozenset({"of", "the", "for", "de", "du", "da", "di", "del", "la", "le", "van", "von", "bin", "ibn"})
_PREFIXED = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ibn|bin|abu)-[A-Z]")

_TOKEN = re.compile(r"[^\W\d_][\w]*(?:['\u2019\-][\w]+)*|[.!?]+|[,;:()\"\u201c\u201d]|\n\s*\n")


@dataclass(frozen=True)
class Suggestion:
    """A name in the text that looks like an actor nobody has added yet."""

    name: str
    count: int
    is_acronym: bool


def actors_suggest(
    *,
    text: str,
    known: Iterable[str] = (),
    is_country: Callable[[str], bool] | None = None,
    is_place: Callable[[str], bool] | None = None,
) -> list[Suggestion]:
    """Names in `text` that look like actors but are not `known` yet.

    A name is a run of capitalised words ("Africa News", "Khalifa Marshall",
    "Government of National Accord") or an acronym ("LNA"). Left out: words
    that are capitalised only because they start a sentence, countries and
    demonyms (`is_country(name)`), cities and regions (`is_place(name)`), titles and dates, and any name that is or
    contains a known actor's name. A surname alone counts for the full name
    it was seen with. Most mentioned first.
    """
    index = NameIndex({name: [name] for name in known})
    is_country = is_country or (lambda name: False)
    is_place = is_place or (lambda name: False)
    runs = list(_capitalised_runs(text))
    inside_sentence = {name for name, initial in runs if not initial}
    counts: dict[str, int] = {}
    for name, _initial in runs:
        if name not in inside_sentence:
            continue  # capitalised only because it starts a sentence
        if index.knows(name) or index.find(name) or is_country(name) or is_place(name):
            continue
        if name.casefold() in COMMON_WORDS or len(name) < 2:
            continue
        counts[name] = counts.get(name, 0) + 1
    # A surname on its own ("Dbeibah") counts for the full name ("Ali Dbeibah") seen in the text.
    for full_name in [name for name in counts if " " in name]:
        last_word = full_name.rsplit(" ", 1)[1]
        if last_word in counts and not name_is_acronym(last_word):
            counts[full_name] += counts.pop(last_word)
    return [
        Suggestion(name=name, count=count, is_acronym=name_is_acronym(name))
        for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _capitalised_runs(text: str) -> Iterator[tuple[str, bool]]:
    """(name, starts_a_sentence) for each run of capitalised words in `text`.

    Title-case lines (headlines) are skipped: their capitals say nothing.
    """
    for block in re.split(r"\n", text):
        if line_is_title_case(block):
            continue
        yield from _block_runs(block)


def _block_runs(block: str) -> Iterator[tuple[str, bool]]:
    run: list[str] = []
    pending: list[str] = []  # particles waiting for the next capitalised word
    sentence_start = True
    run_initial = False

    def flush():
        nonlocal run, pending
        words = list(run)
        run, pending = [], []
        initial = run_initial
        while words and words[0].casefold() in LEADING_WORDS:
            words.pop(0)
            initial = False
        # Two capitalised words in a row are a name even at a sentence start.
        return (" ".join(words), initial and len(words) == 1) if words else None

    for token in _TOKEN.findall(block):
        word, tail = _split_tail(token)
        if word and (word[0].isupper() or _PREFIXED.match(word)):
            if not run:
                run_initial = sentence_start
            run.extend(pending)
            pending = []
            run.append(word)
            sentence_start = False
            if tail:  # "Haftar's", "UN-backed": the name stops here
                result = flush()
                if result:
                    yield result
            continue
        if run and word and word.casefold() in NAME_PARTICLES and not tail:
            pending.append(word)
            continue
        if run:
            result = flush()
            if result:
                yield result
        pending = []
        sentence_start = token[0] in ".!?" or token.strip() == ""
    if run:
        result = flush()
        if result:
            yield result


def _split_tail(token: str) -> tuple[str, bool]:
    """Strip a possessive or a lower-case hyphenated tail: ("Haftar", True)."""
    if not token[0].isalpha():
        return "", False
    possessive = re.match(r"^(.*?)['\u2019]s$", token)
    if possessive:
        return possessive.group(1), True
    head = re.match(r"^([A-Z][\w.]*)-[a-z][\w-]*$", token)
    if head:
        return head.group(1), True
    return token, False
