"""Preview links end when they should and give nothing away: publishing, unpublishing and "Revoke preview links"."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article

from .admin_forms import admin_form_data, change_url
from .factories import ArticleFactory, EditorFactory, ReporterFactory

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
CHANGELIST = reverse("admin:articles_article_changelist")


def revoke_url(article):
    return reverse("admin:articles_article_preview_revoke", args=[article.pk])


@pytest.fixture
def editor(client):
    client.force_login(EditorFactory())
    return client


@pytest.fixture
def stranger():
    return Client()


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def make_link(client, article) -> str:
    """What an editor does: press "Make a preview link" and copy the link from the message."""
    response = client.post(reverse("admin:articles_article_preview_link", args=[article.pk]), follow=True)
    [message] = [str(m) for m in response.context["messages"] if "Preview link" in str(m)]
    return message.split('href="')[1].split('"')[0].replace("&amp;", "&").removeprefix("http://testserver")


def token_of(link: str) -> str:
    return link.split("?preview=")[1]


def save_form(client, article, **changes):
    response = client.post(change_url(article), admin_form_data(client.get(change_url(article))) | changes)
    assert response.status_code == 302, response.context["adminform"].form.errors


# What a visitor can learn from a token ------------------------------------------------------


def test_an_expired_link_on_another_unpublished_story_is_the_404_of_a_missing_story(editor, stranger, clock):
    article = ArticleFactory(draft=True, slug="ceasefire-talks")
    embargoed = ArticleFactory(draft=True, slug="minister-resigns")
    token = token_of(make_link(editor, article))
    clock.shift(timedelta(hours=73))  # the links last 72 hours

    guessed = stranger.get(f"{embargoed.get_absolute_url()}?preview={token}")
    missing = stranger.get(f"/articles/no-such-story/?preview={token}")
    assert guessed.status_code == missing.status_code == 404
    assert guessed.content == missing.content
    # On the story it was made for, its holder learns only that it is too old.
    own = stranger.get(f"{article.get_absolute_url()}?preview={token}")
    assert own.status_code == 410
    assert "This preview link has expired" in own.content.decode()


def test_a_revoked_link_that_has_also_expired_is_a_404_even_on_its_own_story(editor, stranger, clock):
    article = ArticleFactory(draft=True)
    link = make_link(editor, article)
    editor.post(revoke_url(article))
    clock.shift(timedelta(hours=73))
    assert stranger.get(link).status_code == 404


# Publishing and unpublishing end the links ---------------------------------------------------


def test_a_draft_link_stops_working_once_the_story_was_published_and_unpublished(editor, stranger, clock):
    article = ArticleFactory(draft=True, headline="Embargoed interview")
    link = make_link(editor, article)
    assert stranger.get(link).status_code == 200

    editor.post(CHANGELIST, {"action": "publish_now", "_selected_action": [article.pk]})
    clock.shift(timedelta(hours=1))
    editor.post(CHANGELIST, {"action": "unpublish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    response = stranger.get(link)
    assert response.status_code == 404
    assert "Embargoed interview" not in response.content.decode()


def test_publishing_and_unpublishing_in_the_change_form_also_end_the_links(editor, stranger, clock):
    article = ArticleFactory(review=True)
    link = make_link(editor, article)
    save_form(editor, article, status="published")
    clock.shift(timedelta(hours=1))
    save_form(editor, article, status="draft")
    assert stranger.get(link).status_code == 404
    assert stranger.get(make_link(editor, article)).status_code == 200


def test_editing_a_scheduled_story_keeps_its_preview_links(editor, stranger):
    article = ArticleFactory(published_at=NOON + timedelta(days=1), headline="Budget day")
    link = make_link(editor, article)
    save_form(editor, article, headline="Budget day: what changes")
    response = stranger.get(link)
    assert response.status_code == 200
    assert "Budget day: what changes" in response.content.decode()


def test_restoring_an_old_revision_does_not_bring_back_revoked_links(editor, stranger):
    article = ArticleFactory(draft=True, headline="First take")
    save_form(editor, article)  # a revision, saved while the links below were still good
    link = make_link(editor, article)
    editor.post(revoke_url(article))
    [version] = Version.objects.get_for_object(article)
    editor.post(reverse("admin:articles_article_restore", args=[article.pk, version.pk]))
    assert stranger.get(link).status_code == 404


# The "Revoke preview links" button ---------------------------------------------------------------


def test_revoke_ends_the_old_links_and_a_new_link_works(editor, stranger):
    article = ArticleFactory(draft=True, headline="Embargoed interview")
    old_link = make_link(editor, article)
    page = editor.get(change_url(article)).content.decode()
    assert "Revoke preview links" in page and f'action="{revoke_url(article)}"' in page

    response = editor.post(revoke_url(article), follow=True)
    assert response.redirect_chain[-1][0] == change_url(article)
    [message] = [str(m) for m in response.context["messages"]]
    assert "has stopped working" in message
    assert stranger.get(old_link).status_code == 404

    new_link = make_link(editor, article)
    assert "Embargoed interview" in stranger.get(new_link).content.decode()


def test_revoking_is_kept_in_the_story_history_and_leaves_it_as_it_was(editor):
    article = ArticleFactory(draft=True)
    version = Article.objects.get(pk=article.pk).version
    editor.post(revoke_url(article))
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert entry.get_change_message() == "Revoked its preview links."
    history = editor.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "Revoked its preview links." in history
    # An editor with the story open can still save it: revoking is not an edit.
    assert Article.objects.get(pk=article.pk).version == version


def test_a_reporter_can_neither_revoke_nor_see_the_button(client, stranger):
    reporter = ReporterFactory()
    article = ArticleFactory(draft=True)
    article.created_by = reporter
    article.save()
    editor = Client()
    editor.force_login(EditorFactory())
    link = make_link(editor, article)

    client.force_login(reporter)
    assert "Revoke preview links" not in client.get(change_url(article)).content.decode()
    assert client.post(revoke_url(article)).status_code == 403
    assert stranger.get(link).status_code == 200
    assert not LogEntry.objects.filter(object_id=str(article.pk)).exists()


def test_revoking_needs_a_post_with_the_csrf_token(editor, stranger):
    article = ArticleFactory(draft=True)
    link = make_link(editor, article)
    assert editor.get(revoke_url(article)).status_code == 405
    careful = Client(enforce_csrf_checks=True)
    careful.force_login(EditorFactory())
    assert careful.post(revoke_url(article)).status_code == 403
    assert stranger.get(link).status_code == 200
