"""The admin's autocomplete boxes (sections, authors, tags) list their choices in a stable order."""

import pytest
from django.urls import reverse

from .factories import AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def autocomplete(client, *, model_name: str, field_name: str, term: str = "") -> list[str]:
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_section_autocomplete_lists_sections_in_navigation_order(admin_client):
    SectionFactory(name="Business", position=2)
    SectionFactory(name="World", position=1)
    SectionFactory(name="Arts", position=3)
    assert autocomplete(admin_client, model_name="article", field_name="section") == ["World", "Business", "Arts"]


def test_byline_autocomplete_finds_authors_by_name_in_alphabetical_order(admin_client):
    AuthorFactory(name="Kwame Osei")
    AuthorFactory(name="Caroline Finnegan")
    AuthorFactory(name="Amira Haddad")
    assert autocomplete(admin_client, model_name="byline", field_name="author") == [
        "Amira Haddad",
        "Caroline Finnegan",
        "Kwame Osei",
    ]
