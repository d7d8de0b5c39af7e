"""Restoring a revision is an edit like any other: it never publishes for someone who may not publish."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article

from .admin_forms import admin_form_data, change_url, messages_of, signed_in
from .factories import ArticleFactory, AuthorFactory, EditorFactory, ReporterFactory, SectionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")
MORNING = datetime(2019, 12, 20, 9, 30, tzinfo=UTC)


def test_reporter_restoring_the_published_revision_does_not_put_a_withdrawn_story_back():
    reporter, editor = ReporterFactory(), EditorFactory()
    as_reporter, as_editor, reader = signed_in(reporter), signed_in(editor), Client()
    section, author = SectionFactory(), AuthorFactory()
    with time_machine.travel(MORNING, tick=False) as clock:
        data = {
            "headline": "Talks resume in Tripoli",
            "slug": "talks-resume-in-tripoli",
            "section": section.pk,
            "dek": "",
            "body": "<p>Envoys met.</p>",
            "status": "draft",
            "published_at_0": "",
            "published_at_1": "",
            "actors": "",
            "countries": "",
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-0-author": author.pk,
            "bylines-0-position": "0",
        }
        assert as_reporter.post(ADD, data).status_code == 302
        article = Article.objects.get(slug="talks-resume-in-tripoli")
        clock.shift(timedelta(minutes=10))
        form = admin_form_data(as_reporter.get(change_url(article))) | {"status": "review"}
        assert as_reporter.post(change_url(article), form).status_code == 302
        clock.shift(timedelta(minutes=10))
        as_editor.post(CHANGELIST, {"action": "publish_now", "_selected_action": [article.pk]})
        published_at = Article.objects.get(pk=article.pk).published_at
        assert reader.get(article.get_absolute_url()).status_code == 200
        clock.shift(timedelta(hours=1))
        as_editor.post(CHANGELIST, {"action": "unpublish", "_selected_action": [article.pk]})
        assert reader.get(article.get_absolute_url()).status_code == 404

        clock.shift(timedelta(minutes=10))
        published_revision = Version.objects.get_for_object(article).get(revision__comment="Published.")
        response = as_reporter.post(
            reverse("admin:articles_article_restore", args=[article.pk, published_revision.pk]), follow=True
        )

    assert reader.get(article.get_absolute_url()).status_code == 404
    assert "Talks resume in Tripoli" not in reader.get(reverse("articles:front")).content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at == published_at
    assert any("Its status stays “Draft”: only editors publish" in message for message in messages_of(response))


def test_reporter_restoring_an_older_text_keeps_the_story_in_review():
    reporter = ReporterFactory()
    as_reporter = signed_in(reporter)
    article = ArticleFactory(draft=True, headline="First headline")
    article.created_by = reporter
    article.save()
    with time_machine.travel(MORNING, tick=False) as clock:
        form = admin_form_data(as_reporter.get(change_url(article)))
        as_reporter.post(change_url(article), form)
        clock.shift(timedelta(minutes=10))
        form = admin_form_data(as_reporter.get(change_url(article))) | {"headline": "Second", "status": "review"}
        as_reporter.post(change_url(article), form)
        clock.shift(timedelta(minutes=10))
        first = Version.objects.get_for_object(article).order_by("pk").first()
        as_reporter.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))
    article.refresh_from_db()
    assert article.headline == "First headline"
    assert article.status == Article.Status.REVIEW
