"""The article list at 100,000 stories: section, author, actor and country filters typed into autocomplete
boxes (none lists its rows), the status as a badge, a thumbnail, and who edited each story last."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article

from .factories import (
    ActorFactory,
    ArticleFactory,
    AuthorFactory,
    CountryFactory,
    EditorFactory,
    ReporterFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
NOW = "2026-12-06T12:00:00+00:00"


def headlines(response) -> list[str]:
    return sorted(article.headline for article in response.context["cl"].result_list)


@pytest.fixture
def desk(client):
    client.force_login(EditorFactory())
    world, business = SectionFactory(name="World"), SectionFactory(name="Business")
    finnegan, osei = AuthorFactory(name="Caroline Finnegan"), AuthorFactory(name="Kwame Osei")
    haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
    libya, egypt = CountryFactory(name="Libya", code="LY"), CountryFactory(name="Egypt", code="EG")
    ArticleFactory(headline="Tripoli", section=world, authors=[finnegan], actors=[haftar], countries=[libya])
    ArticleFactory(headline="Cairo", section=world, authors=[osei], countries=[egypt])
    ArticleFactory(headline="Oil", section=business, authors=[finnegan, osei], countries=[libya])
    return {"world": world, "business": business, "finnegan": finnegan, "osei": osei, "haftar": haftar, "egypt": egypt}


def test_each_autocomplete_filter_narrows_the_list_to_the_chosen_rows_stories(client, desk):
    assert headlines(client.get(CHANGELIST, {"author": desk["finnegan"].pk})) == ["Oil", "Tripoli"]
    assert headlines(client.get(CHANGELIST, {"section": desk["world"].pk})) == ["Cairo", "Tripoli"]
    assert headlines(client.get(CHANGELIST, {"actor": desk["haftar"].pk})) == ["Tripoli"]
    assert headlines(client.get(CHANGELIST, {"country": desk["egypt"].pk})) == ["Cairo"]
    both = {"author": desk["osei"].pk, "section": desk["business"].pk}
    assert headlines(client.get(CHANGELIST, both)) == ["Oil"]


def test_a_made_up_value_filters_nothing(client, desk):
    for value in ["0", "99999", "abc", "²"]:
        assert headlines(client.get(CHANGELIST, {"author": value})) == ["Cairo", "Oil", "Tripoli"], value


def test_the_filters_list_no_rows_only_the_chosen_one_in_its_box_and_keep_the_other_parameters(client, desk):
    for number in range(30):
        AuthorFactory(name=f"Staff writer {number}")
    content = client.get(CHANGELIST).content.decode()
    assert "Staff writer" not in content and "Kwame Osei" in content  # his name is in a byline column only
    assert content.count('class="admin-autocomplete"') == 4
    for box in ("section", "author", "actor", "country"):
        assert f'<label for="filter-{box}" id="filter-{box}-label">Find {box}</label>' in content

    content = client.get(CHANGELIST, {"author": desk["osei"].pk, "status__exact": "published", "q": "o"}).content
    content = content.decode()
    assert f'<option value="{desk["osei"].pk}" selected>Kwame Osei</option>' in content
    # The author's own form keeps the status and the search; the section's form keeps the author too.
    assert '<input type="hidden" name="status__exact" value="published">' in content
    assert '<input type="hidden" name="q" value="o">' in content
    assert f'<input type="hidden" name="author" value="{desk["osei"].pk}">' in content
    assert 'href="?q=o&amp;status__exact=published">Any author</a>' in content


def test_the_autocomplete_boxes_answer_reporters_who_may_view_the_rows(client, desk):
    client.force_login(ReporterFactory())
    for field, term, found in [("authors", "kwa", "Kwame Osei"), ("actors", "haf", "Khalifa Haftar")]:
        response = client.get(
            reverse("admin:autocomplete"),
            {"app_label": "articles", "model_name": "article", "field_name": field, "term": term},
        )
        assert [result["text"] for result in response.json()["results"]] == [found]


@time_machine.travel(NOW, tick=False)
def test_rows_show_a_status_badge_a_thumbnail_and_who_edited_last(client):
    client.force_login(EditorFactory())
    editor = EditorFactory(first_name="Amal", last_name="Nasser")
    ArticleFactory(headline="Tripoli", published_at=timezone.now() - timedelta(hours=2))
    ArticleFactory(headline="Budget", draft=True)
    ArticleFactory(headline="Tomorrow", published_at=timezone.now() + timedelta(days=1))
    Article.objects.filter(headline="Tripoli").update(
        lead_image="articles/2026/12/tripoli.jpg",
        lead_image_width=1600,
        lead_image_height=900,
        lead_image_alt="Smoke over Tripoli",
        updated_by=editor,
    )
    ArticleFactory(
        headline="Waiting",
        lead_image="articles/2026/12/new.jpg",
        lead_image_width=1600,
        lead_image_height=900,
        lead_image_alt="A new picture",
        lead_image_pending=True,
    )
    content = client.get(CHANGELIST).content.decode()
    assert content.count('class="article-thumbnail"') == 1  # not the waiting picture: its renditions are not made
    assert '<span class="thumbnail-pending">Picture being prepared</span>' in content
    assert 'src="/media/renditions/articles/2026/12/tripoli-160w.webp" width="48" height="27"' in content
    assert content.count('<span class="edited-by">Amal Nasser</span>') == 1
    assert '<span class="status-badge status-draft">Draft</span>' in content
    assert (
        '<span class="status-badge status-published">Published</span><span class="status-when">'
        '<time datetime="2026-12-06T10:00:00+00:00">6 Dec, 10:00</time>' in content
    )
    assert (
        '<span class="status-badge status-scheduled">Scheduled</span><span class="status-when">'
        '<time datetime="2026-12-07T12:00:00+00:00">for 7 Dec, 12:00</time>' in content
    )
