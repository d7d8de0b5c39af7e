"""The story editor's tag fields: suggestions as an editor types, and new actors only from those who may add them."""

import pytest
from django.urls import reverse

from tagging.models import Actor

from .admin_forms import admin_form_data, change_url
from .factories import ActorFactory, ArticleFactory, CountryFactory, EditorFactory, ReporterFactory

pytestmark = pytest.mark.django_db

ACTOR_SUGGEST = reverse("admin:tagging_actor_suggest")
COUNTRY_SUGGEST = reverse("admin:tagging_country_suggest")
QUICK_ADD = reverse("admin:tagging_actor_quick_add")


@pytest.fixture
def tags():
    ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar", kind="person", aliases="Haftar\nMarshal Haftar")
    ActorFactory(name="Libyan National Army", slug="lna", kind="organisation", aliases="LNA")
    ActorFactory(name="Fayez al-Sarraj", slug="fayez-al-sarraj", kind="person")
    CountryFactory(name="Libya", slug="libya", code="LY")


def names(response) -> list[str]:
    return [result["name"] for result in response.json()["results"]]


def test_actors_are_offered_by_name_and_alias_names_starting_with_the_text_first(client, tags):
    client.force_login(ReporterFactory())
    response = client.get(ACTOR_SUGGEST, {"term": "haf"})
    assert response.status_code == 200
    assert response.json()["results"] == [{"name": "Khalifa Haftar", "detail": "person"}]
    found_by_alias = client.get(ACTOR_SUGGEST, {"term": "marshal"}).json()["results"]
    assert found_by_alias == [{"name": "Khalifa Haftar", "detail": "person · also “Marshal Haftar”"}]
    assert names(client.get(ACTOR_SUGGEST, {"term": "Lib"})) == ["Libyan National Army"]
    assert names(client.get(ACTOR_SUGGEST, {"term": "a"}))[:2] == ["Fayez al-Sarraj", "Khalifa Haftar"]
    assert names(client.get(ACTOR_SUGGEST, {"term": " "})) == []
    assert "no-store" in response["Cache-Control"]


def test_countries_are_offered_from_the_table_then_from_every_iso_country(client, tags):
    client.force_login(ReporterFactory())
    by_code = names(client.get(COUNTRY_SUGGEST, {"term": "ly"}))
    assert by_code[0] == "Libya" and "Italy" in by_code and by_code.count("Libya") == 1
    assert names(client.get(COUNTRY_SUGGEST, {"term": "egy"})) == ["Egypt"]
    assert client.get(COUNTRY_SUGGEST, {"term": "egy"}).json()["results"][0]["detail"] == "country · EG"


def test_suggestions_need_a_signed_in_member_of_staff_who_may_view_the_tags(client, django_user_model, tags):
    assert client.get(ACTOR_SUGGEST, {"term": "haf"}).status_code == 302  # to the sign-in page
    client.force_login(django_user_model.objects.create_user("clerk", is_staff=True))
    assert client.get(ACTOR_SUGGEST, {"term": "haf"}).status_code == 403


def test_an_editor_creates_an_actor_of_the_kind_chosen_and_a_second_time_gets_the_same_one(client):
    client.force_login(EditorFactory())
    assert client.get(QUICK_ADD).status_code == 405
    response = client.post(QUICK_ADD, {"name": "  Government of  National Accord ", "kind": "organisation"})
    assert response.json() == {"name": "Government of National Accord", "detail": "organisation", "created": True}
    actor = Actor.objects.get(name="Government of National Accord")
    assert actor.kind == "organisation" and actor.slug == "government-of-national-accord"
    again = client.post(QUICK_ADD, {"name": "government of national accord", "kind": "person"}).json()
    assert again == {"name": "Government of National Accord", "detail": "organisation", "created": False}
    assert Actor.objects.count() == 1


def test_an_empty_name_a_country_or_an_unknown_kind_is_refused_with_the_reason(client):
    client.force_login(EditorFactory())
    for data, reason in [
        ({"name": " ", "kind": "person"}, "The name is empty."),
        ({"name": "Libya", "kind": "organisation"}, "“Libya” is a country: add it under Countries."),
        ({"name": "Ali Zeidan", "kind": "wizard"}, "“wizard” is not a kind of actor."),
    ]:
        response = client.post(QUICK_ADD, data)
        assert (response.status_code, response.json()["error"]) == (400, reason)
    assert not Actor.objects.exists()


def test_a_reporter_cannot_create_actors_neither_from_the_chip_field_nor_by_typing_a_name(client):
    reporter = ReporterFactory()
    client.force_login(reporter)
    assert client.post(QUICK_ADD, {"name": "Ali Zeidan", "kind": "person"}).status_code == 403
    haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
    article = ArticleFactory(draft=True, created_by=reporter)
    page = client.get(change_url(article))
    html = page.content.decode()
    assert f'data-tag-suggest="{ACTOR_SUGGEST}"' in html and "data-tag-create" not in html

    response = client.post(change_url(article), admin_form_data(page) | {"actors": "khalifa haftar, Ali Zeidan"})
    assert response.status_code == 200
    assert "Not an actor yet: Ali Zeidan." in response.content.decode()
    assert not Actor.objects.filter(name="Ali Zeidan").exists()

    response = client.post(change_url(article), admin_form_data(page) | {"actors": "khalifa haftar"})
    assert response.status_code == 302
    assert list(article.actors.all()) == [haftar]


def test_an_editor_may_still_create_an_actor_by_typing_its_name(client):
    client.force_login(EditorFactory())
    article = ArticleFactory(draft=True)
    page = client.get(change_url(article))
    assert f'data-tag-create="{QUICK_ADD}"' in page.content.decode()
    response = client.post(change_url(article), admin_form_data(page) | {"actors": "Ali Zeidan"})
    assert response.status_code == 302
    assert list(article.actors.names()) == ["Ali Zeidan"]
