"""A page showing many rows of one kind keeps one key for them (`author:*`), and still goes when one changes.

The archive's filter form lists every author with a published story (hundreds on a real site):
their keys are folded into one, which every change to an author also purges, while pages showing
only a few authors keep their own keys and are not purged by a change to someone else.
"""

import pytest
from django.urls import reverse

from serving import dependencies

from .factories import ArticleFactory, AuthorFactory
from .page_cache import kept

pytestmark = pytest.mark.django_db


@pytest.fixture
def authors(monkeypatch):
    monkeypatch.setattr(dependencies, "ROW_KEYS_MAX", 3)  # a handful stands in for hundreds
    people = [AuthorFactory(name=f"Reporter {index}", slug=f"reporter-{index}") for index in range(5)]
    for person in people:
        ArticleFactory(authors=[person])
    return people


def test_a_page_showing_many_authors_keeps_one_key_for_them(client, authors):
    archive = client.get(reverse("articles:list"))
    keys = archive["Surrogate-Key"].split()
    assert "author:*" in keys
    assert not [key for key in keys if key.startswith("author:") and key != "author:*"]
    single = client.get(authors[0].get_absolute_url())["Surrogate-Key"].split()
    assert f"author:{authors[0].pk}" in single and "author:*" not in single


def test_renaming_one_of_them_purges_the_folded_page_and_not_the_pages_of_others(client, authors):
    archive, other = reverse("articles:list"), authors[1].get_absolute_url()
    assert kept(client, archive) and kept(client, other)
    authors[0].name = "Caroline Finnegan"
    authors[0].save()
    response = client.get(archive)
    assert response["X-Page-Cache"] == "miss"
    assert b"Caroline Finnegan" in response.content and b"Reporter 0" not in response.content
    assert client.get(other)["X-Page-Cache"] == "hit"
