"""Moving articles between draft, review and published.

Every change goes through here with the user who asked for it, so the rule "only editors
publish" holds whichever way the request came in, and each change is kept in the history.
"""

from collections.abc import Iterable
from datetime import datetime

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.models import Article, preview_secret_new

from ..roles import User, article_can_edit, user_can_publish


def _status_save(*, article: Article, user: User | None, fields: list[str], comment: str) -> None:
    signed_in = user is not None and user.is_authenticated
    with reversion.create_revision():
        if signed_in:
            article.updated_by = user
            reversion.set_user(user)
        reversion.set_comment(comment)
        article.save(update_fields=[*fields, "updated_at", "updated_by"])


def articles_publish(*, articles: Iterable[Article], at: datetime | None = None, user: User | None = None) -> int:
    """Publish `articles` now, or at `at`; a past publication time is kept, a future one brought forward.

    With a `user`, refuses (PermissionDenied) unless they may publish. Without one, the caller is
    the system itself (an import run by an operator).
    """
    if user is not None and not user_can_publish(user=user):
        raise PermissionDenied("Only editors can publish articles.")
    now = timezone.now()
    count = 0
    with transaction.atomic():
        for article in articles:
            article.status = Article.Status.PUBLISHED
            if at is not None:
                article.published_at = at
            elif article.published_at is None or article.published_at > now:
                article.published_at = now
            article.preview_secret = preview_secret_new()  # preview links made before end here
            fields = ["status", "published_at", "preview_secret"]
            _status_save(article=article, user=user, fields=fields, comment="Published.")
            count += 1
    return count


def articles_unpublish(*, articles: Iterable[Article], user: User | None = None) -> int:
    """Take `articles` off the public site by sending them back to draft (editors only)."""
    if user is not None and not user_can_publish(user=user):
        raise PermissionDenied("Only editors can unpublish articles.")
    count = 0
    with transaction.atomic():
        for article in articles:
            article.status = Article.Status.DRAFT
            article.preview_secret = preview_secret_new()
            fields = ["status", "preview_secret"]
            _status_save(article=article, user=user, fields=fields, comment="Unpublished (back to draft).")
            count += 1
    return count


def articles_submit_for_review(*, articles: Iterable[Article], user: User) -> tuple[int, int]:
    """Send drafts the user may edit to review; returns (submitted, skipped)."""
    submitted = skipped = 0
    with transaction.atomic():
        for article in articles:
            if article.status != Article.Status.DRAFT or not article_can_edit(article=article, user=user):
                skipped += 1
                continue
            article.status = Article.Status.REVIEW
            _status_save(article=article, user=user, fields=["status"], comment="Submitted for review.")
            submitted += 1
    return submitted, skipped
