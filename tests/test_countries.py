import pytest

from tagging.services.countries import countries_all, countries_detect, country_get, name_is_country


def codes(text: str) -> list[str]:
    return [country.code for country in countries_detect(text=text)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Talks with the United States resumed.", "US"),
        ("US officials declined to comment.", "US"),
        ("U.S. troops left the base.", "US"),
        ("The U.S.-led coalition", "US"),
        ("America will respond, the envoy said.", "US"),
        ("American diplomats arrived.", "US"),
        ("The UK said it would send aid.", "GB"),
        ("Britain recalled its ambassador.", "GB"),
        ("British forces withdrew.", "GB"),
        ("The United Kingdom voted against.", "GB"),
        ("The UAE hosted the summit.", "AE"),
        ("Emirati investors bought the club.", "AE"),
        ("The United Arab Emirates said so.", "AE"),
        ("Turkey sent drones.", "TR"),
        ("Türkiye sent drones.", "TR"),
        ("Turkish weapons were stored there.", "TR"),
        ("Russia vetoed the resolution.", "RU"),
        ("Russian mercenaries were seen.", "RU"),
        ("The Russian Federation objected.", "RU"),
        ("Ivory Coast exports cocoa.", "CI"),
        ("Côte d'Ivoire exports cocoa.", "CI"),
        ("Côte d’Ivoire exports cocoa.", "CI"),
        ("Cote d'Ivoire exports cocoa.", "CI"),
        ("Libyan forces advanced.", "LY"),
        ("Libyans queued for fuel.", "LY"),
        ("Italian coast guard ships", "IT"),
        ("Algerian gas supplies", "DZ"),
        ("French soldiers", "FR"),
        ("Egyptian mediators", "EG"),
        ("Saudi officials", "SA"),
        ("Saudis voted", "SA"),
        ("Syrian refugees", "SY"),
        ("Iran denied it.", "IR"),
        ("South Korea's exports", "KR"),
        ("North Korean missiles", "KP"),
        ("in the Netherlands", "NL"),
        ("Dutch farmers", "NL"),
        ("Jordan closed the border crossing.", "JO"),
        ("King Abdullah of Jordan spoke.", "JO"),
        ("Chad has deployed troops.", "TD"),
        ("Troops from Niger, Chad and Mali", "TD"),
        ("Georgia applied to join the EU, Tbilisi said.", "GE"),
        ("Libya’s eastern-based army", "LY"),
        ("The Democratic Republic of the Congo signed.", "CD"),
        ("DRC troops", "CD"),
    ],
)
def test_names_aliases_and_demonyms_are_found(text, code):
    assert code in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Michael Jordan scored 40 points.",
        "Michael Jordan retired. Jordan said he was tired.",
        "Jordan Peterson gave a lecture.",
        "Chad Henne signed with the team.",
        "The quarterback, Chad Johnson, was injured.",
        "Voters in Atlanta, Georgia, queued for hours.",
        "The state of Georgia certified the result.",
        "Georgia state officials met in Atlanta. Georgia will recount.",
        "A turkey dinner costs more this year.",
        "Turkey dinner prices rose 5 percent.",
        "Roast Turkey with stuffing was served.",
        "Turkey farmers blamed feed costs.",
        "He moved to New Mexico.",
        "Prices in New Jersey rose.",
        "Latin American exporters fear losing share.",
        "Across South America, rains fell.",
        "French fries and Turkish delight",
        "The UN and the EU issued a statement.",
        "us and them",
        "He ate china plates? No, china is porcelain.",
    ],
)
def test_ambiguous_words_that_are_not_countries(text):
    assert codes(text) == []


def test_a_text_that_names_no_country_gets_none():
    text = "The city council approved its budget after a long debate about parks and libraries."
    assert countries_detect(text=text) == []


def test_title_case_headline_keeps_ambiguous_country():
    assert codes("Jordan Closes Border Crossing With Syria After Clashes") == ["JO", "SY"]


def test_longest_name_wins():
    assert codes("Papua New Guinea and Guinea-Bissau") == ["PG", "GW"]
    assert codes("South Sudan and Sudan") == ["SS", "SD"]
    assert codes("Northern Ireland and Ireland") == ["GB", "IE"]


def test_each_country_once_in_order_of_first_mention():
    assert codes("Egypt, then Libya, then Egyptian and Libyan officials") == ["EG", "LY"]


def test_the_sample_story_countries():
    text = (
        "the leaders of the United States, the United Kingdom, Italy, Algeria, and Turkey. "
        "Haftar is backed by France, Russia and key Arab countries, including Egypt, "
        "the United Arab Emirates, and Saudi Arabia. Libya’s army, backed by UN forces, Africa News said."
    )
    assert {country.name for country in countries_detect(text=text)} == {
        "United States",
        "United Kingdom",
        "Italy",
        "Algeria",
        "Turkey",
        "France",
        "Russia",
        "Egypt",
        "United Arab Emirates",
        "Saudi Arabia",
        "Libya",
    }


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("RU", "Russia"),
        ("GB", "United Kingdom"),
        ("US", "United States"),
        ("SY", "Syria"),
        ("IR", "Iran"),
        ("KR", "South Korea"),
        ("TR", "Turkey"),
        ("VN", "Vietnam"),
        ("PS", "Palestine"),
        ("CI", "Côte d'Ivoire"),
        ("ly", "Libya"),
    ],
)
def test_readable_names(code, name):
    assert country_get(code=code).name == name


def test_unknown_code_is_refused():
    with pytest.raises(LookupError):
        country_get(code="XX")


def test_every_country_has_a_readable_name():
    names = [country.name for country in countries_all()]
    assert len(names) == 249
    assert names == sorted(names)
    assert not [name for name in names if "," in name or "(" in name]


def test_name_is_country():
    assert name_is_country("Libyan")
    assert name_is_country("United  States")
    assert not name_is_country("Libyan National Army")
    assert not name_is_country("New Mexico")


def test_turkey_in_a_thanksgiving_story_is_the_bird():
    assert codes("Americans travelled for Thanksgiving. Turkey prices fell this year.") == ["US"]
    assert codes("Thanksgiving flights to Istanbul were full. Turkey welcomed the visitors.") == ["TR"]


@pytest.mark.parametrize(
    ("text", "code"), [("Guatemalan officials", "GT"), ("Maltese authorities", "MT"), ("Nepalese climbers", "NP")]
)
def test_less_frequent_demonyms(text, code):
    assert codes(text) == [code]
