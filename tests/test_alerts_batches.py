"""A batch of an alert costs the same queries whatever its size: messages are marked sent once per batch."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts.events import clock_tick
from alerts.models import Delivery, Follow, StoryEvent, Subscriber
from alerts.sending import alert_batch_send
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def followers(section, count: int, start: int = 0) -> None:
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"r{n}@example.org", confirmed_at=timezone.now()) for n in range(start, start + count)]
    )
    Follow.objects.bulk_create([Follow(subscriber=s, kind="section", object_id=section.pk) for s in subscribers])


def story_event(section, headline):
    story = ArticleFactory(headline=headline, section=section, published_at=timezone.now())
    clock_tick()  # the immediate backend sends at once here: the batch below is measured on a fresh event
    event = StoryEvent.objects.get(article=story)
    Delivery.objects.filter(article=story).delete()
    return event


def test_a_batch_of_an_alert_costs_the_same_queries_for_two_or_twenty_followers(
    smtp_server, settings, django_assert_num_queries
):
    settings.ALERTS_BATCH_SIZE = 50
    world = SectionFactory(name="World", slug="world")
    ArticleFactory(section=world, published_at=timezone.now() - timedelta(days=30))
    clock_tick()
    followers(world, 2)
    small = story_event(world, "First")
    with CaptureQueriesContext(connection) as two:
        alert_batch_send(event=small)
    assert Delivery.objects.filter(article=small.article, sent_at__isnull=False).count() == 2

    followers(world, 18, start=2)
    large = story_event(world, "Second")
    smtp_server.clear()
    with django_assert_num_queries(len(two.captured_queries)):
        alert_batch_send(event=large)
    assert Delivery.objects.filter(article=large.article, sent_at__isnull=False).count() == 20
    assert len(smtp_server.messages) == 20
