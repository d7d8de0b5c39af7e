"""Editors' switch and test in "Reader mail", through a real SMTP server: a pause holds every alert
until sending resumes (then each goes once), and a test digest reaches the editor alone."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from alerts.events import clock_tick
from alerts.models import Delivery, Follow, Subscriber
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.smtp_server import body_of

pytestmark = pytest.mark.django_db(transaction=True)

SENDING = reverse("admin:alerts_sending_changelist")


@pytest.fixture
def readers(db):
    world = SectionFactory(name="World", slug="world")
    ArticleFactory(section=world, published_at=timezone.now() - timedelta(days=30))
    clock_tick()  # the archive: mailed to nobody
    for address in ("ana@example.org", "ben@example.org"):
        subscriber = Subscriber.objects.create(email=address, confirmed_at=timezone.now())
        Follow.objects.create(subscriber=subscriber, kind="section", object_id=world.pk)
    return world


def test_a_pause_holds_the_alerts_until_sending_resumes_then_each_goes_once(
    admin_client, smtp_server, task_queue, readers
):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        admin_client.post(SENDING, {"action": "pause"})
        assert "Sending is paused" in admin_client.get(SENDING).content.decode()
        ArticleFactory(headline="Ceasefire agreed", section=readers, published_at=start)
        clock_tick()
        task_queue.run()
        traveller.move_to(start + timedelta(minutes=5))
        task_queue.run()  # still paused: the alert keeps waiting
        assert smtp_server.messages == [] and not Delivery.objects.exists()

        admin_client.post(SENDING, {"action": "resume"})
        traveller.move_to(start + timedelta(minutes=6, seconds=1))
        task_queue.run()
        traveller.move_to(start + timedelta(minutes=8))
        task_queue.run()
    assert sorted(address for rcpts, _m in smtp_server.messages for address in rcpts) == [
        "ana@example.org",
        "ben@example.org",
    ]
    assert {m["Subject"] for _r, m in smtp_server.messages} == {"Ceasefire agreed"}


def test_only_staff_who_may_change_sending_can_pause_it(client, smtp_server, readers):
    client.force_login(UserFactory(is_staff=True))  # staff, without the permission to change sending
    client.post(SENDING, {"action": "pause"})
    assert "Sending is paused" not in client.get(SENDING).content.decode()


def test_an_editor_sends_themselves_a_test_digest_of_published_stories_only(admin_client, smtp_server, readers):
    ArticleFactory(headline="Markets calm", section=readers, published_at=timezone.now() - timedelta(hours=1))
    ArticleFactory(headline="Held back", section=readers, draft=True)
    response = admin_client.post(SENDING, {"action": "test", "kind": "digest"}, follow=True)
    assert "A test digest is on its way to your address." in response.content.decode()
    ((recipients, test),) = smtp_server.messages
    assert recipients == ["admin@example.com"]  # the editor signed in (pytest-django's admin_user)
    assert test["Subject"].startswith("[Test] Your daily digest")
    assert "Markets calm" in body_of(test, "html") and "Held back" not in body_of(test) + body_of(test, "html")
    assert not Delivery.objects.exists()  # a test records nothing: readers still get the stories
