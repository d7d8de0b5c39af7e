"""Every save keeps a revision; editors compare any two and restore one as a new revision."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from reversion.models import Version

from articles.html import html_to_text
from editorial.revisions import Segment, list_diff, text_diff

from .admin_forms import admin_form_data, change_url
from .factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, EditorFactory

pytestmark = pytest.mark.django_db


def revisions_url(article):
    return reverse("admin:articles_article_revisions", args=[article.pk])


@pytest.fixture
def editor_client(client):
    client.force_login(EditorFactory(first_name="Amira", last_name="Haddad"))
    return client


def save(client, article, **changes):
    """Save the change form as an editor would after editing the given fields."""
    response = client.post(change_url(article), admin_form_data(client.get(change_url(article))) | changes)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()


def bylines_of(article):
    return [byline.author.name for byline in article.bylines.select_related("author").order_by("position")]


def test_restoring_an_old_revision_brings_back_headline_body_bylines_and_tags(editor_client):
    first, second = AuthorFactory(name="Caroline Finnegan"), AuthorFactory(name="Omar Sayed")
    haftar, sarraj = ActorFactory(name="Khalifa Haftar"), ActorFactory(name="Fayez al-Sarraj")
    libya, egypt = CountryFactory(name="Libya", code="LY"), CountryFactory(name="Egypt", code="EG")
    article = ArticleFactory(headline="Haftar advances on Tripoli", body="<p>Forces moved west.</p>", authors=[first])
    article.actors.add(haftar)
    article.countries.add(libya)
    save(editor_client, article)  # the first revision: as written

    data = admin_form_data(editor_client.get(change_url(article)))
    data |= {
        "headline": "Talks in Cairo",
        "body": "<p>Delegates met in Cairo.</p>",
        "actors": "Fayez al-Sarraj",
        "countries": "Egypt",
        "bylines-0-author": second.pk,
    }
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert bylines_of(article) == ["Omar Sayed"]
    assert [a.name for a in article.actors.all()] == ["Fayez al-Sarraj"]

    versions = list(Version.objects.get_for_object(article).order_by("pk"))
    assert len(versions) == 2
    response = editor_client.post(
        reverse("admin:articles_article_restore", args=[article.pk, versions[0].pk]), follow=True
    )
    assert "it is now the latest revision" in response.content.decode()

    article.refresh_from_db()
    assert article.headline == "Haftar advances on Tripoli"
    assert article.body == "<p>Forces moved west.</p>"
    assert bylines_of(article) == ["Caroline Finnegan"]
    assert [a.name for a in article.actors.all()] == ["Khalifa Haftar"]
    assert [c.name for c in article.countries.all()] == ["Libya"]
    assert {sarraj.pk, egypt.pk}.isdisjoint({*article.actors.values_list("pk", flat=True)})
    # The restore is a revision of its own, and the page the reader sees has the old text.
    assert Version.objects.get_for_object(article).count() == 3
    assert "Forces moved west." in editor_client.get(article.get_absolute_url()).content.decode()


def test_a_form_opened_before_a_restore_cannot_overwrite_it(editor_client):
    article = ArticleFactory(headline="Old")
    save(editor_client, article)
    save(editor_client, article, headline="New")
    stale = admin_form_data(editor_client.get(change_url(article)))
    oldest = Version.objects.get_for_object(article).order_by("pk").first()
    editor_client.post(reverse("admin:articles_article_restore", args=[article.pk, oldest.pk]))
    assert editor_client.post(change_url(article), stale | {"headline": "Stale"}).status_code == 200
    article.refresh_from_db()
    assert article.headline == "Old"


def test_revisions_page_lists_saves_and_shows_a_readable_difference(editor_client):
    author = AuthorFactory(name="Caroline Finnegan")
    article = ArticleFactory(headline="Ceasefire holds", body="<p>Calm in the city.</p>", authors=[author])
    save(editor_client, article)
    save(editor_client, article, headline="Ceasefire breaks", body="<p>Calm in the city.</p><p>Shelling at dawn.</p>")
    old, new = Version.objects.get_for_object(article).order_by("pk")

    response = editor_client.get(revisions_url(article), {"old": old.pk, "new": new.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Restore this version") == 1  # every revision but the current one
    assert "Amira Haddad" in page
    assert "<del>holds</del>" in page and "<ins>breaks</ins>" in page
    assert re.search(r"<ins>\s*Shelling at dawn.</ins>", page)
    assert "Bylines <small>(unchanged)</small>" in page


def test_revisions_page_query_count_does_not_grow_with_revisions(editor_client, django_assert_num_queries):
    article = ArticleFactory(authors=[AuthorFactory(), AuthorFactory()])
    article.actors.add(ActorFactory(), ActorFactory())
    for number in range(2):
        save(editor_client, article, headline=f"Headline {number}")
    editor_client.get(revisions_url(article))
    with django_assert_num_queries(10):  # one of them the section names, now in the diff
        editor_client.get(revisions_url(article))
    for number in range(48):
        save(editor_client, article, headline=f"Headline {number + 2}")
    with django_assert_num_queries(10):  # one of them the section names, now in the diff
        editor_client.get(revisions_url(article))


def test_text_diff_marks_words_added_and_removed():
    assert text_diff("the cat sat", "the dog sat") == [
        Segment("equal", "the"),
        Segment("delete", "cat"),
        Segment("insert", "dog"),
        Segment("equal", "sat"),
    ]
    assert text_diff("same", "same") == [Segment("equal", "same")]


def test_list_diff_keeps_byline_order():
    assert list_diff(["A", "B"], ["B", "A"]) == [
        Segment("insert", "B"),
        Segment("equal", "A"),
        Segment("delete", "B"),
    ]


def test_html_to_text_gives_one_line_per_paragraph():
    assert html_to_text("<p>One &amp; two</p><h2>Head</h2><ul><li>item</li></ul>") == "One & two\nHead\nitem"


def test_admin_times_are_whole_seconds_as_html_requires(editor_client):
    """Saves carry microseconds; HTML allows three digits of fractions, so the desk and the history show none."""
    with time_machine.travel(datetime(2026, 12, 1, 19, 43, 45, 744560, tzinfo=UTC), tick=False):
        article = ArticleFactory(headline="Ceasefire holds", draft=True)
        save(editor_client, article)
        pages = [editor_client.get(reverse("admin:index")), editor_client.get(revisions_url(article))]

    for response in pages:
        times = re.findall(r'<time datetime="([^"]+)"', response.content.decode())
        assert times, response.request["PATH_INFO"]
        assert all(value.endswith(":45+00:00") for value in times), times
