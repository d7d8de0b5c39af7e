"""Suggested tags: a place of the gazetteer is never an actor; it suggests its country."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tagging.models import Actor, Place
from tagging.services.places import Gazetteer
from tagging.services.suggestions import actor_kind_guess, article_suggestions, suggestion_dismiss

from .factories import ArticleFactory, CountryFactory
from .test_html_valid import vnu_messages

pytestmark = pytest.mark.django_db


def suggest(body: str, **fields):
    return article_suggestions(article=ArticleFactory(headline="Story", dek="", body=f"<p>{body}</p>", **fields))


def test_the_gazetteer_knows_capitals_and_cities_in_the_news():
    places = set(Place.objects.values_list("name", "country_code"))
    assert len(places) > 1000
    assert {("Tripoli", "LY"), ("Tripoli", "LB"), ("Benghazi", "LY"), ("Misrata", "LY"), ("Kyiv", "UA")} <= places
    assert {("Canberra", "AU"), ("Ouagadougou", "BF"), ("Naypyidaw", "MM"), ("Darfur", "SD")} <= places


def test_places_suggest_their_country_and_are_not_actors():
    suggestions = suggest("Fighting spread from Benghazi to Misrata and Sirte, Africa News reported from Benghazi.")
    assert [(s.name, s.places, s.count) for s in suggestions.countries] == [
        ("Libya", ("Benghazi", "Misrata", "Sirte"), 4)
    ]
    assert [s.name for s in suggestions.actors] == ["Africa News"]


def test_accented_spellings_are_the_same_place():
    suggestions = suggest("Protests spread in São Paulo and Bogotá.")
    assert {s.code for s in suggestions.countries} == {"BR", "CO"}
    assert suggestions.actors == []


def test_a_country_the_story_is_tagged_with_is_not_suggested():
    libya = CountryFactory(name="Libya", slug="libya", code="LY")
    story = ArticleFactory(headline="Story", dek="", body="<p>Ships docked in Misrata and, later, in Cairo.</p>")
    story.countries.add(libya)
    assert [s.name for s in article_suggestions(article=story).countries] == ["Egypt"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Shells fell on Tripoli, Libyan officials said.", ["LY"]),
        ("Shells fell on Tripoli, Lebanese officials said.", ["LB"]),
        ("Shells fell on Tripoli overnight.", []),  # which Tripoli? not said
        ("Shells fell on Tripoli; Libyan and Lebanese officials met.", []),
    ],
)
def test_a_place_in_two_countries_counts_for_the_one_the_story_names(body, expected):
    assert [s.code for s in suggest(body).countries] == expected


def test_a_tagged_country_settles_which_tripoli():
    lebanon = CountryFactory(name="Lebanon", slug="lebanon", code="LB")
    story = ArticleFactory(headline="Story", dek="", body="<p>Shells fell on Tripoli and on Beirut.</p>")
    assert [s.code for s in article_suggestions(article=story).countries] == ["LB"]
    story.countries.add(lebanon)
    assert article_suggestions(article=story).countries == []


def test_a_place_written_in_lower_case_is_no_place():
    assert suggest("The nice weather held; the split vote stood.").countries == []


def test_dismissed_suggestions_are_not_offered_on_that_story_again():
    story = ArticleFactory(headline="Story", dek="", body="<p>Africa News reported from Misrata.</p>")
    suggestion_dismiss(article=story, name="Libya")
    suggestion_dismiss(article=story, name="africa news")
    assert not article_suggestions(article=story)


def test_an_editor_adds_a_place_in_the_admin_and_it_is_used(admin_client):
    body = "Crowds gathered in Zintan on Friday."
    assert [s.name for s in suggest(body).actors] == ["Zintan"]
    response = admin_client.post(
        reverse("admin:tagging_place_add"), {"name": "Zintan", "country_code": "ly", "kind": "city"}
    )
    assert response.status_code == 302
    assert Place.objects.get(name="Zintan").country_code == "LY"
    suggestions = suggest(body)
    assert suggestions.actors == [] and [s.code for s in suggestions.countries] == ["LY"]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"name": "Zintan", "country_code": "QQ"}, "“QQ” is not an ISO 3166-1 country code."),
        ({"name": "Libya", "country_code": "LY"}, "“Libya” is a country's name"),
        ({"name": "misrata", "country_code": "LY"}, "“misrata” is already a place in LY."),
    ],
)
def test_a_wrong_place_is_refused_with_a_message(fields, error):
    with pytest.raises(ValidationError, match=error):
        Place(kind="city", **fields).full_clean()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("LNA", Actor.Kind.ORGANISATION),
        ("Libyan Red Crescent", Actor.Kind.ORGANISATION),
        ("Government of National Accord", Actor.Kind.ORGANISATION),
        ("Ali Dbeibah", Actor.Kind.PERSON),
        ("Dbeibah", Actor.Kind.OTHER),
    ],
)
def test_the_kind_of_a_new_actor_is_guessed_from_its_name(name, kind):
    assert actor_kind_guess(name) == kind


def test_gazetteer_is_place_is_whole_names_only():
    gazetteer = Gazetteer([("Tripoli", "LY"), ("Bekaa Valley", "LB")])
    assert gazetteer.is_place("Tripoli") and gazetteer.is_place("bekaa  valley")
    assert gazetteer.is_place("Port of Tripoli") and gazetteer.is_place("Tripoli Airport")
    assert not gazetteer.is_place("Tripoli Port Authority") and not gazetteer.is_place("University of Tripoli")


def test_the_suggestions_panel_is_valid_html(admin_client, tmp_path):
    story = ArticleFactory(headline="Story", dek="", body="<p>Africa News reported from Misrata.</p>")
    page = admin_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    panel = re.search(r'<div id="suggestions">.*?</div>', page, re.S).group()
    form = f'<form method="post" action="/">{panel}</form>'
    document = tmp_path / "suggestions.html"
    head = "<head><title>Suggestions</title></head>"
    document.write_text(f'<!DOCTYPE html><html lang="en">{head}<body>{form}</body></html>')
    assert vnu_messages([document]) == []
