"""Restoring an article to one of its saved revisions."""

import reversion
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Correction

from ..roles import User, user_can_publish


def article_revision_restore(*, article: Article, version: Version, user: User) -> Article:
    """Put back the headline, text, bylines and tags `version` recorded, as a new revision.

    Bylines and tags added since are removed. The version number keeps counting up, so a form
    opened before the restore cannot overwrite it. Status and publication time are the
    publisher's to change: for anyone who may not publish they stay as they are now, or a
    reporter could bring an unpublished story back on the site by restoring its published revision.
    Corrections stay as they are now: a restore never withdraws one readers have seen, nor brings back
    one an editor deleted.
    """
    with transaction.atomic(), reversion.create_revision():
        current = Article.objects.select_for_update().values("version", "status", "published_at").get(pk=article.pk)
        corrections = list(Correction.objects.filter(article=article).values())
        version.revision.revert(delete=True)
        _corrections_put_back(article=article, rows=corrections)
        restored = Article.objects.get(pk=article.pk)
        restored.version = current["version"]
        if not user_can_publish(user=user):
            restored.status = current["status"]
            restored.published_at = current["published_at"]
        restored.updated_by = user
        restored.save()
        reversion.set_user(user)
        saved_at = timezone.localtime(version.revision.date_created)
        reversion.set_comment(f"Restored the version of {saved_at:%d %B %Y, %H:%M}.")
    return restored


def _corrections_put_back(*, article: Article, rows: list[dict]) -> None:
    """Make the article's corrections exactly `rows` again (the revert may have changed, removed or added some)."""
    Correction.objects.filter(article=article).exclude(pk__in=[row["id"] for row in rows]).delete()
    for row in rows:
        Correction.objects.update_or_create(pk=row["id"], defaults=row)
        # auto_now_add stamps a re-created row with the time now: keep when it was first added.
        Correction.objects.filter(pk=row["id"]).update(created_at=row["created_at"])
