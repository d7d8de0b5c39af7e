"""An embargo holds a story back from readers until its time, and cannot contradict the publication time."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article
from articles.selectors import next_scheduled_publication

from .admin_forms import admin_form_data
from .factories import ArticleFactory, SectionFactory, StaffFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_readers_see_an_embargoed_story_when_the_embargo_lifts(client, clock):
    article = ArticleFactory(slug="held", embargo_until=NOW + timedelta(hours=2))
    assert client.get("/articles/held/").status_code == 404
    assert article.headline not in client.get(reverse("articles:front")).content.decode()
    assert next_scheduled_publication() == NOW + timedelta(hours=2)  # the page cache refreshes then
    clock.move_to(NOW + timedelta(hours=2, seconds=1))
    assert client.get("/articles/held/").status_code == 200
    assert article.headline in client.get(reverse("articles:front")).content.decode()
    assert next_scheduled_publication() is None


def test_an_embargo_before_the_publication_time_is_refused_with_a_reason(client):
    client.force_login(StaffFactory())
    article = ArticleFactory(section=SectionFactory())
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form_data(client.get(url))
    data.update(
        {
            "status": "published",
            "published_at_0": "2024-03-05",
            "published_at_1": "09:00",
            "embargo_until_0": "2024-03-04",
            "embargo_until_1": "09:00",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "before the story is published" in response.content.decode()
    article.refresh_from_db()
    assert article.embargo_until is None


def test_an_embargo_after_the_publication_time_is_saved(client):
    client.force_login(StaffFactory())
    article = ArticleFactory(section=SectionFactory())
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form_data(client.get(url))
    data.update({"embargo_until_0": "2024-03-04", "embargo_until_1": "09:00"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.embargo_until == datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
    assert not Article.objects.published().exists()
    assert Article.objects.for_partners().get() == article
