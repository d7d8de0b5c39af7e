"""Writes of live coverage: starting and ending a live blog, saving and deleting its entries.

Each checks who is writing (liveblogs/roles.py) and refuses with PermissionDenied, so the admin's
pages and any other caller share the rules. Each entry save is one revision (django-reversion).
The page cache is purged by liveblogs/signals.py, whatever writes the rows.
"""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from articles.models import Article

from .models import LiveBlog, LiveEntry
from .roles import entries_can_write, liveblog_can_manage


def liveblog_start(*, article: Article, user) -> LiveBlog:
    """Make `article` live (again, if its blog had ended): its entries show under it from now on."""
    if not liveblog_can_manage(user=user):
        raise PermissionDenied("Only editors start a live blog.")
    blog, created = LiveBlog.objects.get_or_create(article=article)
    if not created and blog.ended_at is not None:
        blog.ended_at = None
        blog.save(update_fields=["ended_at"])
    return blog


def liveblog_end(*, blog: LiveBlog, user) -> LiveBlog:
    """End live coverage: the badge goes, the page and its entries stay."""
    if not liveblog_can_manage(user=user):
        raise PermissionDenied("Only editors end a live blog.")
    if blog.ended_at is None:
        blog.ended_at = max(timezone.now(), blog.started_at)
        blog.save(update_fields=["ended_at"])
    return blog


def liveblog_refresh(*, blog_id: int) -> None:
    """Keep the blog's `last_entry_at` (what cards show) in step with its published entries."""
    latest = LiveEntry.objects.published().filter(blog_id=blog_id).aggregate(latest=Max("published_at"))["latest"]
    LiveBlog.objects.filter(pk=blog_id).update(last_entry_at=latest)


def entry_save(*, entry: LiveEntry, user, publish: bool) -> LiveEntry:
    """Save `entry` (new or edited), published or as a draft. A pinned entry unpins the blog's other one.

    An entry published now for the first time takes the time of its publication.
    """
    article = entry.blog.article
    if not entries_can_write(article=article, user=user):
        raise PermissionDenied("You may write entries only on stories you are credited on.")
    was_published = (
        entry.pk is not None and LiveEntry.objects.filter(pk=entry.pk, status=LiveEntry.Status.PUBLISHED).exists()
    )
    entry.status = LiveEntry.Status.PUBLISHED if publish else LiveEntry.Status.DRAFT
    if publish and not was_published:
        entry.published_at = timezone.now()
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment("Published." if publish else "Saved as a draft.")
        if entry.pinned:
            others = LiveEntry.objects.filter(blog=entry.blog, pinned=True).exclude(pk=entry.pk)
            for other in others.select_for_update():
                other.pinned = False
                other.save(update_fields=["pinned", "version", "updated_at"])
        entry.save()
    return entry


def entry_delete(*, entry: LiveEntry, user) -> None:
    if not entries_can_write(article=entry.blog.article, user=user):
        raise PermissionDenied("You may delete entries only on stories you are credited on.")
    with transaction.atomic():
        entry.delete()
