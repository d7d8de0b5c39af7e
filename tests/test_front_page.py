"""The front page leads with a picture: the editors' pin first, else the newest story that has one."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from curation.models import Pin

from .factories import ArticleFactory, SectionFactory
from .images import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def pictured(headline, **kwargs):
    return ArticleFactory(
        headline=headline, lead_image=image_upload(width=400, height=300), lead_image_alt="A view", **kwargs
    )


def test_the_lead_is_the_newest_story_with_a_picture_even_below_newer_ones(client):
    ArticleFactory(headline="Newest, no picture", published_at=ago(minutes=5))
    # Older than the ten top stories: the lead is found all the same, in the same query.
    pictured("Old, with a picture", published_at=ago(days=3))
    for hour in range(12):
        ArticleFactory(headline=f"Filler {hour}", published_at=ago(hours=hour + 1))
    front = client.get(reverse("articles:front")).context["front"]
    assert front.lead.headline == "Old, with a picture"
    assert [story.headline for story in front.top[:2]] == ["Newest, no picture", "Filler 0"]
    assert len(front.stories) == 10


def test_an_editors_pin_leads_even_without_a_picture(client):
    pin = ArticleFactory(headline="Pinned, no picture", published_at=ago(days=1))
    pictured("Newest, with a picture", published_at=ago(minutes=5))
    Pin.objects.create(article=pin, position=1)
    front = client.get(reverse("articles:front")).context["front"]
    assert [story.headline for story in front.stories] == ["Pinned, no picture", "Newest, with a picture"]


def test_without_any_picture_the_lead_is_the_newest_story(client):
    ArticleFactory(headline="Older", published_at=ago(hours=2))
    ArticleFactory(headline="Newest", published_at=ago(minutes=5))
    front = client.get(reverse("articles:front")).context["front"]
    assert [story.headline for story in front.stories] == ["Newest", "Older"]


def test_each_section_rail_starts_with_its_newest_picture(client):
    world = SectionFactory(name="World")
    for number in range(10):
        ArticleFactory(headline=f"Top {number}", published_at=ago(minutes=number + 1))  # fill the top stories
    pictured("The lead, with a picture", published_at=ago(minutes=30))
    for number in range(5):
        ArticleFactory(headline=f"World {number}", section=world, published_at=ago(hours=number + 1))
    pictured("World, older, with a picture", section=world, published_at=ago(days=2))
    blocks = dict(client.get(reverse("articles:front")).context["section_blocks"])
    assert [story.headline for story in blocks[world]] == [
        "World, older, with a picture",
        "World 0",
        "World 1",
        "World 2",
    ]
