"""Signed, expiring, revocable preview links: an editor shares an unpublished story with someone without an account.

The link is the story's public address with a `preview` token signed (django.core.signing)
with the site's secret key under a salt naming the article and its current `preview_secret`.
So it cannot be forged or moved to another story, it ends when it expires, and it ends at once
when the article's secret changes: when the story is published or unpublished, or when an
editor revokes its links. The token carries no secret, only the article's id and its time.

A token that fails the signature check — made for another story, tampered with, or revoked —
is told apart from nothing else: the reader gets the same 404 as for a story that does not exist.
"""

import enum
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from articles.access import Access, UnpublishedAccess
from articles.models import Article, preview_secret_new

from .roles import User, user_can_publish

PREVIEW_SALT = "articles.preview-link"
PREVIEW_PARAMETER = "preview"  # the link is the story's address with ?preview=<token>


class PreviewToken(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"  # signed for this very article and its current secret, but too old
    INVALID = "invalid"


def preview_max_age() -> timedelta:
    return timedelta(hours=settings.NEWSROOM_PREVIEW_LINK_HOURS)


def _salt(article: Article) -> str:
    return f"{PREVIEW_SALT}:{article.pk}:{article.preview_secret}"


def preview_token_make(*, article: Article) -> str:
    """A token that shows `article` to whoever holds it, until it expires or its links are revoked."""
    return signing.dumps({"article": article.pk}, salt=_salt(article), compress=True)


def preview_token_check(*, token: str, article: Article) -> PreviewToken:
    """Whether `token` was made for `article` since its links were last revoked, and is still within its lifetime.

    The signature is checked before the age (TimestampSigner does so), so EXPIRED can only be the
    answer for a token that was once valid for this article: it tells its holder nothing new.
    """
    try:
        data = signing.loads(token, salt=_salt(article), max_age=preview_max_age())
    except signing.SignatureExpired:
        return PreviewToken.EXPIRED
    except signing.BadSignature:
        return PreviewToken.INVALID
    if not isinstance(data, dict) or data.get("article") != article.pk:
        return PreviewToken.INVALID
    return PreviewToken.VALID


def preview_link_expiry(*, made_at: datetime | None = None) -> datetime:
    return (made_at or timezone.now()) + preview_max_age()


def preview_links_revoke(*, article: Article, user: User) -> None:
    """End every preview link made for `article` so far (editors only); links made afterwards work.

    Only the secret is written: the story's version and last-saved time stay as they are, so an
    editor with the story open can still save it.
    """
    if not user_can_publish(user=user):
        raise PermissionDenied("Only editors can revoke preview links.")
    article.preview_secret = preview_secret_new()
    Article.objects.filter(pk=article.pk).update(preview_secret=article.preview_secret)


class PreviewLinks(UnpublishedAccess):
    """The holder of a preview link reads the story before it is published; registered in EditorialConfig.ready()."""

    def asks(self, request: HttpRequest) -> bool:
        return bool(request.GET.get(PREVIEW_PARAMETER))

    def check(self, *, request: HttpRequest, article: Article) -> Access:
        token = preview_token_check(token=request.GET.get(PREVIEW_PARAMETER, ""), article=article)
        return {PreviewToken.VALID: Access.SHOWN, PreviewToken.EXPIRED: Access.EXPIRED}.get(token, Access.REFUSED)
