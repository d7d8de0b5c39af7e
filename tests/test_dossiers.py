"""Actor and country dossiers, and the countries map: counts, co-occurrence, months, queries."""

import re
from datetime import UTC, date, datetime, timedelta
from importlib.resources import files

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tagging.charts import months_back
from tagging.dossiers import dossier_build
from tagging.worldmap import NO_STORIES, _subpaths, world_shapes

from .factories import ActorFactory, ArticleFactory, CountryFactory

pytestmark = pytest.mark.django_db

# Stories are dated "the 15th, N months ago": with the clock on the 20th, every one is in the past,
# whatever day the suite runs on (on the 1st to the 14th, this month's 15th is still to come).
NOW = datetime(2026, 3, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def months_ago(months: int) -> datetime:
    """Noon on the 15th, `months` months before this month."""
    first = months_back(today=timezone.localdate(), months=months + 1)[0]
    return timezone.make_aware(datetime(first.year, first.month, 15, 12))


@pytest.fixture
def world():
    haftar = ActorFactory(name="Khalifa Haftar", slug="haftar")
    sarraj = ActorFactory(name="Fayez al-Sarraj", slug="sarraj")
    erdogan = ActorFactory(name="Recep Tayyip Erdogan", slug="erdogan")
    libya = CountryFactory(name="Libya", slug="libya", code="LY")
    egypt = CountryFactory(name="Egypt", slug="egypt", code="EG")
    france = CountryFactory(name="France", slug="france", code="FR")
    turkey = CountryFactory(name="Turkey", slug="turkey", code="TR")
    tunisia = CountryFactory(name="Tunisia", slug="tunisia", code="TN")
    stories = {
        "a": ArticleFactory(
            headline="Talks in Cairo", published_at=months_ago(3), actors=[haftar, sarraj], countries=[libya, egypt]
        ),
        "b": ArticleFactory(
            headline="Paris conference",
            published_at=timezone.now() - timedelta(minutes=1),
            actors=[haftar],
            countries=[libya, france],
        ),
        "c": ArticleFactory(
            headline="Old offensive", published_at=months_ago(30), actors=[haftar, sarraj], countries=[libya]
        ),
        "draft": ArticleFactory(headline="Unpublished", draft=True, actors=[haftar, erdogan], countries=[turkey]),
        "other": ArticleFactory(headline="Tunis visit", actors=[sarraj], countries=[tunisia]),
    }
    return {"haftar": haftar, "sarraj": sarraj, "libya": libya, "stories": stories}


def test_actor_dossier_counts_cooccurrence_months_and_latest(world):
    dossier = dossier_build(tag=world["haftar"])
    assert dossier.story_count == 3
    assert [(n.name, n.count) for n in dossier.actors] == [("Fayez al-Sarraj", 2)]
    assert [(n.name, n.count) for n in dossier.countries] == [("Libya", 3), ("Egypt", 1), ("France", 1)]
    assert dossier.actors[0].url == "/actors/sarraj/"
    assert [a.headline for a in dossier.latest] == ["Paris conference", "Talks in Cairo", "Old offensive"]
    assert len(dossier.months) == 24
    assert dossier.months[-1].month == timezone.localdate().replace(day=1)
    by_month = {m.month: m.count for m in dossier.months}
    assert by_month[months_ago(3).date().replace(day=1)] == 1
    assert by_month[timezone.localdate().replace(day=1)] == 1
    assert sum(by_month.values()) == 2, "the story from 30 months ago is counted, but not charted"


def test_country_dossier_leaves_itself_out_of_its_neighbours(world):
    dossier = dossier_build(tag=world["libya"])
    assert dossier.story_count == 3
    assert [(n.name, n.count) for n in dossier.actors] == [("Khalifa Haftar", 3), ("Fayez al-Sarraj", 2)]
    assert [(n.name, n.count) for n in dossier.countries] == [("Egypt", 1), ("France", 1)]


def test_actor_page_shows_the_dossier_above_the_list(client, world):
    world["haftar"].description = "Commander of the Libyan National Army."
    world["haftar"].save()
    page = client.get(reverse("tagging:actor", kwargs={"slug": "haftar"})).content.decode()
    assert "Commander of the Libyan National Army." in page
    assert "<strong>3</strong> stories about Khalifa Haftar, 2 in the last two years." in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-monthly"' in page
    assert re.search(r"<title id=\"monthly-chart-title\">Stories about Khalifa Haftar per month", page)
    month = months_ago(3)
    assert f'data-month="{month:%Y-%m}" data-count="1"' in page
    assert f'<th scope="row">{month:%B %Y}</th><td>1</td>' in page, "the text alternative lists the months"
    assert '<a href="/actors/sarraj/">Fayez al-Sarraj</a> <span class="count">2 stories</span>' in page
    assert '<a href="/countries/egypt/">Egypt</a>' in page
    assert "Erdogan" not in page and "Unpublished" not in page
    assert page.index('class="dossier"') < page.index("All stories about Khalifa Haftar")


def test_dossier_shows_on_the_first_page_only(client, world, settings):
    ArticleFactory.create_batch(settings.ARTICLES_PER_PAGE, actors=[world["haftar"]])
    url = reverse("tagging:actor", kwargs={"slug": "haftar"})
    assert client.get(url).context["dossier"].story_count == settings.ARTICLES_PER_PAGE + 3
    second = client.get(url, {"page": 2})
    assert second.status_code == 200
    assert "dossier" not in second.context


@pytest.mark.parametrize("url_name", ["tagging:actor", "tagging:country"])
def test_dossier_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries, url_name):
    actor = ActorFactory(slug="haftar")
    country = CountryFactory(slug="libya", code="LY")
    slug = "haftar" if url_name == "tagging:actor" else "libya"

    def make(count):
        for index in range(count):
            ArticleFactory(
                published_at=months_ago(index % 26),
                actors=[actor, ActorFactory()],
                countries=[country, CountryFactory()],
            )

    make(2)
    with django_assert_num_queries(9):
        client.get(reverse(url_name, kwargs={"slug": slug}))
    make(48)
    with django_assert_num_queries(9):
        response = client.get(reverse(url_name, kwargs={"slug": slug}))
    assert response.context["dossier"].story_count == 50


def test_countries_map_colours_the_countries_with_stories(client, world):
    page = client.get(reverse("tagging:countries")).content.decode()
    libya = re.search(
        r'<a href="/countries/libya/" class="country-link"><g class="country" data-code="LY" '
        r'data-count="3" fill="(#[0-9a-f]{6})">',
        page,
    )
    assert libya, "Libya is linked and carries its count"
    egypt = re.search(r'data-code="EG" data-count="1" fill="(#[0-9a-f]{6})"', page)
    assert libya.group(1) != NO_STORIES and egypt.group(1) != NO_STORIES
    assert libya.group(1) != egypt.group(1), "more stories, another colour"
    assert f'<g class="country" data-code="TR" fill="{NO_STORIES}">' in page, "draft-only countries stay grey"
    assert f'<g class="country" data-code="BR" fill="{NO_STORIES}">' in page
    assert '<th scope="row"><a href="/countries/libya/">Libya</a></th><td>3</td>' in page
    assert "Turkey" not in page.split("<table", 1)[1]


def test_countries_index_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    def make(count):
        for _ in range(count):
            ArticleFactory(countries=[CountryFactory(), CountryFactory()])

    make(2)
    with django_assert_num_queries(2):
        client.get(reverse("tagging:countries"))
    make(20)
    with django_assert_num_queries(2):
        response = client.get(reverse("tagging:countries"))
    assert len(response.context["countries"]) == 44


def test_actors_index_lists_actors_by_number_of_stories(client, world, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = client.get(reverse("tagging:actors"))
    assert [(a.name, a.story_count) for a in response.context["actors"]] == [
        ("Fayez al-Sarraj", 3),
        ("Khalifa Haftar", 3),
    ]


def test_months_back_crosses_the_year():
    assert months_back(today=date(2026, 2, 10), months=4) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_map_outlines_are_simplified_without_moving_any_country():
    original = files("pygal_maps_world").joinpath("worldmap.svg").read_text(encoding="utf-8")
    _, shapes = world_shapes()
    assert len(shapes) == 183 and "LY" in shapes and "AQ" not in shapes
    assert sum(len(markup) for markup in shapes.values()) < 120_000, "a fraction of the package's 780 kB"

    def bounds(markup):
        points = [p for d in re.findall(r' d="([^"]+)"', markup) for sub in _subpaths(d) for p in sub]
        return [round(f([p[axis] for p in points])) for f in (min, max) for axis in (0, 1)]

    # Within two map units (under a pixel): islets smaller than a pixel are left out.
    for code, markup in re.findall(r'<g class="([a-z]{2}) country map-element">(.*?)</g>', original, re.S):
        if code != "aq":
            assert all(abs(a - b) <= 2 for a, b in zip(bounds(shapes[code.upper()]), bounds(markup), strict=True)), code
