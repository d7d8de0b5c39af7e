"""Stories going live, changing and being unpublished, found by the clock rather than a save signal
(a story becomes public by time alone), and what is told to partners: webhooks and the WebSub hub."""

import hashlib
import hmac
import json
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.feeds import feed_urls
from articles.models import Article
from articles.selectors import bylines_prefetch

from .emails import site_url
from .groups import groups_of_article
from .models import DailyRun, StoryEvent, Webhook

logger = logging.getLogger(__name__)


def story_payload(*, article: Article, event: str) -> dict:
    """What partners get. For an unpublished story only its id and address: nothing unpublished leaves."""
    base = {"event": event, "id": article.pk, "url": site_url(article.get_absolute_url())}
    if event == "unpublished":
        return base
    return {
        **base,
        "headline": article.headline,
        "summary": article.summary,
        "section": article.section.name,
        "authors": [byline.author.name for byline in article.bylines.all()],
        "published_at": article.published_at.isoformat(),
        "updated_at": article.updated_at.isoformat(),
    }


def story_events_scan(*, now: datetime | None = None) -> dict[str, int]:
    """Record stories that went live since the last scan (alerting their followers once), and tell
    partners of stories updated or unpublished. Safe to run from several clocks at once."""
    from .tasks import alert_send

    now = now or timezone.now()
    counts = {"live": 0, "updated": 0, "unpublished": 0}
    oldest_alerted = now - timedelta(hours=settings.ALERTS_MAX_AGE_HOURS)
    published = Article.objects.published()
    new = published.exclude(pk__in=StoryEvent.objects.values("article_id")).select_related("section")
    for article in new.prefetch_related(bylines_prefetch()).order_by("published_at"):
        # An embargo that lifted long after the publication time is news when it lifts.
        alerted = article.public_since >= oldest_alerted
        try:
            with transaction.atomic():
                event = StoryEvent.objects.create(
                    article=article,
                    went_live_at=article.public_since,
                    alerted=alerted,
                    seen_updated_at=article.updated_at,
                )
                # The task row is written in the same transaction: the event and its alert, or neither.
                if alerted:
                    alert_send.enqueue(event_id=event.pk)
                    partners_notify(article=article, event="published")
        except IntegrityError:
            continue  # another clock saw it first
        counts["live"] += 1
    for event in StoryEvent.objects.filter(is_live=True).exclude(article__in=published).select_related("article"):
        with transaction.atomic():
            if StoryEvent.objects.filter(pk=event.pk, is_live=True).update(is_live=False):
                partners_notify(article=event.article, event="unpublished")
                counts["unpublished"] += 1
    changed = StoryEvent.objects.filter(article__in=published).filter(
        Q(is_live=False) | Q(seen_updated_at__lt=F("article__updated_at"))
    )
    for event in changed.select_related("article", "article__section"):
        article = event.article
        with transaction.atomic():
            if StoryEvent.objects.filter(pk=event.pk, seen_updated_at=event.seen_updated_at).update(
                is_live=True, seen_updated_at=article.updated_at
            ):
                # Republished or edited: partners hear of it; readers were alerted once, the first time.
                partners_notify(article=article, event="updated")
                counts["updated"] += 1
    return counts


def partners_notify(*, article: Article, event: str) -> None:
    """Queue a signed message to every active webhook, and a ping to the WebSub hub for the story's feeds."""
    from .tasks import webhook_deliver, websub_ping

    body = json.dumps(story_payload(article=article, event=event), sort_keys=True)
    for webhook_id in Webhook.objects.filter(active=True).values_list("pk", flat=True):
        webhook_deliver.enqueue(webhook_id=webhook_id, body=body, event=event)
    if settings.NEWSROOM_WEBSUB_HUB:
        feeds = [feed_urls()] + [feed_urls(obj=group) for group in groups_of_article(article)]
        websub_ping.enqueue(urls=[site_url(feed[kind]) for feed in feeds for kind in ("rss", "atom")])


def signature(*, secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def daily_run_start(*, now: datetime | None = None) -> datetime | None:
    """Start today's digests and briefings once their hour has come; the moment they cover up to, or None."""
    from .tasks import daily_send

    now = timezone.localtime(now or timezone.now())
    if now.hour < settings.ALERTS_DIGEST_HOUR:
        return None
    until = now.replace(hour=settings.ALERTS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    try:
        with transaction.atomic():
            DailyRun.objects.create(day=until.date())
            daily_send.enqueue(until=until.isoformat())
    except IntegrityError:
        return None
    return until


def clock_tick(*, now: datetime | None = None) -> dict:
    """One turn of the clock: went-live, update and unpublish events; the day's mail at its hour."""
    counts = story_events_scan(now=now)
    counts["daily"] = daily_run_start(now=now) is not None
    return counts
