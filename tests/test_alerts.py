"""Readers' alerts through a real SMTP server: sign-up, confirmation, went-live alerts, unsubscribing."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone

from alerts.events import clock_tick
from alerts.models import Delivery, Follow, StoryEvent, Subscriber
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.smtp_server import body_of

pytestmark = pytest.mark.django_db(transaction=True)


def link_in(message, path: str) -> str:
    url = re.search(rf"https?://\S+{path}\S+/", body_of(message)).group(0)
    return urlsplit(url).path


def sign_up(client, smtp_server, task_queue, *, email: str, keys: list[str], frequency: str = "instant") -> Subscriber:
    """The reader's path: the form, the confirmation mail, the link, the button."""
    response = client.post(
        "/alerts/follow/", {"email": email, "offered": keys, "follows": keys, "frequency": frequency}
    )
    assert response.status_code == 200, response.content
    task_queue.run()
    (confirmation,) = smtp_server.to(email)
    confirm = link_in(confirmation, "/alerts/confirm/")
    assert Subscriber.objects.filter(email=email).count() == 0  # nothing stored before the click
    assert client.get(confirm).status_code == 200
    assert Subscriber.objects.filter(email=email).count() == 0  # opening the link (a mail scanner) does nothing
    client.post(confirm)
    smtp_server.clear()
    return Subscriber.objects.get(email=email)


@pytest.fixture
def world(db):
    """A section with a page (a published story from last month), so readers can follow it."""
    world = SectionFactory(name="World", slug="world")
    ArticleFactory(section=world, published_at=timezone.now() - timedelta(days=30))
    return world


@pytest.fixture
def old_story_seen(world):
    """The archive: a story from last week, seen by a first turn of the clock, is never mailed."""
    ArticleFactory(section=world, published_at=timezone.now() - timedelta(days=7))
    clock_tick()
    assert StoryEvent.objects.filter(alerted=False).count() == 2


def test_sign_up_confirm_and_one_alert_per_follower_when_a_story_goes_live(
    client, smtp_server, task_queue, world, old_story_seen
):
    sign_up(client, smtp_server, task_queue, email="ana@example.org", keys=[f"section:{world.pk}"])
    author = AuthorFactory(name="Kwame Osei")
    ArticleFactory(section=world, authors=[author], published_at=timezone.now() - timedelta(days=3))
    clock_tick()  # an author page exists once a story of theirs is published
    sign_up(
        client, smtp_server, task_queue, email="ben@example.org", keys=[f"section:{world.pk}", f"author:{author.pk}"]
    )
    task_queue.run()
    assert smtp_server.messages == []  # the old story is not news

    story = ArticleFactory(headline="Ceasefire agreed", section=world, authors=[author], published_at=timezone.now())
    clock_tick()
    clock_tick()  # a second turn (or a second clock) finds nothing new
    task_queue.run()

    for address in ("ana@example.org", "ben@example.org"):
        (alert,) = smtp_server.to(address)
        assert alert["Subject"] == "Ceasefire agreed"
        assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Ceasefire agreed" in body_of(alert, "html") and "style=" in body_of(alert, "html")
        assert story.get_absolute_url() in body_of(alert)
    assert "Because you follow World, Kwame Osei" in body_of(smtp_server.to("ben@example.org")[0])
    assert Delivery.objects.filter(article=story, sent_at__isnull=False).count() == 2


def test_a_scheduled_story_alerts_once_its_time_passes_and_a_republished_one_never_again(
    client, smtp_server, task_queue, world, old_story_seen
):
    sign_up(client, smtp_server, task_queue, email="ana@example.org", keys=[f"section:{world.pk}"])
    start = timezone.now()
    scheduled = ArticleFactory(headline="At noon", section=world, published_at=start + timedelta(hours=3))
    draft = ArticleFactory(headline="Draft", section=world, draft=True)
    clock_tick()
    task_queue.run()
    assert smtp_server.messages == []  # neither the draft nor the scheduled story

    with time_machine.travel(start + timedelta(hours=3, minutes=1)):
        clock_tick()
        task_queue.run()
        assert [m["Subject"] for m in smtp_server.to("ana@example.org")] == ["At noon"]
        Article.objects.filter(pk=scheduled.pk).update(status=Article.Status.DRAFT)
        clock_tick()
        Article.objects.filter(pk=scheduled.pk).update(status=Article.Status.PUBLISHED)
        clock_tick()
        task_queue.run()
    assert len(smtp_server.to("ana@example.org")) == 1
    assert not StoryEvent.objects.filter(article=draft).exists()


def test_a_story_held_by_an_embargo_alerts_when_the_embargo_lifts_however_long_after_its_publication_time(
    client, smtp_server, task_queue, world, old_story_seen
):
    sign_up(client, smtp_server, task_queue, email="ana@example.org", keys=[f"section:{world.pk}"])
    start = timezone.now()
    ArticleFactory(
        headline="Held for three days",
        section=world,
        published_at=start - timedelta(days=3),
        embargo_until=start + timedelta(hours=2),
    )
    clock_tick()
    task_queue.run()
    assert smtp_server.messages == []  # still under embargo

    with time_machine.travel(start + timedelta(hours=2, minutes=1)):
        clock_tick()
        task_queue.run()
    assert [m["Subject"] for m in smtp_server.to("ana@example.org")] == ["Held for three days"]
    assert StoryEvent.objects.get(article__headline="Held for three days").went_live_at == start + timedelta(hours=2)


def test_a_story_unpublished_before_its_alert_goes_out_is_mailed_to_nobody(
    client, smtp_server, task_queue, world, old_story_seen
):
    sign_up(client, smtp_server, task_queue, email="ana@example.org", keys=[f"section:{world.pk}"])
    story = ArticleFactory(section=world, published_at=timezone.now())
    clock_tick()
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    task_queue.run()
    assert smtp_server.messages == []


def test_one_click_unsubscribe_by_the_mail_clients_post(client, smtp_server, task_queue, world, old_story_seen):
    subscriber = sign_up(client, smtp_server, task_queue, email="ana@example.org", keys=[f"section:{world.pk}"])
    ArticleFactory(section=world, published_at=timezone.now())
    clock_tick()
    task_queue.run()
    (alert,) = smtp_server.to("ana@example.org")
    url = re.sub(r"\s", "", alert["List-Unsubscribe"]).strip("<>")
    # RFC 8058: a POST with this body, no cookie, no CSRF token.
    response = client.post(
        urlsplit(url).path, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Follow.objects.filter(subscriber=subscriber).exists()
    ArticleFactory(section=world, published_at=timezone.now())
    clock_tick()
    task_queue.run()
    assert len(smtp_server.to("ana@example.org")) == 1


def test_a_restart_mid_send_sends_nobody_the_story_twice(
    client, smtp_server, task_queue, settings, world, old_story_seen
):
    settings.ALERTS_BATCH_SIZE = 2
    settings.ALERTS_RATE_PER_SECOND = 1000
    addresses = [f"reader{n}@example.org" for n in range(5)]
    for address in addresses:
        sign_up(client, smtp_server, task_queue, email=address, keys=[f"section:{world.pk}"])
    task_queue.run()
    story = ArticleFactory(section=world, published_at=timezone.now())
    clock_tick()
    task_queue.run(max_tasks=1)  # the first batch, then the worker stops
    assert len(smtp_server.messages) == 2
    # The same alert queued again (a task retried after a crash) and a fresh worker.
    from alerts.tasks import alert_send

    alert_send.enqueue(event_id=StoryEvent.objects.get(article=story).pk)
    task_queue.run()
    assert sorted(r for rcpts, _m in smtp_server.messages for r in rcpts) == addresses


def test_the_sign_up_answer_is_the_same_for_known_and_unknown_addresses(client, smtp_server, task_queue, world):
    Subscriber.objects.create(email="known@example.org", confirmed_at=timezone.now())
    answers = [
        client.post(
            "/alerts/follow/",
            {
                "email": e,
                "offered": [f"section:{world.pk}"],
                "follows": [f"section:{world.pk}"],
                "frequency": "instant",
            },
        ).content
        for e in ("known@example.org", "new@example.org")
    ]
    strip = [(rb'nonce="[^"]*"', b""), (b"known@", b"@"), (b"new@", b"@")]
    for pattern, replacement in strip:
        answers = [re.sub(pattern, replacement, answer) for answer in answers]
    assert answers[0] == answers[1]
    assert b"Check your inbox" in answers[0]


def test_sign_ups_are_rate_limited_per_client(client, settings, world):
    settings.ALERTS_SIGNUPS_PER_HOUR = 2
    data = {"offered": [f"section:{world.pk}"], "follows": [f"section:{world.pk}"], "frequency": "instant"}
    codes = [client.post("/alerts/follow/", {**data, "email": f"r{n}@example.org"}).status_code for n in range(3)]
    assert codes == [200, 200, 429]


def test_a_bad_address_gets_a_clear_message_and_sends_nothing(client, mailoutbox, world):
    response = client.post(
        "/alerts/follow/",
        {
            "email": "not an address",
            "offered": [f"section:{world.pk}"],
            "follows": [f"section:{world.pk}"],
            "frequency": "instant",
        },
    )
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert mailoutbox == []


def test_the_form_refuses_a_post_without_csrf_token(world):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/alerts/follow/", {"email": "a@example.org", "follows": [f"section:{world.pk}"]}
    )
    assert response.status_code == 403


def test_an_unconfirmed_address_expires_after_three_days_and_nothing_was_ever_stored(
    client, smtp_server, task_queue, world
):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        keys = [f"section:{world.pk}"]
        client.post(
            "/alerts/follow/", {"email": "ana@example.org", "offered": keys, "follows": keys, "frequency": "instant"}
        )
        task_queue.run()
        (confirmation,) = smtp_server.to("ana@example.org")
        confirm = link_in(confirmation, "/alerts/confirm/")
        assert not Subscriber.objects.exists()
        traveller.move_to(start + timedelta(days=3, minutes=1))
        assert "more than three days old" in client.get(confirm).content.decode()
        assert client.post(confirm).status_code == 400
        assert not Subscriber.objects.exists() and not Follow.objects.exists()
        traveller.move_to(start + timedelta(days=2, hours=23))  # within its three days the same link works
        client.post(confirm)
        assert Follow.objects.filter(subscriber__email="ana@example.org").count() == 1
