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
    """The HTML of one desk list, from its heading to the end of its section."""
    start = page.index(f'-heading" class="desk-list-title">{title}</h3>')
    return page[start : page.index("</section>", start)]


def test_desk_lists_what_needs_attention_with_links_to_edit(client, editor):
    mine = AuthorFactory(user=editor)
    my_draft = ArticleFactory(headline="My draft on Sirte", draft=True, authors=[mine])
    ArticleFactory(headline="Someone else's draft", draft=True)
    review = ArticleFactory(headline="Copy for review", review=True)
    when = timezone.now() + timedelta(days=2)
    scheduled = ArticleFactory(headline="Tomorrow's embargoed report", published_at=when)
    published = ArticleFactory(headline="Out this morning")

    page = client.get(ADMIN).content.decode()
    drafts = section_of(page, "My drafts")
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
    assert "Started in the admin" in section_of(client.get(ADMIN).content.decode(), "My drafts")
    client.force_login(StaffFactory(username="someone-else"))
    assert "Started in the admin" not in section_of(client.get(ADMIN).content.decode(), "My drafts")


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
    # Session and user, the counts, the four desk lists, the admin's recent actions.
    with django_assert_num_queries(8):
        client.get(ADMIN)
    make(10)
    with django_assert_num_queries(8):
        response = client.get(ADMIN)
    mine = section_of(response.content.decode(), "My drafts")
    assert mine.count("<li>") == 8
    assert "12 stories" in mine


def test_a_draft_the_editor_imported_is_theirs_and_the_team_sees_the_others(client):
    from editorial.services.stories import story_file_import

    from .factories import EditorFactory

    me = EditorFactory(username="desk-me", is_superuser=True)
    client.force_login(me)
    story = b"World\n\nTalks resume in Cairo\n\nEnvoys met.\n\nAna Lima\n"
    story_file_import(data=story, draft=True, user=me)
    ArticleFactory(headline="A colleague’s draft", draft=True)
    page = client.get(ADMIN).content.decode()
    assert "Talks resume in Cairo" in section_of(page, "My drafts")
    team = section_of(page, "Team drafts")
    assert "A colleague’s draft" in team and "Talks resume" not in team
    assert page.index("Write a story") < page.index("My drafts")
    see_all = client.get(reverse("admin:articles_article_changelist") + "?desk=team").content.decode()
    assert "A colleague’s draft" in see_all and "Talks resume in Cairo" not in see_all


def test_reporters_see_no_team_drafts(client):
    from .factories import ReporterFactory

    client.force_login(ReporterFactory())
    ArticleFactory(headline="A colleague’s draft", draft=True)
    page = client.get(ADMIN).content.decode()
    assert "Team drafts" not in page and "A colleague’s draft" not in page
