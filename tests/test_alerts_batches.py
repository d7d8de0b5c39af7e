"""Batches of an alert: the same queries whatever their size (messages are marked sent once per
batch), and sent at the configured rate."""

from datetime import timedelta

import pytest
import time_machine
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


def test_batches_go_out_at_the_configured_rate(smtp_server, task_queue, settings):
    """Five followers, two a batch, one message a second: a batch, then the next two seconds later."""
    settings.ALERTS_BATCH_SIZE = 2
    settings.ALERTS_RATE_PER_SECOND = 1
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        world = SectionFactory(name="World", slug="world")
        ArticleFactory(section=world, published_at=start - timedelta(days=30))
        clock_tick()
        followers(world, 5)
        ArticleFactory(headline="Ceasefire agreed", section=world, published_at=start)
        clock_tick()
        sent = []
        for seconds in (0, 1, 2, 3, 4):
            traveller.move_to(start + timedelta(seconds=seconds))
            task_queue.run()
            sent.append(len(smtp_server.messages))
    assert sent == [2, 2, 4, 4, 5]
