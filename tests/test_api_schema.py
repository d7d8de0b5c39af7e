"""The API's OpenAPI description: valid, documented offline, and true under generated requests."""

import re

import pytest
import requests
import schemathesis
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory

API_PATHS = [
    "/api/articles/",
    "/api/articles/{slug}/",
    "/api/sections/",
    "/api/sections/{slug}/",
    "/api/authors/",
    "/api/authors/{slug}/",
    "/api/actors/",
    "/api/actors/{slug}/",
    "/api/countries/",
    "/api/countries/{slug}/",
]
EXAMPLES_PER_OPERATION = 15


@pytest.mark.django_db
def test_openapi_schema_validates_and_describes_every_endpoint(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)  # raises on any departure from the OpenAPI 3 specification
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == sorted(API_PATHS)
    parameters = {p["name"] for p in schema["paths"]["/api/articles/"]["get"]["parameters"]}
    assert parameters >= {"q", "section", "author", "actor", "country", "published_after", "published_before"}
    assert {"ordering", "cursor", "page_size"} <= parameters


@pytest.mark.django_db
def test_docs_page_loads_everything_from_this_site(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>" not in content  # no inline script: works under a strict Content-Security-Policy
    assets = re.findall(r'(?:src|href)="([^"]+)"', content)
    assert assets and all(url.startswith("/") and not url.startswith("//") for url in assets), assets
    for url in assets:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
        else:
            script = client.get(url)
            assert script.status_code == 200
            assert "/api/schema/" in script.content.decode()


@pytest.mark.django_db(transaction=True)
def test_generated_requests_find_no_server_error(live_server, settings):
    """Schemathesis sends valid and invalid requests to every operation over real HTTP."""
    settings.NEWSROOM_API_ANON_RATE = "100000/minute"  # this test is one very busy client
    section = SectionFactory(slug="world")
    for _ in range(3):
        ArticleFactory(
            section=section,
            authors=[AuthorFactory(), AuthorFactory()],
            actors=[ActorFactory()],
            countries=[CountryFactory()],
        )
    ArticleFactory(section=section, draft=True)
    raw = requests.get(f"{live_server.url}/api/schema/?format=json", timeout=30).json()
    schema = schemathesis.openapi.from_dict(raw)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(API_PATHS)
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @hypothesis_settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def call(case):
                response = case.call(base_url=live_server.url, timeout=30)
                case.validate_response(
                    response, checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
                )

            try:
                call()
            except Unsatisfiable:
                # Nothing in this operation can be made invalid (e.g. any text is a possible slug).
                assert mode is schemathesis.GenerationMode.NEGATIVE, operation.label
