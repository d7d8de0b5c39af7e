"""Signed links in readers' mail: confirming a follow, managing one's alerts, one-click unsubscribe.

A confirmation link carries the whole request (address, groups, frequency), so nothing about an
address is stored before its owner clicks it; links to manage or unsubscribe name the subscriber
and their secret, so a new secret (or deleting the data) ends them all.
"""

from django.conf import settings
from django.core import signing

from .models import Subscriber

CONFIRM_SALT = "alerts.confirm"
MANAGE_SALT = "alerts.manage"


def confirm_token_make(*, email: str, follows: list[str], frequency: str, briefing: bool) -> str:
    return signing.dumps({"e": email, "f": follows, "q": frequency, "b": briefing}, salt=CONFIRM_SALT, compress=True)


def confirm_token_read(*, token: str) -> dict | None:
    """The request a confirmation link carries, or None when it is forged or older than ALERTS_CONFIRM_DAYS."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=settings.ALERTS_CONFIRM_DAYS * 86400)
    except signing.BadSignature:
        return None


def manage_token_make(*, subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.secret[:12]], salt=MANAGE_SALT)


def manage_token_read(*, token: str) -> Subscriber | None:
    try:
        pk, secret = signing.loads(token, salt=MANAGE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or subscriber.secret[:12] != secret:
        return None
    return subscriber
