"""The presence endpoint: who else has the story open, its version; POST only, editors of the story only."""

import pytest

from tests.factories import ArticleFactory, EditorFactory, ReporterFactory

pytestmark = pytest.mark.django_db


def url(article):
    return f"/admin/articles/article/{article.pk}/presence/"


def test_each_editor_sees_the_others_until_they_leave(client):
    article = ArticleFactory(draft=True, headline="Budget talks", slug="budget-talks")
    amal = EditorFactory(first_name="Amal", last_name="Nasser")
    ben = EditorFactory(first_name="Ben", last_name="Carter")
    client.force_login(amal)
    assert client.post(url(article)).json()["others"] == []
    client.force_login(ben)
    state = client.post(url(article)).json()
    assert state["others"] == ["Amal Nasser"] and state["version"] == article.version
    client.force_login(amal)
    assert client.post(url(article)).json()["others"] == ["Ben Carter"]
    client.post(url(article), {"leaving": "1"})
    client.force_login(ben)
    assert client.post(url(article)).json()["others"] == []
    assert client.get(url(article)).status_code == 405


def test_a_reporter_cannot_watch_a_colleagues_draft(client):
    other = ArticleFactory(draft=True, headline="Theirs", slug="theirs")
    client.force_login(ReporterFactory())
    assert client.post(url(other)).status_code == 403
