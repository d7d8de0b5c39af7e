"""The archive shows the filters in use as chips that remove themselves, and how many stories match;
/authors/ and /sections/ list the newsroom's journalists and sections."""

import re

import pytest

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    world = SectionFactory(name="World", slug="world")
    finnegan = AuthorFactory(name="Caroline Finnegan", slug="caroline-finnegan")
    libya = CountryFactory(name="Libya", slug="libya", code="LY")
    egypt = CountryFactory(name="Egypt", slug="egypt", code="EG")
    haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
    for _ in range(3):
        ArticleFactory(section=world, authors=[finnegan], countries=[libya, egypt], actors=[haftar])
    ArticleFactory(section=world, countries=[libya])
    ArticleFactory(section=SectionFactory(name="Business", slug="business"))
    ArticleFactory(section=world, authors=[finnegan], draft=True)


def chips(content: str) -> dict[str, str]:
    """Each chip's accessible name and the address it leads to."""
    return {
        label: href.replace("&amp;", "&")
        for href, label in re.findall(r'<a class="chip chip-remove" href="([^"]*)" aria-label="([^"]*)"', content)
    }


def test_each_filter_in_use_is_a_chip_whose_link_removes_only_it(client, archive):
    response = client.get(
        "/articles/?section=world&country=libya&country=egypt&actor=khalifa-haftar&ordering=oldest&page=1"
    )
    content = response.content.decode()
    assert chips(content) == {
        "Remove filter Section: World": "?country=libya&country=egypt&actor=khalifa-haftar&ordering=oldest",
        "Remove filter Actor: Khalifa Haftar": "?section=world&country=libya&country=egypt&ordering=oldest",
        "Remove filter Country: Libya": "?section=world&country=egypt&actor=khalifa-haftar&ordering=oldest",
        "Remove filter Country: Egypt": "?section=world&country=libya&actor=khalifa-haftar&ordering=oldest",
        "Remove filter Order: Oldest first": "?section=world&country=libya&country=egypt&actor=khalifa-haftar",
    }
    assert '<p class="result-count" role="status">3 stories match these filters</p>' in content
    # Following a chip's link drops that filter and keeps the others.
    wider = client.get("/articles/" + chips(content)["Remove filter Country: Egypt"]).content.decode()
    assert '<p class="result-count" role="status">3 stories match these filters</p>' in wider
    assert "Remove filter Country: Egypt" not in wider and "Remove filter Country: Libya" in wider


def test_without_filters_the_archive_counts_every_published_story(client, archive):
    content = client.get("/articles/").content.decode()
    assert chips(content) == {}
    assert '<p class="result-count" role="status">5 stories</p>' in content


def test_a_search_and_dates_are_chips_too(client, archive):
    content = client.get("/articles/?q=headline&published_after=2020-01-02").content.decode()
    assert set(chips(content)) == {
        "Remove filter Search: headline",
        "Remove filter Published on or after: 2 January 2020",
    }


def test_a_rejected_filter_shows_its_error_and_no_chips(client, archive):
    content = client.get("/articles/?author=nobody").content.decode()
    assert "There is no author called “nobody”." in content
    assert chips(content) == {} and "result-count" not in content


def test_authors_page_lists_journalists_with_published_stories_and_their_counts(client, archive):
    AuthorFactory(name="Only A Draft")
    content = client.get("/authors/").content.decode()
    names = re.findall(r'<h2 class="person-name"><a href="([^"]+)">([^<]+)</a>', content)
    assert ("/authors/caroline-finnegan/", "Caroline Finnegan") in names
    assert "Only A Draft" not in content
    finnegan = content.split("Caroline Finnegan</a>", 1)[1]
    assert re.search(r'<p class="person-count">3 stories</p>', finnegan), "the draft is not counted"


def test_sections_page_lists_sections_with_their_published_story_counts(client, archive):
    SectionFactory(name="Empty")
    content = client.get("/sections/").content.decode()
    assert re.findall(r'<h2><a href="(/sections/[^"]+)">([^<]+)</a></h2>', content) == [
        ("/sections/world/", "World"),
        ("/sections/business/", "Business"),
    ]
    assert '<p class="person-count">4 stories</p>' in content


@pytest.mark.parametrize("url, queries", [("/authors/", 3), ("/sections/", 2)])
def test_index_pages_run_a_fixed_number_of_queries(client, archive, django_assert_num_queries, url, queries):
    # The list (and for authors, its count for the pages) and the navigation; the same with more rows.
    with django_assert_num_queries(queries):
        client.get(url)
    for _ in range(10):
        ArticleFactory(authors=[AuthorFactory()])
    with django_assert_num_queries(queries):
        client.get(url)
