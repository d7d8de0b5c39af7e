"""Finding known actors by name or alias, and suggesting names that look like new actors."""

import pytest

from tagging.services.countries import name_is_country
from tagging.services.names import NameIndex, actors_suggest, name_is_acronym

ACTORS = {
    "haftar": ["Khalifa Haftar", "Haftar", "Marshal Haftar"],
    "gna": ["Government of National Accord", "GNA"],
    "sarraj": ["Fayez Al-Sarraj", "Sarraj"],
    "un": ["United Nations", "UN", "U.N."],
    "is": ["Islamic State", "IS"],
    "qaeda": ["al-Qaeda"],
}


def matched(text: str) -> set[str]:
    return NameIndex(ACTORS).match(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Khalifa Haftar spoke.", "haftar"),
        ("Forces loyal to Haftar advanced.", "haftar"),
        ("Haftar’s forces advanced.", "haftar"),
        ("Marshal Haftar spoke.", "haftar"),
        ("KHALIFA HAFTAR", "haftar"),
        ("the government of national accord said", "gna"),
        ("The GNA said", "gna"),
        ("GNA-backed militias", "gna"),
        ("Fayez al-Sarraj wrote", "sarraj"),
        ("Fayez Al Sarraj wrote", "sarraj"),
        ("UN-backed government", "un"),
        ("The U.N. envoy", "un"),
        ("including the Islamic State (IS) and", "is"),
        ("Al-Qaeda claimed it", "qaeda"),
        ("al Qaeda claimed it", "qaeda"),
    ],
)
def test_names_and_aliases_are_matched(text, key):
    assert key in matched(text)


@pytest.mark.parametrize(
    "text",
    [
        "This is what the gna gene does.",  # acronyms only in capitals
        "It is a rule; is it not?",
        "The unit was unhappy.",
        "Haftarov is someone else.",  # whole words only
        "Sarrajevo is not a city.",
        "Government of National Unity",
    ],
)
def test_no_partial_or_lower_case_acronym_matches(text):
    assert matched(text) == set()


def test_nothing_known_matches_nothing():
    assert NameIndex({}).match("Haftar spoke.") == set()


def test_acronym_rule():
    assert name_is_acronym("GNA")
    assert name_is_acronym("U.N.")
    assert not name_is_acronym("Haftar")
    assert not name_is_acronym("A")


SAMPLE_BODY = """Libya’s United Nations-backed Government of National Accord (GNA) has called out some of its allies \
for help as rebel chief Khalifa Marshall and his forces have intensified their attack on the capital.

Fayez Al-Sarraj, the head of the Government of National Accord, has sent letters to the leaders of the United \
States, the United Kingdom, Italy, Algeria, and Turkey, urging the countries to act, reported Africa News.

Early April, forces loyal to Haftar launched a campaign to capture Tripoli. Fighting has so far left thousands dead.

On Friday, the Libyan National Army called on militias fighting in Tripoli and Misrata to lay down their arms."""


def suggested(text: str, known=()) -> list[str]:
    return [s.name for s in actors_suggest(text=text, known=known, is_country=name_is_country)]


def test_suggestions_from_the_sample_text():
    names = suggested(SAMPLE_BODY, known=[n for names in ACTORS.values() for n in names] + ["Libyan National Army"])
    assert names[0] == "Tripoli"  # most mentioned first
    assert {"Africa News", "Khalifa Marshall", "Misrata"} <= set(names)
    # Not countries, not known actors, not sentence starters, months or weekdays.
    for not_expected in ["Libya", "United States", "Turkey", "GNA", "Haftar", "Early", "April", "Friday", "Fighting"]:
        assert not_expected not in names


def test_unknown_actors_and_acronyms_are_suggested():
    suggestions = actors_suggest(text="Officials from the GNA met the head of the Libyan National Army.")
    assert {(s.name, s.is_acronym) for s in suggestions} == {("GNA", True), ("Libyan National Army", False)}


def test_a_name_only_at_the_start_of_sentences_is_not_suggested():
    assert suggested("Meanwhile the talks went on. Meanwhile nothing changed.") == []
    assert suggested("Tripoli was calm. Later, Tripoli was not.") == ["Tripoli"]


def test_a_two_word_name_at_a_sentence_start_is_suggested():
    assert suggested("Fayez Sarraj wrote letters.") == ["Fayez Sarraj"]


def test_titles_are_stripped_possessives_cut_and_surnames_counted_for_the_full_name():
    suggestions = actors_suggest(text="They met Prime Minister Ali Dbeibah. An aide to Dbeibah’s office agreed.")
    assert [(s.name, s.count) for s in suggestions] == [("Ali Dbeibah", 2)]


def test_title_case_headlines_give_no_suggestions():
    assert suggested("Libya: UN-Backed GNA Calls Out Allies For Security Support Against Rebel Advance") == []


def test_demonyms_and_countries_are_not_suggested():
    assert suggested("He met Libyan and Turkish officials in Egypt and the United Arab Emirates.") == []
