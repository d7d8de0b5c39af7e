"""Failed background work shows in the admin's list of tasks, each failed try with its error.

Retries are new tasks queued by our own code (images/tasks.py, alerts/tasks.py), so the try that failed
must itself be left failed: otherwise a picture that needed several tries, or a partner whose receiver
was down, would look like a success to whoever checks the list.
"""

import socket
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts.events import clock_tick
from alerts.models import Webhook
from articles.models import Article

from .factories import ArticleFactory, SectionFactory, UserFactory
from .images import image_upload
from .test_images import add_article, article_form

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def staff_client(client):
    """A staff member who may only look at the list of tasks (as whoever runs the site's machines)."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_dbtaskresult"))
    client.force_login(user)
    return client


def failed_tasks_page(client) -> str:
    url = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    response = client.get(url, {"status__exact": "FAILED"})
    assert response.status_code == 200
    return response.content.decode()


def test_the_first_failed_try_of_a_rendition_is_listed_with_its_error_while_the_retry_waits(
    admin_client, staff_client, media, task_queue
):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload()))
    article = Article.objects.get()
    (media / article.lead_image.name).write_bytes(b"not a picture any more")  # a corrupt file in the storage
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        task_queue.run()

    failed = DBTaskResult.objects.get(status="FAILED")
    assert failed.task_path == "images.tasks.renditions_make" and failed.args_kwargs["kwargs"].get("attempt", 1) == 1
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2 and retry.run_after == start + timedelta(seconds=30)

    listed = failed_tasks_page(staff_client)
    assert "renditions_make" in listed and str(failed.pk) in listed
    assert '<td class="field-error">UnidentifiedImageError</td>' in listed
    detail_url = reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.pk])
    detail = staff_client.get(detail_url).content.decode()
    assert "UnidentifiedImageError" in detail and "cannot identify image file" in detail


def test_a_webhook_to_a_dead_receiver_is_listed_failed_with_its_reason_from_the_first_try(staff_client, task_queue):
    with socket.socket() as probe:  # a port nobody listens on any more
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    webhook = Webhook.objects.create(name="Partner", url=f"http://127.0.0.1:{port}/hook", secret="s3cret")  # noqa: S106
    clock_tick()
    ArticleFactory(headline="Went live", section=SectionFactory(), published_at=timezone.now())
    clock_tick()
    task_queue.run()

    failed = DBTaskResult.objects.get(status="FAILED", task_path="alerts.tasks.webhook_deliver")
    assert f"Webhook {webhook.pk}: ConnectionRefusedError (attempt 1 of 8); retried later" in failed.traceback
    assert DBTaskResult.objects.filter(status="READY", task_path="alerts.tasks.webhook_deliver").count() == 1
    listed = failed_tasks_page(staff_client)
    assert "webhook_deliver" in listed and str(failed.pk) in listed
    assert '<td class="field-error">RuntimeError</td>' in listed
