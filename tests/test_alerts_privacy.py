"""Readers' data: export and deletion from the "manage my alerts" link, no address in any log line,
and the mail provider's bounces and complaints suppressing an address. Through a real SMTP server."""

import json
import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from alerts.events import clock_tick
from alerts.models import Delivery, Follow, Subscriber
from tests.factories import ArticleFactory, SectionFactory
from tests.test_alerts import link_in, sign_up

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(db):
    world = SectionFactory(name="World", slug="world")
    ArticleFactory(section=world, published_at=timezone.now() - timedelta(days=30))
    clock_tick()  # the archive is seen, and mailed to nobody
    return world


def alerted(client, smtp_server, task_queue, world, email: str):
    """A reader signs up and gets one alert; the alert message."""
    sign_up(client, smtp_server, task_queue, email=email, keys=[f"section:{world.pk}"])
    ArticleFactory(headline="Harbour reopens", section=world, published_at=timezone.now())
    clock_tick()
    task_queue.run()
    (alert,) = smtp_server.to(email)
    return alert


def test_a_reader_exports_then_deletes_everything_from_the_manage_link(client, smtp_server, task_queue, world):
    alert = alerted(client, smtp_server, task_queue, world, "ana@example.org")
    manage = link_in(alert, "/alerts/manage/")
    page = client.get(manage)
    assert page.status_code == 200 and b"World" in page.content

    export = client.post(manage, {"action": "export"})
    assert export["Content-Disposition"] == 'attachment; filename="my-alerts.json"'
    data = json.loads(export.content)
    assert data["email"] == "ana@example.org"
    assert [(f["kind"], f["name"], f["frequency"]) for f in data["follows"]] == [("section", "World", "instant")]
    assert [d["story"] for d in data["emails_sent"]] == ["Harbour reopens"]

    subscriber = Subscriber.objects.get(email="ana@example.org")
    deleted = client.post(manage, {"action": "delete"})
    assert deleted.status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert not Follow.objects.filter(subscriber_id=subscriber.pk).exists()
    assert not Delivery.objects.filter(subscriber_id=subscriber.pk).exists()
    assert client.get(manage).status_code == 404  # the old link leads nowhere
    ArticleFactory(section=world, published_at=timezone.now())
    clock_tick()
    task_queue.run()
    assert len(smtp_server.to("ana@example.org")) == 1  # nothing more


def test_no_log_line_of_a_whole_journey_names_the_address(client, smtp_server, task_queue, world, settings, caplog):
    settings.ALERTS_FEEDBACK_TOKEN = "feedback-secret"  # noqa: S105
    caplog.set_level(logging.DEBUG)
    alert = alerted(client, smtp_server, task_queue, world, "Secret.Reader@example.org")
    manage = link_in(alert, "/alerts/manage/")
    client.post(manage, {"action": "export"})
    # Asking again (the confirmation limit is logged) and too often (the sign-up limit).
    for _ in range(4):
        client.post(
            "/alerts/follow/",
            {
                "email": "Secret.Reader@example.org",
                "offered": [f"section:{world.pk}"],
                "follows": [f"section:{world.pk}"],
                "frequency": "instant",
            },
        )
    task_queue.run()
    client.post(
        "/alerts/feedback/",
        json.dumps({"email": "secret.reader@example.org", "type": "complaint"}),
        content_type="application/json",
        headers={"Authorization": "Bearer feedback-secret"},
    )
    client.post(link_in(alert, "/alerts/unsubscribe/"))
    client.post(manage, {"action": "delete"})
    records = [r for r in caplog.records if r.name != "mail.log"]  # aiosmtpd's own log is the test server's
    assert any(r.name.startswith("alerts") for r in records)  # the journey was logged...
    for record in records:
        line = record.getMessage().lower() + (str(record.exc_info) if record.exc_info else "")
        assert "secret.reader" not in line, (record.name, line)  # ...without the address
        assert "example.org" not in line, (record.name, line)


def feedback(client, body, token="feedback-secret"):  # noqa: S107
    return client.post(
        "/alerts/feedback/", body, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


def test_a_bounce_from_the_provider_suppresses_the_address(client, smtp_server, task_queue, world, settings):
    settings.ALERTS_FEEDBACK_TOKEN = "feedback-secret"  # noqa: S105
    alerted(client, smtp_server, task_queue, world, "ana@example.org")
    body = json.dumps({"email": "ANA@example.org", "type": "bounce"})

    assert feedback(client, body, token="wrong").status_code == 403  # noqa: S106
    assert client.post("/alerts/feedback/", body, content_type="application/json").status_code == 403
    refused = feedback(client, "not json")
    assert refused.status_code == 400 and b"Send JSON" in refused.content
    assert feedback(client, json.dumps({"email": "ana@example.org", "type": "spam"})).status_code == 400
    assert Subscriber.objects.get(email="ana@example.org").suppressed_at is None  # bad input wrote nothing

    answer = feedback(client, body)
    assert answer.status_code == 200 and answer.json() == {"suppressed": True}
    subscriber = Subscriber.objects.get(email="ana@example.org")
    assert subscriber.suppressed_reason == "bounce"
    assert feedback(client, json.dumps({"email": "nobody@example.org"})).json() == {"suppressed": False}

    ArticleFactory(section=world, published_at=timezone.now())
    clock_tick()
    task_queue.run()
    assert len(smtp_server.to("ana@example.org")) == 1  # the next story is not sent to a bouncing address
    # Nor is a confirmation mail, if someone signs the address up again.
    client.post(
        "/alerts/follow/",
        {
            "email": "ana@example.org",
            "offered": [f"section:{world.pk}"],
            "follows": [f"section:{world.pk}"],
            "frequency": "instant",
        },
    )
    task_queue.run()
    assert len(smtp_server.to("ana@example.org")) == 1


def test_feedback_is_off_without_a_token(client, settings, world):
    settings.ALERTS_FEEDBACK_TOKEN = ""
    response = client.post(
        "/alerts/feedback/",
        json.dumps({"email": "a@example.org"}),
        content_type="application/json",
        headers={"Authorization": "Bearer "},
    )
    assert response.status_code == 403
