"""Sending alerts, digests and briefings: in batches at a set rate, each story at most once to an address.

Every message is claimed (a Delivery row, unique per address and story) before it goes out and
marked sent after. A send that fails releases its unsent claims and is retried; a worker killed
mid-send leaves its claims, so nothing it may have sent is ever sent again. Only stories that
`Article.objects.published()` returns are ever mailed: each batch reads the story through it.
"""

import logging
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from articles.listings import listing_for
from articles.models import Article

from .emails import stories_message
from .groups import groups_of_article
from .models import Delivery, Follow, Sending, StoryEvent, Subscriber

logger = logging.getLogger(__name__)

BRIEFING_STORIES = 5


def sending_paused() -> bool:
    return Sending.objects.filter(paused=True).exists()


def sending_pause(*, paused: bool, by: str) -> None:
    Sending.objects.update_or_create(pk=1, defaults={"paused": paused, "paused_by": by if paused else ""})
    logger.info("Reader mail %s", "paused" if paused else "resumed")


def mailable() -> "Q":
    return Q(suppressed_at=None)


def follows_q(targets: dict[str, list[int]], *, frequency: str, prefix: str = "") -> Q:
    """Follows (through `prefix`) of any of `targets` ({"section": [3], "author": [1, 2]}) at `frequency`."""
    q = Q()
    for kind, ids in targets.items():
        q |= Q(**{f"{prefix}kind": kind, f"{prefix}object_id__in": ids})
    return q & Q(**{f"{prefix}frequency": frequency}) if q else Q(pk__in=[])


def deliveries_claim(*, subscriber_ids: Iterable[int], article_ids: Iterable[int]) -> set[tuple[int, int]]:
    """Claim (subscriber, story) pairs; those already claimed by any send are refused. The pairs won."""
    claim = uuid.uuid4().hex
    now = timezone.now()
    rows = [
        Delivery(subscriber_id=s, article_id=a, claimed_at=now, claim=claim)
        for s in subscriber_ids
        for a in article_ids
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return set(Delivery.objects.filter(claim=claim).values_list("subscriber_id", "article_id"))


def messages_send(*, messages: list[tuple[Subscriber, list[int], object]]) -> int:
    """Send (subscriber, story ids, message) over one connection, then mark the batch sent in one
    update per set of stories (one for an alert). On a failure the messages sent so far are marked,
    the claims of that message and every one after it released, and the error raised (the task retries).
    A worker killed mid-batch leaves its claims unmarked but held: nothing it may have sent goes again."""
    sent: list[tuple[int, list[int]]] = []
    connection = get_connection()
    connection.open()
    try:
        for index, (subscriber, article_ids, message) in enumerate(messages):
            try:
                message.connection = connection
                message.send()
            except Exception:
                deliveries_mark_sent(sent=sent)
                unsent = [(s.pk, ids) for s, ids, _m in messages[index:]]
                q = Q(pk__in=[])
                for subscriber_id, ids in unsent:
                    q |= Q(subscriber_id=subscriber_id, article_id__in=ids)
                Delivery.objects.filter(q, sent_at=None).delete()
                logger.warning(
                    "Sending stopped after %s of %s messages; the rest will be retried", len(sent), len(messages)
                )
                raise
            sent.append((subscriber.pk, article_ids))
    finally:
        connection.close()
    deliveries_mark_sent(sent=sent)
    return len(sent)


def deliveries_mark_sent(*, sent: list[tuple[int, list[int]]]) -> None:
    """Mark (subscriber id, story ids) pairs sent: one UPDATE per distinct set of stories."""
    by_stories: dict[tuple[int, ...], list[int]] = {}
    for subscriber_id, article_ids in sent:
        by_stories.setdefault(tuple(sorted(article_ids)), []).append(subscriber_id)
    now = timezone.now()
    for article_ids, subscriber_ids in by_stories.items():
        Delivery.objects.filter(subscriber_id__in=subscriber_ids, article_id__in=article_ids).update(sent_at=now)


def group_names(article: Article) -> dict[tuple[str, int], str]:
    return {(listing_for(group).name, group.pk): str(group) for group in groups_of_article(article)}


def alert_batch_send(*, event: StoryEvent, after: int = 0) -> int | None:
    """Send the next batch of a story's alert to instant followers with an id above `after`.

    Returns the last subscriber id of the batch when more may remain, else None.
    """
    article = (
        Article.objects.published().select_related("section").filter(pk=event.article_id).first()
    )  # the one gate: unpublished since it went live, it is mailed to nobody
    if article is None:
        return None
    names = group_names(article)
    targets: dict[str, list[int]] = {}
    for kind, pk in names:
        targets.setdefault(kind, []).append(pk)
    followers = (
        Subscriber.objects.filter(mailable(), pk__gt=after)
        .filter(
            Exists(
                Follow.objects.filter(follows_q(targets, frequency=Follow.Frequency.INSTANT), subscriber=OuterRef("pk"))
            )
        )
        .exclude(Exists(Delivery.objects.filter(subscriber=OuterRef("pk"), article=article)))
        .order_by("pk")[: settings.ALERTS_BATCH_SIZE]
    )
    batch = list(followers)
    if not batch:
        return None
    won = {s for s, _a in deliveries_claim(subscriber_ids=[s.pk for s in batch], article_ids=[article.pk])}
    reasons = reasons_by_subscriber(subscribers=[s for s in batch if s.pk in won], targets=targets, names=names)
    messages = [
        (
            s,
            [article.pk],
            stories_message(subscriber=s, kind="alert", articles=[article], reasons={article.pk: reasons[s.pk]}),
        )
        for s in batch
        if s.pk in won
    ]
    messages_send(messages=messages)
    logger.info("Alert for story %s: %s sent in this batch", article.pk, len(messages))
    return batch[-1].pk if len(batch) == settings.ALERTS_BATCH_SIZE else None


def reasons_by_subscriber(*, subscribers: list[Subscriber], targets: dict, names: dict) -> dict[int, list[str]]:
    """What each subscriber follows among a story's groups, by name (one query for the batch)."""
    reasons: dict[int, list[str]] = {s.pk: [] for s in subscribers}
    q = Q(pk__in=[])
    for kind, ids in targets.items():
        q |= Q(kind=kind, object_id__in=ids)
    for subscriber_id, kind, object_id in Follow.objects.filter(q, subscriber__in=subscribers).values_list(
        "subscriber_id", "kind", "object_id"
    ):
        reasons[subscriber_id].append((kind, object_id))
    order = list(names)
    return {pk: [names[key] for key in sorted(keys, key=order.index)] for pk, keys in reasons.items()}


def daily_window(*, day_start: datetime) -> tuple[datetime, datetime]:
    return day_start - timedelta(days=1), day_start


def daily_batch_send(*, until: datetime, after: int = 0) -> int | None:
    """Send the day's digests and briefings to the next batch of subscribers with an id above `after`.

    A digest has the stories of the 24 hours before `until` that the subscriber follows daily; a
    briefing the top stories of those hours. Neither repeats a story the address already got.
    """
    since = until - timedelta(days=1)
    stories = list(
        Article.objects.published()
        .filter(published_at__gt=since, published_at__lte=until)
        .select_related("section")
        .order_by("-published_at", "-id")
    )
    if not stories:
        return None
    daily = Follow.objects.filter(frequency=Follow.Frequency.DAILY, subscriber=OuterRef("pk"))
    batch = list(
        Subscriber.objects.filter(mailable(), pk__gt=after)
        .filter(Q(briefing=True) | Q(Exists(daily)))
        .order_by("pk")[: settings.ALERTS_BATCH_SIZE]
    )
    if not batch:
        return None
    story_groups = story_groups_of(stories)
    follows: dict[int, set[tuple[str, int]]] = {}
    for subscriber_id, kind, object_id in Follow.objects.filter(
        subscriber__in=batch, frequency=Follow.Frequency.DAILY
    ).values_list("subscriber_id", "kind", "object_id"):
        follows.setdefault(subscriber_id, set()).add((kind, object_id))
    delivered = set(
        Delivery.objects.filter(subscriber__in=batch, article__in=stories).values_list("subscriber_id", "article_id")
    )
    plans = []
    for subscriber in batch:
        followed = follows.get(subscriber.pk, set())
        digest, reasons = [], {}
        for story in stories:
            matched = [name for key, name in story_groups[story.pk].items() if key in followed]
            if matched and (subscriber.pk, story.pk) not in delivered:
                digest.append(story)
                reasons[story.pk] = matched
        taken = {s.pk for s in digest}
        briefing = (
            [s for s in stories if (subscriber.pk, s.pk) not in delivered and s.pk not in taken][:BRIEFING_STORIES]
            if subscriber.briefing
            else []
        )
        for kind, chosen in (("digest", digest), ("briefing", briefing)):
            if chosen:
                plans.append((subscriber, kind, chosen, reasons))
    won = set()
    for subscriber, _kind, chosen, _reasons in plans:
        won |= deliveries_claim(subscriber_ids=[subscriber.pk], article_ids=[s.pk for s in chosen])
    messages = []
    for subscriber, kind, chosen, reasons in plans:
        chosen = [s for s in chosen if (subscriber.pk, s.pk) in won]
        if chosen:
            message = stories_message(subscriber=subscriber, kind=kind, articles=chosen, reasons=reasons)
            messages.append((subscriber, [s.pk for s in chosen], message))
    messages_send(messages=messages)
    logger.info("Daily mail: %s messages sent in this batch", len(messages))
    return batch[-1].pk if len(batch) == settings.ALERTS_BATCH_SIZE else None


def story_groups_of(stories: list[Article]) -> dict[int, dict[tuple[str, int], str]]:
    """Each story's groups, {(kind, id): name}, for a day's stories."""
    return {story.pk: group_names(story) for story in stories}


def batch_delay() -> timedelta:
    """How long to wait between batches for ALERTS_RATE_PER_SECOND."""
    return timedelta(seconds=settings.ALERTS_BATCH_SIZE / settings.ALERTS_RATE_PER_SECOND)


def test_send(*, to: str, kind: str, article: Article | None) -> bool:
    """An editor's test of an alert or a digest, to themselves; records nothing. False: no story to show."""
    stories = [article] if article else list(Article.objects.published().select_related("section")[:BRIEFING_STORIES])
    stories = [s for s in stories if s.is_public]
    if not stories:
        return False
    preview = Subscriber(
        email=to,
        pk=0,
        secret="test-only",  # noqa: S106 (an unsaved stand-in; its links lead nowhere)
        confirmed_at=timezone.now(),
    )
    message = stories_message(
        subscriber=preview, kind=kind, articles=stories, reasons={s.pk: ["(test)"] for s in stories}
    )
    message.subject = f"[Test] {message.subject}"
    message.send()
    return True
