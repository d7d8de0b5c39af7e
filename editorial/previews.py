"""Signed, expiring preview links: an editor shares an unpublished story with someone without an account.

The link is the story's public address with a `preview` token signed with the site's secret
key (django.core.signing): it names one article and carries the time it was made, so it
cannot be forged, moved to another story, or used after it expires.
"""

import enum
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils import timezone

from articles.access import Access, UnpublishedAccess
from articles.models import Article

PREVIEW_SALT = "articles.preview-link"
PREVIEW_PARAMETER = "preview"  # the link is the story's address with ?preview=<token>


class PreviewToken(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"


def preview_max_age() -> timedelta:
    return timedelta(hours=settings.NEWSROOM_PREVIEW_LINK_HOURS)


def preview_token_make(*, article: Article) -> str:
    """A token that shows `article` to whoever holds it, until it expires."""
    return signing.dumps({"article": article.pk}, salt=PREVIEW_SALT, compress=True)


def preview_token_check(*, token: str, article: Article) -> PreviewToken:
    """Whether `token` was made for `article` and is still within its lifetime."""
    try:
        data = signing.loads(token, salt=PREVIEW_SALT, max_age=preview_max_age())
    except signing.SignatureExpired:
        return PreviewToken.EXPIRED
    except signing.BadSignature:
        return PreviewToken.INVALID
    if not isinstance(data, dict) or data.get("article") != article.pk:
        return PreviewToken.INVALID
    return PreviewToken.VALID


def preview_link_expiry(*, made_at: datetime | None = None) -> datetime:
    return (made_at or timezone.now()) + preview_max_age()


class PreviewLinks(UnpublishedAccess):
    """The holder of a preview link reads the story before it is published; registered in EditorialConfig.ready()."""

    def asks(self, request: HttpRequest) -> bool:
        return bool(request.GET.get(PREVIEW_PARAMETER))

    def check(self, *, request: HttpRequest, article: Article) -> Access:
        token = preview_token_check(token=request.GET.get(PREVIEW_PARAMETER, ""), article=article)
        return {PreviewToken.VALID: Access.SHOWN, PreviewToken.EXPIRED: Access.EXPIRED}.get(token, Access.REFUSED)
