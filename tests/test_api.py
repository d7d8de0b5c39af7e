"""The Content API as a partner uses it: published stories only, the list page's filters, cursors, limits."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

pytestmark = pytest.mark.django_db

HIDDEN_KINDS = ["draft", "review", "scheduled", "embargoed"]


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def newsroom():
    world = SectionFactory(name="World", slug="world")
    haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
    libya = CountryFactory(name="Libya", slug="libya", code="LY")
    authors = [AuthorFactory(name="Caroline Finnegan", slug="caroline-finnegan"), AuthorFactory(slug="omar-salem")]
    story = ArticleFactory(
        headline="Haftar advances on Tripoli",
        slug="haftar-advances",
        dek="Forces move north.",
        body="<p>Fighting near the capital.</p>",
        section=world,
        authors=authors,
        actors=[haftar],
        countries=[libya],
    )
    older = ArticleFactory(
        headline="Oil output climbs",
        slug="oil-output",
        section=SectionFactory(name="Business", slug="business"),
        published_at=timezone.now() - timedelta(days=3),
    )
    return {"story": story, "older": older, "world": world, "haftar": haftar, "libya": libya}


def test_article_list_shows_public_fields_of_published_stories(client, newsroom):
    response = client.get("/api/articles/")
    data = response.json()
    assert [item["slug"] for item in data["results"]] == ["haftar-advances", "oil-output"]
    story = data["results"][0]
    assert story["headline"] == "Haftar advances on Tripoli"
    assert story["dek"] == "Forces move north."
    assert story["section"] == {"slug": "world", "name": "World"}
    assert [author["slug"] for author in story["authors"]] == ["caroline-finnegan", "omar-salem"]
    assert story["authors"][0]["name"] == "Caroline Finnegan"
    assert story["authors"][0]["url"] == "http://testserver/authors/caroline-finnegan/"
    assert story["actors"] == [{"slug": "khalifa-haftar", "name": "Khalifa Haftar"}]
    assert story["countries"] == [{"slug": "libya", "name": "Libya"}]
    assert story["url"] == "http://testserver/articles/haftar-advances/"
    assert "body" not in story and "status" not in story


def test_article_detail_has_the_body(client, newsroom):
    data = client.get("/api/articles/haftar-advances/").json()
    assert data["body"] == "<p>Fighting near the capital.</p>"
    assert data["published_at"] == newsroom["story"].published_at.isoformat().replace("+00:00", "Z")


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_unpublished_stories_are_not_in_the_api(client, newsroom, kind):
    hidden = ArticleFactory(
        slug="hidden-story",
        headline="Hidden Haftar story",
        section=newsroom["world"],
        actors=[ActorFactory(slug="secret-actor")],
        countries=[CountryFactory(slug="atlantis", code="QQ")],
        authors=[AuthorFactory(slug="unpublished-author")],
        **{kind: True},
    )
    assert "hidden-story" not in slugs(client.get("/api/articles/"))
    assert "hidden-story" not in slugs(client.get("/api/articles/", {"q": "haftar"}))
    assert client.get(f"/api/articles/{hidden.slug}/").status_code == 404
    assert "unpublished-author" not in slugs(client.get("/api/authors/"))
    assert "secret-actor" not in slugs(client.get("/api/actors/"))
    assert "atlantis" not in slugs(client.get("/api/countries/"))


def test_api_takes_the_same_filters_as_the_list_page(client, newsroom):
    assert slugs(client.get("/api/articles/", {"section": "world"})) == ["haftar-advances"]
    assert slugs(client.get("/api/articles/", {"actor": "khalifa-haftar"})) == ["haftar-advances"]
    assert slugs(client.get("/api/articles/", {"country": "libya"})) == ["haftar-advances"]
    assert slugs(client.get("/api/articles/", {"author": "caroline-finnegan"})) == ["haftar-advances"]
    assert slugs(client.get("/api/articles/", {"q": "tripoli"})) == ["haftar-advances"]
    assert slugs(client.get("/api/articles/", {"ordering": "oldest"})) == ["oil-output", "haftar-advances"]
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    assert slugs(client.get("/api/articles/", {"published_after": since})) == ["haftar-advances"]


@pytest.mark.parametrize(
    ("params", "parameter", "reason"),
    [
        ({"section": "nowhere"}, "section", "There is no section called “nowhere”."),
        ({"published_after": "last tuesday"}, "published_after", "Enter the date as YYYY-MM-DD"),
        ({"actor": "nobody"}, "actor", "There is no actor called “nobody”."),
        ({"ordering": "sideways"}, "ordering", "Order by"),
        ({"q": "x" * 201}, "q", "at most 200 characters"),
    ],
)
def test_bad_filter_value_is_a_400_naming_the_parameter(client, newsroom, params, parameter, reason):
    response = client.get("/api/articles/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = response.json()
    assert list(errors) == [parameter]
    assert reason in errors[parameter][0]


def test_cursor_pages_walk_every_story_once(client):
    section = SectionFactory()
    now = timezone.now()
    expected = [ArticleFactory(section=section, published_at=now - timedelta(hours=n)).slug for n in range(1, 8)]
    # Two stories published at the very same moment still come out once each.
    expected.insert(3, ArticleFactory(section=section, published_at=now - timedelta(hours=3)).slug)
    seen, url = [], "/api/articles/?page_size=3"
    while url:
        data = client.get(url).json()
        seen += [item["slug"] for item in data["results"]]
        url = data["next"]
    assert sorted(seen) == sorted(expected) and len(seen) == len(expected)
    assert seen[:2] == expected[:2]  # newest first


@pytest.mark.parametrize("cursor", ["not-a-cursor", "cD14eHg=", "bz0xJnA9MjAxOS0xMy0wMQ=="])
def test_damaged_cursor_is_a_404_not_an_error(client, newsroom, cursor):
    response = client.get("/api/articles/", {"cursor": cursor})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid cursor"}


def test_group_endpoints_list_by_slug_with_page_addresses(client, newsroom):
    assert slugs(client.get("/api/sections/")) == ["business", "world"]
    assert client.get("/api/sections/world/").json()["url"] == "http://testserver/sections/world/"
    assert slugs(client.get("/api/actors/")) == ["khalifa-haftar"]
    assert client.get("/api/countries/libya/").json()["code"] == "LY"
    assert set(slugs(client.get("/api/authors/"))) >= {"caroline-finnegan", "omar-salem"}


def test_anonymous_clients_are_rate_limited(client, newsroom, settings):
    settings.NEWSROOM_API_ANON_RATE = "3/minute"
    for _ in range(3):
        assert client.get("/api/sections/").status_code == 200
    response = client.get("/api/articles/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_api_refuses_writes(client, newsroom):
    response = client.post("/api/articles/", {"headline": "Injected"}, content_type="application/json")
    assert response.status_code == 405
    assert client.delete("/api/articles/haftar-advances/").status_code == 405


@pytest.mark.parametrize("count", [2, 50])
def test_article_list_queries_do_not_grow_with_stories(client, django_assert_num_queries, count):
    for _ in range(count):
        ArticleFactory(
            authors=[AuthorFactory(), AuthorFactory()], actors=[ActorFactory()], countries=[CountryFactory()]
        )
    # articles, bylines with authors, actors, countries
    with django_assert_num_queries(4):
        response = client.get("/api/articles/?page_size=100")
    assert len(response.json()["results"]) == count
