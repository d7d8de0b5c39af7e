"""Editors pin stories to the front page and to section fronts; pins expire by themselves."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from curation.models import Pin

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

FRONT = reverse("articles:front")


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def front_headlines(client):
    front = client.get(FRONT).context["front"]
    return [article.headline for article in front.stories]


@pytest.fixture
def stories():
    """Three published stories, the newest first by time."""
    return {
        "newest": ArticleFactory(headline="Newest", published_at=ago(minutes=5)),
        "middle": ArticleFactory(headline="Middle", published_at=ago(hours=2)),
        "oldest": ArticleFactory(headline="Oldest", published_at=ago(days=3)),
    }


def test_without_pins_the_front_page_leads_with_the_latest(client, stories):
    assert front_headlines(client) == ["Newest", "Middle", "Oldest"]


def test_pins_order_the_front_page_and_the_rest_fills_without_repeats(client, stories):
    Pin.objects.create(article=stories["oldest"], position=1)
    Pin.objects.create(article=stories["middle"], position=2)
    assert front_headlines(client) == ["Oldest", "Middle", "Newest"]
    page = client.get(FRONT).content.decode()
    assert page.count(">Oldest</a>") == 1, "a pinned story is not repeated further down the page"
    assert page.index(">Oldest<") < page.index(">Middle<") < page.index(">Newest<")


def test_position_numbers_decide_the_order(client, stories):
    Pin.objects.create(article=stories["oldest"], position=2)
    Pin.objects.create(article=stories["middle"], position=1)
    assert front_headlines(client)[:2] == ["Middle", "Oldest"]


def test_a_pin_drops_off_by_itself_once_its_expiry_has_passed(client, stories):
    Pin.objects.create(article=stories["oldest"], position=1, expires_at=timezone.now() + timedelta(hours=1))
    Pin.objects.create(article=stories["middle"], position=2, expires_at=ago(minutes=1))
    assert front_headlines(client) == ["Oldest", "Newest", "Middle"]


def test_pins_of_unpublished_stories_never_show(client, stories):
    draft = ArticleFactory(headline="Draft", draft=True)
    scheduled = ArticleFactory(headline="Scheduled", scheduled=True)
    Pin.objects.create(article=draft, position=1)
    Pin.objects.create(article=scheduled, position=2)
    assert front_headlines(client) == ["Newest", "Middle", "Oldest"]
    assert "Draft" not in client.get(FRONT).content.decode()


def test_section_front_pins_lead_the_section_page_and_leave_the_list(client):
    world, business = SectionFactory(slug="world"), SectionFactory(slug="business")
    pinned = ArticleFactory(headline="Pinned analysis", section=world, published_at=ago(days=5))
    ArticleFactory(headline="Fresh report", section=world, published_at=ago(minutes=1))
    ArticleFactory(headline="Trade figures", section=business, published_at=ago(hours=1))
    Pin.objects.create(article=pinned, section=world, position=1)
    response = client.get(reverse("articles:section", kwargs={"slug": "world"}))
    assert response.context["front"].lead == pinned
    assert [a.headline for a in response.context["articles"]] == ["Fresh report"]
    # A section pin does not touch the front page or another section.
    assert front_headlines(client)[0] == "Fresh report"
    other = client.get(reverse("articles:section", kwargs={"slug": "business"}))
    assert other.context["front"].lead is None
    assert [a.headline for a in other.context["articles"]] == ["Trade figures"]


def test_a_story_pinned_twice_to_the_same_front_is_refused_in_the_admin(admin_client, stories):
    Pin.objects.create(article=stories["oldest"], position=1)
    response = admin_client.post(
        reverse("admin:curation_pin_add"),
        {"article": stories["oldest"].pk, "section": "", "position": "3", "expires_at_0": "", "expires_at_1": ""},
    )
    assert "already pinned to the front page" in response.content.decode()
    assert Pin.objects.count() == 1


def test_editors_reorder_pins_with_position_numbers_in_the_admin(admin_client, client, stories):
    first = Pin.objects.create(article=stories["oldest"], position=1)
    second = Pin.objects.create(article=stories["middle"], position=2)
    changelist = reverse("admin:curation_pin_changelist")
    assert "In force" in admin_client.get(changelist).content.decode()
    response = admin_client.post(
        changelist,
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-id": first.pk,
            "form-0-position": "2",
            "form-0-expires_at_0": "",
            "form-0-expires_at_1": "",
            "form-1-id": second.pk,
            "form-1-position": "1",
            "form-1-expires_at_0": "",
            "form-1-expires_at_1": "",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    assert front_headlines(client)[:2] == ["Middle", "Oldest"]


def test_front_page_with_pins_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    def pin_more(count):
        for _ in range(count):
            Pin.objects.create(article=ArticleFactory(), position=Pin.objects.count() + 1)

    pin_more(2)
    ArticleFactory.create_batch(2)
    with django_assert_num_queries(6):
        client.get(FRONT)
    pin_more(7)
    ArticleFactory.create_batch(40)
    with django_assert_num_queries(6):
        response = client.get(FRONT)
    assert len(response.context["front"].stories) == 10


def test_pin_action_in_the_article_list_pins_after_the_existing_pins(admin_client, client, stories):
    Pin.objects.create(article=stories["oldest"], position=1)
    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "pin_to_front_page",
            "_selected_action": [stories["middle"].pk, stories["oldest"].pk, stories["newest"].pk],
        },
        follow=True,
    )
    assert "Pinned 2 story(ies) to the front page." in response.content.decode()
    assert [(p.article.headline, p.position) for p in Pin.objects.order_by("position")] == [
        ("Oldest", 1),
        ("Newest", 2),
        ("Middle", 3),
    ]
    assert front_headlines(client) == ["Oldest", "Newest", "Middle"]


def test_staff_who_may_not_pin_cannot_use_the_pin_action(client):
    from django.contrib.auth.models import Permission

    from .factories import UserFactory

    story = ArticleFactory()
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.set(
        Permission.objects.filter(codename__in=["view_article", "change_article"], content_type__app_label="articles")
    )
    client.force_login(viewer)
    changelist = reverse("admin:articles_article_changelist")
    assert "pin_to_front_page" not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "pin_to_front_page", "_selected_action": [story.pk], "index": 0})
    assert not Pin.objects.exists()
