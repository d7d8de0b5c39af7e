"""The ninjs wire: every published story as IPTC ninjs 2.2, valid against IPTC's schema, for partner keys only."""

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker

from wires.models import PartnerKey

from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory
from .images import image_upload

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parents[1] / "wires" / "schemas" / "ninjs-schema_2.2.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def issue(rate="600/hour") -> tuple[PartnerKey, str]:
    key = PartnerKey(partner="Agence Nord", rate=rate)
    secret = key.key_issue()
    key.save()
    return key, secret


def wire(client, secret, url=None):
    return client.get(url or reverse("wires:ninjs-list"), HTTP_AUTHORIZATION=f"Bearer {secret}")


def errors(item) -> list[str]:
    return [f"{'/'.join(map(str, error.path))}: {error.message}" for error in VALIDATOR.iter_errors(item)]


def test_every_story_on_the_wire_is_valid_ninjs(client):
    libya, haftar = CountryFactory(name="Libya", slug="libya", code="LY"), ActorFactory(name="Khalifa Haftar")
    ArticleFactory(
        headline="Pictured",
        authors=[AuthorFactory(name="Amira Haddad"), AuthorFactory(name="Tom Reed")],
        actors=[haftar],
        countries=[libya],
        lead_image=image_upload(width=1000, height=600),
        lead_image_alt="A harbour",
        lead_image_caption="Tripoli harbour",
        lead_image_credit="Jane Doe",
    )
    ArticleFactory(headline="Plain", dek="")
    ArticleFactory(headline="Held", embargoed=True)
    _key, secret = issue()
    response = wire(client, secret)
    assert response.status_code == 200
    items = response.json()["results"]
    assert [item["headlines"][0]["value"] for item in items] == ["Held", "Plain", "Pictured"]
    assert {index: errors(item) for index, item in enumerate(items)} == {0: [], 1: [], 2: []}
    item = items[2]
    assert item["by"] == "Amira Haddad, Tom Reed"
    assert item["bodies"][0]["contenttype"] == "text/html"
    assert item["pubstatus"] == "usable"
    assert {"name": "Libya", "rel": "about", "literal": "iso3166-1a2:LY"}.items() <= item["subjects"][1].items()
    assert item["subjects"][0]["name"] == "Khalifa Haftar"
    picture = item["associations"][0]
    assert picture["type"] == "picture" and picture["headlines"][0]["value"] == "Tripoli harbour"
    assert {rendition["width"] for rendition in picture["renditions"]} == {160, 320, 640, 960, 1000}
    assert "embargoed" not in item


def test_the_validator_catches_a_broken_item(client):
    ArticleFactory()
    _key, secret = issue()
    item = wire(client, secret).json()["results"][0]
    item["pubstatus"] = "maybe"
    item["headlines"] = [{"text": "no value"}]
    assert len(errors(item)) == 3  # a bad status; a headline without its value, and with a stray key


def test_partners_see_an_embargoed_story_flagged_and_readers_do_not(client):
    held = ArticleFactory(slug="held", embargo_until=NOW + timedelta(hours=3))
    _key, secret = issue()
    item = wire(client, secret, reverse("wires:ninjs-detail", args=["held"])).json()
    assert item["embargoed"] == "2024-03-01T15:00:00Z"
    assert errors(item) == []
    assert client.get(held.get_absolute_url()).status_code == 404
    assert client.get(reverse("api:article-detail", args=["held"])).status_code == 404
    assert client.get(reverse("api:article-list")).json()["results"] == []


@pytest.mark.parametrize("kind", ["draft", "review", "scheduled"])
def test_unpublished_stories_are_not_on_the_wire(client, kind):
    article = ArticleFactory(**{kind: True})
    _key, secret = issue()
    assert wire(client, secret).json()["results"] == []
    assert wire(client, secret, reverse("wires:ninjs-detail", args=[article.slug])).status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer nw_not-a-key", "Token abc"])
def test_without_a_valid_key_the_wire_is_refused(client, header):
    ArticleFactory()
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(reverse("wires:ninjs-list"), **extra)
    assert response.status_code in (401, 403)
    assert "results" not in response.json()


def test_a_revoked_key_is_refused(client):
    key, secret = issue()
    assert wire(client, secret).status_code == 200
    key.revoke()
    key.save()
    response = wire(client, secret)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_each_key_has_its_own_rate_limit(client):
    ArticleFactory()
    _slow, slow_secret = issue(rate="2/minute")
    _fast, fast_secret = issue(rate="100/minute")
    assert [wire(client, slow_secret).status_code for _ in range(3)] == [200, 200, 429]
    assert [wire(client, fast_secret).status_code for _ in range(5)] == [200] * 5


def test_an_editor_issues_a_key_in_the_admin_sees_it_once_and_revokes_it(admin_client, client):
    ArticleFactory()
    response = admin_client.post(
        reverse("admin:wires_partnerkey_add"), {"partner": "Agence Nord", "rate": "100/hour"}, follow=True
    )
    secret = re.search(r"is (nw_[\w-]+) — copy it now", response.content.decode()).group(1)
    key = PartnerKey.objects.get()
    assert key.hashed_key != secret and secret not in key.hashed_key
    assert wire(client, secret).status_code == 200
    admin_client.post(reverse("admin:wires_partnerkey_changelist"), {"action": "revoke", "_selected_action": [key.pk]})
    assert wire(client, secret).status_code == 401


def test_the_admin_refuses_a_rate_it_cannot_read(admin_client):
    response = admin_client.post(reverse("admin:wires_partnerkey_add"), {"partner": "X", "rate": "lots"})
    assert "600/hour" in response.content.decode()
    assert not PartnerKey.objects.exists()
