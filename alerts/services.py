"""Writes for readers' follows: sign-up and confirmation, changes, unsubscribing, suppression, export and deletion.

Addresses never go to a log: log lines name the subscriber's id.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .groups import group_key, groups_from_keys
from .models import Delivery, Follow, Subscriber
from .tokens import confirm_token_make

logger = logging.getLogger(__name__)

# Confirmation mails one address may get per day, whoever asks: nobody can mail-bomb a stranger.
CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3


def email_normalize(email: str) -> str:
    local, _, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def follow_request(*, email: str, keys: list[str], frequency: str, briefing: bool) -> None:
    """Mail a confirmation link for following `keys` (and the briefing), whether or not the address is known.

    Nothing is stored: the link carries the request. The answer to the reader is the same in every
    case, so the form tells nobody which addresses follow anything.
    """
    from .tasks import confirmation_send

    email = email_normalize(email)
    keys = [group_key(group) for group in groups_from_keys(keys)]
    if not keys and not briefing:
        return
    count_key = "alerts:confirm:" + hashlib.sha256(email.lower().encode()).hexdigest()
    cache.add(count_key, 0, timeout=86400)
    try:
        sent = cache.incr(count_key)
    except ValueError:  # the cache lost it meanwhile
        sent = 1
    if sent > CONFIRMATIONS_PER_ADDRESS_PER_DAY:
        logger.info("Confirmation not sent: this address asked too often today")
        return
    token = confirm_token_make(email=email, follows=keys, frequency=frequency, briefing=briefing)
    confirmation_send.enqueue(token=token)


@transaction.atomic
def follow_confirm(*, request: dict) -> Subscriber:
    """Store what a confirmation link asked for: the subscriber (confirmed now) and their follows."""
    email = request["e"]
    subscriber = Subscriber.objects.filter(email__iexact=email).select_for_update().first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(email=email, confirmed_at=timezone.now())
        logger.info("Subscriber %s confirmed", subscriber.pk)
    elif subscriber.suppressed_at is not None:
        # The owner just proved the address works and wants mail.
        subscriber.suppressed_at, subscriber.suppressed_reason = None, ""
        subscriber.save(update_fields=["suppressed_at", "suppressed_reason"])
    if request.get("b") and not subscriber.briefing:
        subscriber.briefing = True
        subscriber.save(update_fields=["briefing"])
    frequency = request["q"] if request["q"] in Follow.Frequency.values else Follow.Frequency.INSTANT
    for group in groups_from_keys(request["f"]):
        kind, _, pk = group_key(group).partition(":")
        Follow.objects.update_or_create(
            subscriber=subscriber, kind=kind, object_id=int(pk), defaults={"frequency": frequency}
        )
    return subscriber


@transaction.atomic
def follows_update(*, subscriber: Subscriber, frequencies: dict[int, str], remove: set[int], briefing: bool) -> None:
    """Apply the "manage my alerts" page: new frequencies, follows removed, the briefing on or off."""
    follows = subscriber.follows.all()
    follows.filter(pk__in=remove).delete()
    for follow in follows.exclude(pk__in=remove):
        wanted = frequencies.get(follow.pk, follow.frequency)
        if wanted in Follow.Frequency.values and wanted != follow.frequency:
            follow.frequency = wanted
            follow.save(update_fields=["frequency"])
    if subscriber.briefing != briefing:
        subscriber.briefing = briefing
        subscriber.save(update_fields=["briefing"])


@transaction.atomic
def subscriber_unsubscribe(*, subscriber: Subscriber) -> None:
    """Stop every email to this subscriber: follows and the briefing go (the address stays, so no mail is repeated)."""
    subscriber.follows.all().delete()
    if subscriber.briefing:
        subscriber.briefing = False
        subscriber.save(update_fields=["briefing"])
    logger.info("Subscriber %s unsubscribed", subscriber.pk)


def subscriber_export(*, subscriber: Subscriber) -> dict:
    """Everything the site keeps about a subscriber, for a request under data-protection law."""
    from .groups import groups_from_keys as groups

    follows = []
    for follow in subscriber.follows.order_by("pk"):
        found = groups([f"{follow.kind}:{follow.object_id}"])
        follows.append(
            {
                "kind": follow.kind,
                "name": str(found[0]) if found else None,
                "frequency": follow.frequency,
                "since": follow.created_at.isoformat(),
            }
        )
    sent = Delivery.objects.filter(subscriber=subscriber).select_related("article").order_by("claimed_at")
    return {
        "email": subscriber.email,
        "confirmed_at": subscriber.confirmed_at.isoformat(),
        "daily_briefing": subscriber.briefing,
        "suppressed_at": subscriber.suppressed_at.isoformat() if subscriber.suppressed_at else None,
        "follows": follows,
        "emails_sent": [
            {"story": d.article.headline, "sent_at": (d.sent_at or d.claimed_at).isoformat()} for d in sent
        ],
    }


@transaction.atomic
def subscriber_delete(*, subscriber: Subscriber) -> None:
    """Erase a subscriber: the address, follows and the record of what was sent."""
    pk = subscriber.pk
    subscriber.delete()
    logger.info("Subscriber %s deleted on request", pk)


def suppression_record(*, email: str, reason: str) -> bool:
    """A bounce or complaint from the mail provider: send nothing more to that address. False if unknown."""
    updated = Subscriber.objects.filter(email__iexact=email_normalize(email), suppressed_at=None).update(
        suppressed_at=timezone.now(), suppressed_reason=reason[:20]
    )
    return bool(updated)
