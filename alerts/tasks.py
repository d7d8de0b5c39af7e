"""Background tasks (Django's Tasks API on the database backend; run by `manage.py db_worker`).

A task that fails is retried with back-off (`retry_later`) up to its limit. Every failed try is left
failed, with its error, in the admin's list of tasks: the retry is a new task, queued before the
failure is raised, so a partner's receiver that was down for a while shows there even once it answers.
Tasks take ids and strings, never objects: a retry reads the database afresh.
"""

import logging
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from newsroom.tasks import retry_later

from .emails import message_build
from .events import signature
from .models import StoryEvent, Webhook
from .sending import alert_batch_send, batch_delay, daily_batch_send, sending_paused
from .tokens import confirm_token_read

logger = logging.getLogger(__name__)

PAUSED_RECHECK = timedelta(minutes=1)
WEBHOOK_TIMEOUT_SECONDS = 10


def task_later(task_, *, delay: timedelta, **kwargs) -> None:
    """Enqueue `task_` to run after `delay` (at once on a backend that cannot defer: the tests' immediate one)."""
    if task_.get_backend().supports_defer:
        task_ = task_.using(run_after=timezone.now() + delay)
    task_.enqueue(**kwargs)


@task()
def confirmation_send(*, token: str) -> None:
    """Mail the link that confirms a follow (the address is read from the signed token, never logged)."""
    from django.urls import reverse

    from .emails import site_url
    from .models import Subscriber

    request = confirm_token_read(token=token)
    if request is None:
        return
    if Subscriber.objects.filter(email__iexact=request["e"]).exclude(suppressed_at=None).exists():
        return  # the address bounced or complained: the owner has to ask their provider, not us
    message_build(
        to=request["e"],
        kind="confirm",
        context={
            "subject": f"Confirm your alerts from {settings.NEWSROOM_SITE_NAME}",
            "confirm_url": site_url(reverse("alerts:confirm", args=[token])),
            "days": settings.ALERTS_CONFIRM_DAYS,
        },
    ).send()


@task()
def alert_send(*, event_id: int, after: int = 0, attempt: int = 1) -> None:
    """Send one batch of a story's alert, then queue the next batch after the rate's pause."""
    if sending_paused():
        task_later(alert_send, delay=PAUSED_RECHECK, event_id=event_id, after=after)
        return
    event = StoryEvent.objects.filter(pk=event_id).first()
    if event is None:
        return
    try:
        last = alert_batch_send(event=event, after=after)
    except Exception:
        if retry_later(alert_send, attempt=attempt, max_attempts=5, event_id=event_id, after=after):
            logger.warning("Alert for event %s failed (attempt %s); retrying later", event_id, attempt)
        raise
    if last is not None:
        task_later(alert_send, delay=batch_delay(), event_id=event_id, after=last)


@task()
def daily_send(*, until: str, after: int = 0, attempt: int = 1) -> None:
    """Send one batch of the day's digests and briefings, then queue the next."""
    if sending_paused():
        task_later(daily_send, delay=PAUSED_RECHECK, until=until, after=after)
        return
    try:
        last = daily_batch_send(until=datetime.fromisoformat(until), after=after)
    except Exception:
        if retry_later(daily_send, attempt=attempt, max_attempts=5, until=until, after=after):
            logger.warning("Daily mail failed (attempt %s); retrying later", attempt)
        raise
    if last is not None:
        task_later(daily_send, delay=batch_delay(), until=until, after=last)


def http_post(*, url: str, body: bytes, headers: dict) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 (partners' http(s) URLs)
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@task()
def webhook_deliver(*, webhook_id: int, body: str, event: str, attempt: int = 1) -> None:
    """POST a signed JSON message to a partner; anything but a 2xx is retried with back-off (8 tries)."""
    webhook = Webhook.objects.filter(pk=webhook_id, active=True).first()
    if webhook is None:
        return
    data = body.encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"{settings.NEWSROOM_SITE_NAME} webhooks",
        "X-Newsroom-Event": event,
        "X-Newsroom-Attempt": str(attempt),
        "X-Newsroom-Signature": signature(secret=webhook.secret, body=data),
    }
    try:
        status = http_post(url=webhook.url, body=data, headers=headers)
    except OSError as error:
        cause = getattr(error, "reason", None)  # urllib wraps the real one (ConnectionRefusedError, timeout)
        status, reason = None, type(cause if isinstance(cause, BaseException) else error).__name__
    else:
        reason = f"HTTP {status}"
    if status is not None and 200 <= status < 300:
        return
    if retry_later(webhook_deliver, attempt=attempt, max_attempts=8, webhook_id=webhook_id, body=body, event=event):
        logger.warning("Webhook %s: %s (attempt %s); retrying later", webhook_id, reason, attempt)
        raise RuntimeError(f"Webhook {webhook_id}: {reason} (attempt {attempt} of 8); retried later")
    raise RuntimeError(f"Webhook {webhook_id} gave up after {attempt} attempts: {reason}")


@task()
def websub_ping(*, urls: list[str], attempt: int = 1) -> None:
    """Tell the WebSub hub these feeds changed (hub.mode=publish), retried like a webhook."""
    body = urllib.parse.urlencode([("hub.mode", "publish")] + [("hub.url", url) for url in urls]).encode()
    try:
        status = http_post(
            url=settings.NEWSROOM_WEBSUB_HUB,
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    except OSError:
        status = None
    if status is not None and 200 <= status < 300:
        return
    if retry_later(websub_ping, attempt=attempt, max_attempts=6, urls=urls):
        raise RuntimeError(f"WebSub hub refused the ping: {status} (attempt {attempt} of 6); retried later")
    raise RuntimeError(f"WebSub hub refused the ping: {status}")
