"""No lost edits: a form opened before someone else saved is refused, and the other save stays."""

import pytest
from django.urls import reverse

from articles.models import Article

from .admin_forms import admin_form_data, change_url
from .factories import ArticleFactory, EditorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(client):
    from django.test import Client

    first, second = EditorFactory(first_name="Amira", last_name="Haddad"), EditorFactory()
    client.force_login(first)
    other = Client()
    other.force_login(second)
    return client, other


def test_second_save_of_the_same_article_is_refused_and_the_first_stays(two_editors):
    tab_one, tab_two = two_editors
    article = ArticleFactory(body="<p>Original text.</p>")
    form_one = admin_form_data(tab_one.get(change_url(article)))
    form_two = admin_form_data(tab_two.get(change_url(article)))

    first = tab_one.post(change_url(article), form_one | {"body": "<p>Amira's careful rewrite.</p>"})
    assert first.status_code == 302
    second = tab_two.post(change_url(article), form_two | {"body": "<p>An older copy pasted over it.</p>"})

    assert second.status_code == 200
    page = second.content.decode()
    assert "Your changes were not saved" in page
    assert "Amira Haddad saved this article" in page
    assert "Reload the article" in page
    assert f'href="{change_url(article)}"' in page
    article.refresh_from_db()
    assert article.body == "<p>Amira's careful rewrite.</p>"


def test_after_reloading_the_second_editor_can_save(two_editors):
    tab_one, tab_two = two_editors
    article = ArticleFactory()
    form_one = admin_form_data(tab_one.get(change_url(article)))
    tab_one.post(change_url(article), form_one | {"headline": "First"})
    reloaded = admin_form_data(tab_two.get(change_url(article)))
    assert tab_two.post(change_url(article), reloaded | {"headline": "Second"}).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Second"


def test_a_status_change_by_action_also_makes_an_open_form_stale(two_editors):
    tab_one, tab_two = two_editors
    article = ArticleFactory(review=True)
    form = admin_form_data(tab_two.get(change_url(article)))
    tab_one.post(
        reverse("admin:articles_article_changelist"), {"action": "publish_now", "_selected_action": [article.pk]}
    )
    response = tab_two.post(change_url(article), form | {"status": "draft", "headline": "Stale"})
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.headline != "Stale"


def test_a_hand_made_post_without_a_version_is_refused(two_editors):
    tab_one, _ = two_editors
    article = ArticleFactory(headline="Kept")
    data = admin_form_data(tab_one.get(change_url(article)))
    del data["version_loaded"]
    response = tab_one.post(change_url(article), data | {"headline": "Blind overwrite"})
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.headline == "Kept"


def test_every_save_counts_the_version_up():
    article = ArticleFactory()
    start = article.version
    article.headline = "Changed"
    article.save()
    article.save(update_fields=["headline"])
    article.refresh_from_db()
    assert article.version == start + 2
