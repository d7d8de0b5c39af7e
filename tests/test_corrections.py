"""Editors add corrections to a published story; readers see them at its foot, with an "Updated" time."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from articles.models import Correction

from .admin_forms import admin_form_data
from .factories import ArticleFactory, EditorFactory, ReporterFactory

pytestmark = pytest.mark.django_db


def test_an_editor_adds_a_correction_and_readers_see_it_at_the_foot(client):
    client.force_login(EditorFactory())
    article = ArticleFactory(body="<p>The talks were held in Geneva.</p>")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form_data(client.get(url)) | {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-date": "2019-12-12",
        "corrections-0-text": "An earlier version said the talks were held in Vienna <b>twice</b>.",
    }
    with time_machine.travel(datetime(2019, 12, 12, 9, 30, tzinfo=UTC), tick=False):
        assert client.post(url, data).status_code == 302
    assert Correction.objects.filter(article=article).count() == 1

    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert (
        'Correction, <time datetime="2019-12-12">12 December 2019</time>:</strong> '
        "An earlier version said the talks were held in Vienna &lt;b&gt;twice&lt;/b&gt;." in page
    )
    assert page.index("The talks were held in Geneva.") < page.index("Correction, ")
    assert 'Updated <time datetime="2019-12-12T09:30:00+00:00">12 December 2019, 09:30</time>' in page


def test_a_story_without_corrections_shows_no_updated_time(client):
    page = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "Correction, " not in page and "Updated" not in page


def test_reporters_do_not_get_the_corrections_inline(client):
    reporter = ReporterFactory()
    client.force_login(reporter)
    article = ArticleFactory(draft=True)
    article.created_by = reporter
    article.save()
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "corrections-TOTAL_FORMS" not in response.content.decode()
