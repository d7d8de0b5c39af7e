"""Each page runs the same number of queries whether it shows 2 articles or 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

pytestmark = pytest.mark.django_db

SECTIONS = 3


@pytest.fixture
def sections():
    return [SectionFactory(slug=f"s{index}") for index in range(SECTIONS)]


@pytest.fixture
def tags():
    return {"actor": ActorFactory(slug="haftar"), "country": CountryFactory(slug="libya", code="LY")}


@pytest.fixture
def author():
    return AuthorFactory(slug="finnegan")


def make_articles(count, *, sections, tags, author):
    articles = []
    for index in range(count):
        articles.append(
            ArticleFactory(
                section=sections[index % SECTIONS],
                authors=[author, AuthorFactory()],
                actors=[tags["actor"], ActorFactory()],
                countries=[tags["country"]],
            )
        )
    return articles


PAGES = {
    "front": lambda articles: reverse("articles:front"),
    "list": lambda articles: reverse("articles:list"),
    "list filtered": lambda articles: (
        reverse("articles:list") + "?country=libya&actor=haftar&section=s0&author=finnegan"
    ),
    "article": lambda articles: articles[0].get_absolute_url(),
    "section": lambda articles: reverse("articles:section", kwargs={"slug": "s0"}),
    "author": lambda articles: reverse("authors:detail", kwargs={"slug": "finnegan"}),
    "actor": lambda articles: reverse("tagging:actor", kwargs={"slug": "haftar"}),
    "country": lambda articles: reverse("tagging:country", kwargs={"slug": "libya"}),
}

EXPECTED = {
    # Sessions/auth are not touched by anonymous readers; the navigation is one query.
    "front": 6,  # pins, fill, sections, their latest stories, bylines, navigation
    "list": 7,
    "list filtered": 11,
    # The story with its section, bylines, actors, countries, corrections; related stories and their bylines;
    # navigation.
    "article": 8,
    "section": 6,  # + the pins of the section front
    "author": 5,
    "actor": 9,  # + the dossier: months, who, where, latest
    "country": 9,  # + the dossier: months, who, where, latest
}


@pytest.mark.parametrize("page", list(PAGES))
def test_public_page_runs_a_fixed_number_of_queries(client, sections, tags, author, page, django_assert_num_queries):
    few = make_articles(2, sections=sections, tags=tags, author=author)
    with django_assert_num_queries(EXPECTED[page]):
        assert client.get(PAGES[page](few)).status_code == 200
    make_articles(48, sections=sections, tags=tags, author=author)
    with django_assert_num_queries(EXPECTED[page]):
        assert client.get(PAGES[page](few)).status_code == 200


def with_picture_and_editor(user) -> None:
    """Every story gets a lead picture (its stored name and size) and was last saved by `user`."""
    Article.objects.update(
        lead_image="articles/2026/12/tripoli.jpg",
        lead_image_width=1600,
        lead_image_height=900,
        lead_image_alt="Smoke over Tripoli",
        updated_by=user,
    )


# Session, user, the years of the year filter, the count, the page of stories (section and editor joined), bylines.
CHANGE_LIST_QUERIES = 6


@pytest.mark.parametrize(
    "filtered",
    [False, True],
    ids=["unfiltered", "by section, author, actor and country"],
)
def test_admin_change_list_runs_a_fixed_number_of_queries(
    admin_client, admin_user, sections, tags, author, django_assert_num_queries, filtered
):
    url = reverse("admin:articles_article_changelist")
    if filtered:
        # Each chosen row is read once, for its name in the filter's box; no filter lists its rows.
        chosen = f"section={sections[0].pk}&author={author.pk}&actor={tags['actor'].pk}&country={tags['country'].pk}"
        url += "?" + chosen
    make_articles(2 * SECTIONS if filtered else 2, sections=sections, tags=tags, author=author)
    with_picture_and_editor(admin_user)
    admin_client.get(url)
    # No second COUNT(*) of the whole table; for the unfiltered list PostgreSQL first asks for its row estimate.
    expected = CHANGE_LIST_QUERIES + 4 * filtered + (connection.vendor == "postgresql" and not filtered)
    with django_assert_num_queries(expected):
        response = admin_client.get(url)
    assert len(response.context["cl"].result_list) == 2
    make_articles(48 * SECTIONS if filtered else 48, sections=sections, tags=tags, author=author)
    with_picture_and_editor(admin_user)
    with django_assert_num_queries(expected):
        response = admin_client.get(url)
    assert len(response.context["cl"].result_list) == 50
    html = response.content.decode()
    assert html.count('class="article-thumbnail"') == 50
    assert html.count(f'<span class="edited-by">{admin_user.get_username()}</span>') == 50


def counted(queries) -> bool:
    return any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)


def test_list_counts_the_archive_once_per_content_version(client, settings, sections, tags, author):
    settings.PAGE_CACHE = False
    make_articles(30, sections=sections, tags=tags, author=author)
    url = reverse("articles:list")
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as later:
        response = client.get(url + "?page=2")
    assert counted(first) and not counted(later)
    assert response.context["page_obj"].paginator.count == 30

    make_articles(1, sections=sections, tags=tags, author=author)
    with CaptureQueriesContext(connection) as after_change:
        response = client.get(url)
    assert counted(after_change)
    assert response.context["page_obj"].paginator.count == 31


@pytest.mark.postgres
def test_admin_change_list_shows_postgresql_estimate_for_a_big_table(admin_client, sections, tags, author, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    monkeypatch.setattr("serving.pagination.ESTIMATE_THRESHOLD", 3)
    make_articles(5, sections=sections, tags=tags, author=author)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(reverse("admin:articles_article_changelist"))
    assert response.context["cl"].result_count == 5
    assert not any('COUNT(*) AS "__count" FROM "articles_article"' in q["sql"] for q in queries.captured_queries)
