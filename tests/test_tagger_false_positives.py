"""The tagger's false positives on held-out stories: one-word names in lower case, countries inside headline phrases."""

import pytest

from tagging.models import Actor
from tagging.services.countries import countries_detect
from tagging.services.names import NameIndex
from tagging.services.tagging import articles_tag

from .factories import ActorFactory, ArticleFactory

TRUMP, FED = 1, 2
INDEX = NameIndex({TRUMP: ["Donald Trump", "Trump"], FED: ["Federal Reserve", "Fed"]})


@pytest.mark.parametrize(
    "text",
    [
        "Voters are fed up with the delays.",
        "The new offer seemed to trump the old one.",
        "Investors were well fed and well rested.",
    ],
)
def test_a_one_word_alias_in_lower_case_is_a_word_not_a_name(text):
    assert INDEX.match(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trump said the Fed would act.", {TRUMP, FED}),
        ("TRUMP AND THE FED CLASH", {TRUMP, FED}),
        ("The Federal Reserve held rates; Donald Trump objected.", {TRUMP, FED}),
    ],
)
def test_names_written_as_names_still_match(text, expected):
    assert INDEX.match(text) == expected


def codes(text: str) -> set[str]:
    return {country.code for country in countries_detect(text=text)}


@pytest.mark.parametrize(
    "headline",
    [
        "Chile Peppers Heat Up Farmers' Markets",
        "Brazil Nuts Sell Out",
        "Panama Hats Make a Summer Comeback",
        "French Fries Prices Soar After Poor Harvest",
    ],
)
def test_a_country_inside_a_title_case_phrase_of_a_headline_is_not_the_country(headline):
    assert codes(f"{headline}\n\nShoppers queued at the market on Saturday.") == set()


def test_a_headline_country_the_story_names_again_is_the_country():
    text = "Chile Votes on a New Constitution\n\nVoters in Chile were asked to approve a draft charter."
    assert codes(text) == {"CL"}


def test_a_headline_with_no_body_keeps_its_countries():
    assert codes("Chile Peppers Heat Up Farmers' Markets") == {"CL"}


def test_a_headline_country_standing_alone_is_the_country():
    assert codes("Talks Resume in Libya After Months of Fighting\n\nDelegates met on Monday.") == {"LY"}
    assert codes("Libya: Talks Resume After Months of Fighting\n\nDelegates met on Monday.") == {"LY"}


@pytest.mark.django_db
def test_the_tagger_does_not_tag_actors_from_lower_case_words():
    trump = ActorFactory(name="Donald Trump", aliases="Trump")
    ActorFactory(name="Federal Reserve", aliases="Fed", kind=Actor.Kind.ORGANISATION)
    story = ArticleFactory(
        headline="Markets calm", dek="", body="<p>Traders are fed up; few chose to trump caution.</p>"
    )
    named = ArticleFactory(headline="Rates held", dek="", body="<p>Trump criticised the decision.</p>")
    articles_tag(articles=[story, named])
    assert not story.actors.exists()
    assert list(named.actors.all()) == [trump]


@pytest.mark.django_db
def test_the_tagger_never_tags_a_place_as_an_actor():
    ActorFactory(name="Tripoli", slug="tripoli", kind=Actor.Kind.OTHER)
    haftar = ActorFactory(name="Khalifa Haftar", aliases="Haftar\nBenghazi")
    story = ArticleFactory(headline="Shelling", dek="", body="<p>Haftar's forces shelled Tripoli from Benghazi.</p>")
    articles_tag(articles=[story])
    assert list(story.actors.all()) == [haftar]
