"""The filterable list of articles at /articles/."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("articles:list")


def headlines(response):
    return [article.headline for article in response.context["object_list"]]


@pytest.fixture
def archive():
    world = SectionFactory(name="World", slug="world")
    business = SectionFactory(name="Business", slug="business")
    finnegan = AuthorFactory(name="Caroline Finnegan", slug="caroline-finnegan")
    other = AuthorFactory(name="Omar Haddad", slug="omar-haddad")
    haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
    un = ActorFactory(name="United Nations", slug="united-nations")
    libya = CountryFactory(name="Libya", slug="libya", code="LY")
    turkey = CountryFactory(name="Turkey", slug="turkey", code="TR")

    def at(day):
        return timezone.make_aware(datetime(2019, 12, day, 9, 0))

    ArticleFactory(
        headline="Haftar advances on Tripoli",
        section=world,
        authors=[finnegan],
        actors=[haftar],
        countries=[libya],
        published_at=at(10),
    )
    ArticleFactory(
        headline="Ankara signs security deal",
        body="<p>The agreement with Tripoli was signed.</p>",
        section=world,
        authors=[other],
        actors=[haftar, un],
        countries=[libya, turkey],
        published_at=at(15),
    )
    ArticleFactory(
        headline="Markets rally",
        section=business,
        authors=[other],
        countries=[turkey],
        published_at=at(20),
    )


def test_lists_newest_first_by_default(client, archive):
    assert headlines(client.get(LIST_URL)) == [
        "Markets rally",
        "Ankara signs security deal",
        "Haftar advances on Tripoli",
    ]


def test_ordering_oldest(client, archive):
    response = client.get(LIST_URL, {"ordering": "oldest"})
    assert headlines(response) == ["Haftar advances on Tripoli", "Ankara signs security deal", "Markets rally"]


def test_filter_by_section(client, archive):
    assert headlines(client.get(LIST_URL, {"section": "business"})) == ["Markets rally"]


def test_filter_by_author(client, archive):
    assert headlines(client.get(LIST_URL, {"author": "caroline-finnegan"})) == ["Haftar advances on Tripoli"]


def test_filter_by_one_actor(client, archive):
    response = client.get(LIST_URL, {"actor": "khalifa-haftar"})
    assert headlines(response) == ["Ankara signs security deal", "Haftar advances on Tripoli"]


def test_repeated_actor_and_country_must_all_match(client, archive):
    response = client.get(LIST_URL, {"actor": ["khalifa-haftar", "united-nations"]})
    assert headlines(response) == ["Ankara signs security deal"]
    response = client.get(LIST_URL, {"country": ["libya", "turkey"]})
    assert headlines(response) == ["Ankara signs security deal"]


def test_filter_by_country(client, archive):
    assert headlines(client.get(LIST_URL, {"country": "turkey"})) == ["Markets rally", "Ankara signs security deal"]


def test_filter_by_text_matches_headline_and_body(client, archive):
    # Best match first: the headline mention outranks the body mention of the newer story.
    assert headlines(client.get(LIST_URL, {"q": "tripoli"})) == [
        "Haftar advances on Tripoli",
        "Ankara signs security deal",
    ]
    assert headlines(client.get(LIST_URL, {"q": "tripoli", "ordering": "newest"})) == [
        "Ankara signs security deal",
        "Haftar advances on Tripoli",
    ]
    assert headlines(client.get(LIST_URL, {"q": "tripoli", "ordering": "relevance"}))[0] == "Haftar advances on Tripoli"


def test_filter_by_dates(client, archive):
    response = client.get(LIST_URL, {"published_after": "2019-12-12", "published_before": "2019-12-15"})
    assert headlines(response) == ["Ankara signs security deal"]


def test_filters_combine(client, archive):
    response = client.get(LIST_URL, {"section": "world", "country": "turkey", "ordering": "oldest"})
    assert headlines(response) == ["Ankara signs security deal"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"section": "atlantis"}, "There is no section called “atlantis”."),
        ({"author": "nobody"}, "There is no author called “nobody”."),
        ({"actor": "nobody"}, "There is no actor called “nobody”."),
        ({"country": "narnia"}, "There is no country called “narnia”."),
        ({"published_after": "yesterday"}, "Enter the date as YYYY-MM-DD"),
        ({"published_before": "2019-13-45"}, "Enter the date as YYYY-MM-DD"),
        ({"ordering": "sideways"}, "Order by “newest”, “oldest” or “relevance”."),
    ],
)
def test_bad_filter_shows_a_clear_message(client, archive, params, message):
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert headlines(response) == []


def test_pagination_keeps_the_filters(client):
    section = SectionFactory(slug="world")
    for _ in range(25):
        ArticleFactory(section=section)
    ArticleFactory()  # another section
    response = client.get(LIST_URL, {"section": "world", "ordering": "oldest"})
    assert len(response.context["object_list"]) == 20
    content = response.content.decode()
    assert 'href="?section=world&amp;ordering=oldest&amp;page=2"' in content
    second = client.get(LIST_URL, {"section": "world", "ordering": "oldest", "page": 2})
    assert len(second.context["object_list"]) == 5
    assert 'value="world" selected' in second.content.decode()


def test_page_past_the_end_is_404(client):
    ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    assert client.get(LIST_URL, {"page": 9}).status_code == 404
