"""Automatic tagging of stored articles: the service, `manage.py tag_articles` and the admin action."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from tagging.models import Actor, Country
from tagging.services.tagging import articles_tag

from .factories import ActorFactory, ArticleFactory, CountryFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def libya_article(**kwargs):
    body = (
        "<p>Forces loyal to Haftar shelled Tripoli; Turkish drones hit back.</p><p>The GNA asked the U.S. for help.</p>"
    )
    return ArticleFactory(headline="Fighting near Tripoli", dek="", body=body, **kwargs)


def tag_names(article: Article) -> tuple[set[str], set[str]]:
    return set(article.countries.names()), set(article.actors.names())


@pytest.fixture
def known_actors():
    haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar", aliases="Haftar\nMarshal Haftar")
    gna = ActorFactory(name="Government of National Accord", slug="gna", aliases="GNA", kind="organisation")
    return haftar, gna


def test_countries_and_actors_in_headline_dek_and_body_are_tagged(known_actors):
    article = ArticleFactory(headline="Egypt hosts talks", dek="Algerian envoy attends.", body="<p>Haftar came.</p>")
    articles_tag(articles=Article.objects.all())
    assert tag_names(article) == ({"Egypt", "Algeria"}, {"Khalifa Haftar"})
    assert Country.objects.get(name="Egypt").code == "EG"


def test_tagging_only_adds_and_is_idempotent(known_actors, capsys):
    chosen_by_editor = ActorFactory(name="African Union", slug="african-union")
    article = libya_article(actors=[chosen_by_editor])

    call_command("tag_articles")
    first = capsys.readouterr().out
    call_command("tag_articles")
    second = capsys.readouterr().out

    assert tag_names(article) == (
        {"Turkey", "United States"},
        {"African Union", "Khalifa Haftar", "Government of National Accord"},
    )
    assert "added 2 country tag(s) and 2 actor tag(s) to 1 of them" in first
    assert "added 0 country tag(s) and 0 actor tag(s) to 0 of them" in second


def test_a_tag_an_editor_removed_is_not_added_again(admin_client, known_actors):
    article = libya_article()
    articles_tag(articles=[article])
    article.countries.remove(Country.objects.get(code="TR"))
    article.actors.remove(Actor.objects.get(name="Khalifa Haftar"))
    article.body += "<p>Egypt called for calm.</p>"
    article.save()

    call_command("tag_articles")
    admin_client.post(CHANGELIST, {"action": "tag_actors_and_countries", "_selected_action": [article.pk]})

    assert tag_names(article) == ({"United States", "Egypt"}, {"Government of National Accord"})


def test_existing_country_rows_are_reused_by_code():
    CountryFactory(name="Türkiye", slug="turkiye", code="TR")
    article = libya_article()
    articles_tag(articles=[article])
    assert set(article.countries.values_list("name", flat=True)) == {"Türkiye", "United States"}
    assert Country.objects.filter(code="TR").count() == 1


def test_a_country_alias_added_by_an_editor_is_recognised():
    CountryFactory(name="Libya", slug="libya", code="LY", aliases="Jamahiriya")
    article = ArticleFactory(headline="Oil output", dek="", body="<p>The Jamahiriya pumped more oil.</p>")
    articles_tag(articles=[article])
    assert set(article.countries.names()) == {"Libya"}


def test_a_text_naming_no_country_or_actor_gets_no_tags(known_actors):
    article = ArticleFactory(headline="Council budget", dek="", body="<p>The council approved its budget.</p>")
    articles_tag(articles=[article])
    assert tag_names(article) == (set(), set())


def test_admin_action_tags_only_the_selected_articles(admin_client, known_actors):
    selected, other = libya_article(), libya_article()
    response = admin_client.post(
        CHANGELIST, {"action": "tag_actors_and_countries", "_selected_action": [selected.pk]}, follow=True
    )
    assert "Tagged 1 article(s): added 2 country tag(s) and 2 actor tag(s) to 1 of them." in response.content.decode()
    assert selected.countries.count() == 2
    assert other.countries.count() == 0


@pytest.mark.parametrize("rows", [2, 50])
def test_tagging_queries_do_not_grow_with_articles(django_assert_num_queries, known_actors, rows):
    CountryFactory(name="Turkey", slug="turkey", code="TR")
    CountryFactory(name="United States", slug="united-states", code="US")
    for _ in range(rows):
        libya_article()
    # ids, actors, the gazetteer's places, countries, one chunk of articles, its existing and earlier tags (3),
    # inserts (3), savepoint (2), and the tagged articles' version bump (the new tags purge their stories and
    # lists: no new content version).
    with django_assert_num_queries(14):
        summary = articles_tag(articles=Article.objects.all())
    assert summary.articles_changed == rows
    assert Actor.objects.get(name="Khalifa Haftar").article_items.count() == rows
