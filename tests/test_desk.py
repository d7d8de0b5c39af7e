"""The editors' desk on the admin home: my drafts, awaiting review, scheduled, recently published."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from .factories import ArticleFactory, AuthorFactory, SectionFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")


@pytest.fixture
def editor(client):
    user = StaffFactory(username="caroline")
    client.force_login(user)
    return user


def section_of(page: str, title: str) -> str:
    """The HTML of one desk list, from its caption to the end of its table."""
    start = page.index(f"<caption>{title}</caption>")
    return page[start : page.index("</table>", start)]


def test_desk_lists_what_needs_attention_with_links_to_edit(client, editor):
    mine = AuthorFactory(user=editor)
    my_draft = ArticleFactory(headline="My draft on Sirte", draft=True, authors=[mine])
    ArticleFactory(headline="Someone else's draft", draft=True)
    review = ArticleFactory(headline="Copy for review", review=True)
    when = timezone.now() + timedelta(days=2)
    scheduled = ArticleFactory(headline="Tomorrow's embargoed report", published_at=when)
    published = ArticleFactory(headline="Out this morning")

    page = client.get(ADMIN).content.decode()
    drafts = section_of(page, "Your drafts")
    assert "My draft on Sirte" in drafts and "Someone else" not in drafts
    assert reverse("admin:articles_article_change", args=[my_draft.pk]) in drafts
    assert reverse("admin:articles_article_change", args=[review.pk]) in section_of(page, "Awaiting review")
    upcoming = section_of(page, "Scheduled")
    assert reverse("admin:articles_article_change", args=[scheduled.pk]) in upcoming
    assert timezone.localtime(when).strftime("%H:%M") in upcoming
    recent = section_of(page, "Recently published")
    assert "Out this morning" in recent and "embargoed" not in recent
    assert reverse("admin:articles_article_change", args=[published.pk]) in recent


def test_drafts_the_editor_created_in_the_admin_count_as_theirs(client, editor):
    section = SectionFactory()
    client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Started in the admin",
            "slug": "started-in-the-admin",
            "section": section.pk,
            "body": "<p>Notes.</p>",
            "status": "draft",
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "0",
        },
    )
    assert "Started in the admin" in section_of(client.get(ADMIN).content.decode(), "Your drafts")
    client.force_login(StaffFactory(username="someone-else"))
    assert "Started in the admin" not in section_of(client.get(ADMIN).content.decode(), "Your drafts")


def test_staff_without_article_rights_see_no_desk(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_section"))
    client.force_login(user)
    page = client.get(ADMIN).content.decode()
    assert "Editors' desk" not in page


def test_desk_runs_a_fixed_number_of_queries(client, editor, django_assert_num_queries):
    author = AuthorFactory(user=editor)

    def make(count):
        for _ in range(count):
            ArticleFactory(draft=True, authors=[author])
            ArticleFactory(review=True)
            ArticleFactory(scheduled=True)
            ArticleFactory()

    make(2)
    client.get(ADMIN)
    # Session and user, the four desk lists, the admin's recent actions.
    with django_assert_num_queries(7):
        client.get(ADMIN)
    make(10)
    with django_assert_num_queries(7):
        response = client.get(ADMIN)
    assert section_of(response.content.decode(), "Your drafts").count("<tr>") == 8 + 1
