"""Editors' admin: the article list, actions, tags typed as text, bylines."""

import pytest
from django.urls import reverse

from articles.models import Article, Byline
from tagging.models import Actor

from .factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def test_change_list_shows_bylines_status_and_filters(admin_client):
    ArticleFactory(headline="Haftar advances", authors=[AuthorFactory(name="Caroline Finnegan")])
    ArticleFactory(headline="Markets rally")
    content = admin_client.get(CHANGELIST).content.decode()
    assert "Haftar advances" in content
    assert "Caroline Finnegan" in content
    assert "By status" in content and "By section" in content and "By author" in content


def test_change_list_search_finds_body_text(admin_client):
    ArticleFactory(headline="One", body="<p>Misrata militias</p>")
    ArticleFactory(headline="Two")
    response = admin_client.get(CHANGELIST, {"q": "misrata"})
    assert [a.headline for a in response.context["cl"].result_list] == ["One"]


def test_publish_now_and_unpublish_actions(admin_client):
    draft = ArticleFactory(draft=True)
    admin_client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_public
    admin_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert not Article.objects.published().filter(pk=draft.pk).exists()


def test_editor_writes_an_article_with_bylines_and_tags(admin_client):
    section = SectionFactory()
    first, second = AuthorFactory(), AuthorFactory()
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Tripoli talks resume",
            "slug": "tripoli-talks-resume",
            "section": section.pk,
            "dek": "",
            "body": "<p>Talks resumed.</p><script>alert(1)</script>",
            "status": "draft",
            "published_at_0": "",
            "published_at_1": "",
            "actors": "Khalifa Haftar, Government of National Accord",
            "countries": "",
            "bylines-TOTAL_FORMS": "2",
            "bylines-INITIAL_FORMS": "0",
            "bylines-0-author": second.pk,
            "bylines-0-position": "0",
            "bylines-1-author": first.pk,
            "bylines-1-position": "1",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    article = Article.objects.get(slug="tripoli-talks-resume")
    assert article.body == "<p>Talks resumed.</p>"
    assert [b.author for b in Byline.objects.filter(article=article)] == [second, first]
    assert sorted(article.actors.names()) == ["Government of National Accord", "Khalifa Haftar"]


def test_tag_names_are_unique_whatever_the_case(admin_client):
    article = ArticleFactory()
    article.actors.add("Khalifa Haftar")
    other = ArticleFactory()
    other.actors.add("khalifa haftar")
    assert Actor.objects.count() == 1


@pytest.mark.parametrize("model", ["section", "author", "actor", "country"])
def test_vocabulary_admin_pages_list_article_counts(admin_client, model):
    app = {"section": "articles", "author": "authors"}.get(model, "tagging")
    response = admin_client.get(reverse(f"admin:{app}_{model}_changelist"), {"q": "a"})
    assert response.status_code == 200
    assert "articles" in response.content.decode().lower()


def test_change_list_filters_stories_by_year_published(admin_client):
    from datetime import datetime

    from django.utils import timezone

    old = ArticleFactory(headline="An old story", published_at=timezone.make_aware(datetime(2019, 5, 1)))
    ArticleFactory(headline="A recent story")
    url = reverse("admin:articles_article_changelist")
    content = admin_client.get(url).content.decode()
    assert "By year published" in content
    assert "?year=2019" in content
    response = admin_client.get(url + "?year=2019")
    assert list(response.context["cl"].result_list) == [old]
