"""Moving articles between draft, review and published."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ..models import Article


def articles_publish(*, articles: Iterable[Article], at: datetime | None = None) -> int:
    """Publish `articles` now, or at `at`; a past publication time is kept, a future one brought forward."""
    now = timezone.now()
    count = 0
    with transaction.atomic():
        for article in articles:
            article.status = Article.Status.PUBLISHED
            if at is not None:
                article.published_at = at
            elif article.published_at is None or article.published_at > now:
                article.published_at = now
            article.save(update_fields=["status", "published_at", "updated_at"])
            count += 1
    return count


def articles_unpublish(*, articles: Iterable[Article]) -> int:
    """Take `articles` off the public site by sending them back to draft."""
    count = 0
    with transaction.atomic():
        for article in articles:
            article.status = Article.Status.DRAFT
            article.save(update_fields=["status", "updated_at"])
            count += 1
    return count
