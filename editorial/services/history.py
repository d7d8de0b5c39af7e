"""Restoring an article to one of its saved revisions."""

import reversion
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from articles.models import Article

from ..roles import User, user_can_publish


def article_revision_restore(*, article: Article, version: Version, user: User) -> Article:
    """Put back the headline, text, bylines and tags `version` recorded, as a new revision.

    Bylines and tags added since are removed. The version number keeps counting up, so a form
    opened before the restore cannot overwrite it. Status and publication time are the
    publisher's to change: for anyone who may not publish they stay as they are now, or a
    reporter could bring an unpublished story back on the site by restoring its published revision.
    """
    with transaction.atomic(), reversion.create_revision():
        current = Article.objects.select_for_update().values("version", "status", "published_at").get(pk=article.pk)
        version.revision.revert(delete=True)
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
