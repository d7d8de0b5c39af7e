"""Scheduled stories appear by themselves; previews for staff and for holders of a signed link."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article
from editorial.previews import preview_token_make

from .factories import ArticleFactory, EditorFactory, StaffFactory

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_a_scheduled_story_appears_by_itself_at_its_time(client):
    with time_machine.travel(NOON, tick=False) as traveller:
        article = ArticleFactory(headline="Budget day", published_at=NOON + timedelta(hours=2))
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "Budget day" not in client.get(reverse("articles:front")).content.decode()
        assert "Budget day" not in client.get(reverse("articles:feed-latest-rss")).content.decode()

        traveller.shift(timedelta(hours=2))  # nothing runs in between: no cron job, no worker

        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Budget day" in client.get(reverse("articles:front")).content.decode()
        assert "Budget day" in client.get(reverse("articles:feed-latest-rss")).content.decode()


def test_the_admin_says_scheduled_for_in_the_change_form(client):
    client.force_login(EditorFactory())
    with time_machine.travel(NOON, tick=False):
        article = ArticleFactory(published_at=NOON + timedelta(days=1))
        page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Scheduled for 3 March 2026, 12:00" in page


@pytest.mark.parametrize("kind", ["draft", "review", "scheduled"])
def test_staff_see_an_unpublished_story_with_a_banner_and_readers_get_404(client, kind):
    article = ArticleFactory(**{kind: True})
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(StaffFactory())
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Preview — not published" in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_a_published_story_has_no_banner_for_staff(client):
    client.force_login(StaffFactory())
    article = ArticleFactory()
    assert "Preview — not published" not in client.get(article.get_absolute_url()).content.decode()


def make_link(client, article) -> str:
    """What an editor does: press "Make a preview link" and copy the link from the message."""
    response = client.post(reverse("admin:articles_article_preview_link", args=[article.pk]), follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    assert "valid until" in message
    return message.split('href="')[1].split('"')[0].replace("&amp;", "&").removeprefix("http://testserver")


def test_a_signed_preview_link_shows_the_draft_to_someone_without_an_account(client):
    from django.test import Client

    client.force_login(EditorFactory())
    article = ArticleFactory(draft=True, headline="Embargoed interview")
    link = make_link(client, article)
    assert link.startswith(article.get_absolute_url() + "?preview=")

    stranger = Client()
    response = stranger.get(link)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Embargoed interview" in page and "Preview — not published" in page
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Without the token, or with a token made for another story, it stays hidden.
    assert stranger.get(article.get_absolute_url()).status_code == 404
    other = ArticleFactory(draft=True)
    token = link.split("?preview=")[1]
    assert stranger.get(f"{other.get_absolute_url()}?preview={token}").status_code == 404
    assert stranger.get(f"{article.get_absolute_url()}?preview={token[:-2]}xx").status_code == 404


def test_a_preview_link_expires(client, settings):
    settings.NEWSROOM_PREVIEW_LINK_HOURS = 24
    article = ArticleFactory(draft=True)
    with time_machine.travel(NOON, tick=False) as traveller:
        link = f"{article.get_absolute_url()}?preview={preview_token_make(article=article)}"
        traveller.shift(timedelta(hours=23))
        assert client.get(link).status_code == 200
        traveller.shift(timedelta(hours=2))
        response = client.get(link)
    assert response.status_code == 410
    assert "This preview link has expired" in response.content.decode()


def test_once_published_the_link_is_just_the_story(client):
    article = ArticleFactory(draft=True)
    link = f"{article.get_absolute_url()}?preview={preview_token_make(article=article)}"
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED, published_at=NOON)
    response = client.get(link)
    assert response.status_code == 200
    assert "Preview — not published" not in response.content.decode()
