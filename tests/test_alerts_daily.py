"""The daily digest and the daily briefing at their hour, with the clock pinned, through a real SMTP server."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from alerts.events import clock_tick
from alerts.models import DailyRun, Delivery, Subscriber
from alerts.tasks import daily_send
from tests.factories import ArticleFactory, SectionFactory
from tests.smtp_server import body_of
from tests.test_alerts import link_in

pytestmark = pytest.mark.django_db(transaction=True)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of March 2026, in the site's time zone (where ALERTS_DIGEST_HOUR is counted)."""
    return timezone.make_aware(datetime(2026, 3, day, hour, minute))


def sign_up(client, smtp_server, task_queue, *, email, keys, frequency, briefing=False) -> Subscriber:
    data = {"email": email, "offered": keys, "follows": keys, "frequency": frequency}
    if briefing:
        data["briefing"] = "on"
    assert client.post("/alerts/follow/", data).status_code == 200
    task_queue.run()
    (confirmation,) = smtp_server.to(email)
    client.post(link_in(confirmation, "/alerts/confirm/"))
    smtp_server.clear()
    return Subscriber.objects.get(email=email)


def headlines_in(message) -> list[str]:
    text = body_of(message)
    return [h for h in ("Ceasefire agreed", "Cup final tonight", "Markets calm", "Held back", "At eight") if h in text]


def test_the_digest_and_the_briefing_go_out_at_their_hour_each_story_once(client, smtp_server, task_queue, settings):
    settings.ALERTS_DIGEST_HOUR = 7
    with time_machine.travel(at(10, 5, 0), tick=True) as traveller:
        world = SectionFactory(name="World", slug="world")
        sport = SectionFactory(name="Sport", slug="sport")
        ArticleFactory(section=world, published_at=at(1, 9))  # the sections have pages, and an archive
        ArticleFactory(section=sport, published_at=at(1, 9))
        clock_tick()  # the archive is seen and mailed to nobody
        sign_up(
            client, smtp_server, task_queue, email="ana@example.org", keys=[f"section:{world.pk}"], frequency="daily"
        )
        sign_up(client, smtp_server, task_queue, email="ben@example.org", keys=[], frequency="instant", briefing=True)
        sign_up(
            client,
            smtp_server,
            task_queue,
            email="cleo@example.org",
            keys=[f"section:{world.pk}"],
            frequency="instant",
            briefing=True,
        )

        traveller.move_to(at(10, 6, 0))
        ArticleFactory(headline="Ceasefire agreed", section=world, published_at=at(10, 5, 50))
        ArticleFactory(headline="Cup final tonight", section=sport, published_at=at(10, 5, 55))
        ArticleFactory(headline="Markets calm", section=world, published_at=at(9, 18))
        ArticleFactory(headline="Held back", section=world, draft=True)
        ArticleFactory(headline="At eight", section=world, published_at=at(10, 8))  # scheduled after the hour
        clock_tick()
        task_queue.run()
        # Only Cleo follows World as it happens: she has her alerts now, the others wait for the morning.
        assert sorted(m["Subject"] for m in smtp_server.to("cleo@example.org")) == ["Ceasefire agreed", "Markets calm"]
        assert smtp_server.to("ana@example.org") == smtp_server.to("ben@example.org") == []
        smtp_server.clear()

        traveller.move_to(at(10, 6, 59))
        clock_tick()
        task_queue.run()
        assert smtp_server.messages == []  # not yet its hour
        assert not DailyRun.objects.exists()

        traveller.move_to(at(10, 7, 0))
        clock_tick()
        task_queue.run()
        (digest,) = smtp_server.to("ana@example.org")
        assert digest["Subject"] == "Your daily digest: 2 new stories"
        assert headlines_in(digest) == ["Ceasefire agreed", "Markets calm"]
        assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Because you follow World" in body_of(digest)
        (briefing,) = smtp_server.to("ben@example.org")
        assert briefing["Subject"] == "The briefing: today's top stories"
        assert headlines_in(briefing) == ["Ceasefire agreed", "Cup final tonight", "Markets calm"]
        # Cleo had World's stories as alerts: her briefing brings only what she has not had.
        (cleo_briefing,) = smtp_server.to("cleo@example.org")
        assert headlines_in(cleo_briefing) == ["Cup final tonight"]
        assert len(smtp_server.messages) == 3
        smtp_server.clear()

        # A second turn, a second clock, or the day's task retried after a crash: nothing is sent again.
        traveller.move_to(at(10, 7, 10))
        clock_tick()
        daily_send.enqueue(until=at(10, 7).isoformat())
        task_queue.run()
        assert smtp_server.messages == []
        assert DailyRun.objects.count() == 1

        # The next morning brings the story scheduled for eight, and nothing of yesterday's.
        traveller.move_to(at(11, 7, 0))
        clock_tick()
        task_queue.run()
        (digest,) = smtp_server.to("ana@example.org")
        assert digest["Subject"] == "Your daily digest: 1 new story"
        assert headlines_in(digest) == ["At eight"]
        assert [headlines_in(m) for m in smtp_server.to("ben@example.org")] == [["At eight"]]
        # Cleo has "At eight" once: as an alert or in her briefing, whichever task ran first.
        assert [headlines_in(m) for m in smtp_server.to("cleo@example.org")] == [["At eight"]]
        for _rcpts, message in smtp_server.messages:
            assert "Held back" not in body_of(message) and "Held back" not in body_of(message, "html")
    # Each story went to each address once, and the draft to nobody.
    assert Delivery.objects.filter(article__headline="Held back").count() == 0
    pairs = list(Delivery.objects.values_list("subscriber_id", "article_id"))
    assert len(pairs) == len(set(pairs)) == 3 + 4 + 4
