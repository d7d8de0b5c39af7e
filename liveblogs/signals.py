"""Every write to live coverage purges only the pages showing that story.

The story's own key (`article:<pk>`) is on its page, on every card of it (front page, section,
related stories, lists) and on its feed; `list:liveblog:<pk>` is on the page and on its update
endpoint, which depend on nothing else (serving/dependencies.py). Other pages stay cached. A draft
entry that never was published changes nothing a reader sees and purges nothing.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from serving.content_version import content_changed
from serving.dependencies import list_key, row_key

from .models import LiveBlog, LiveEntry
from .services import liveblog_refresh

_WAS_PUBLISHED = "_liveblogs_was_published"


def blog_keys(*, blog_id: int, article_id: int) -> set[str]:
    return {row_key("article", article_id), list_key("liveblog", blog_id)}


@receiver(pre_save, sender=LiveEntry, dispatch_uid="liveblogs.entry_saving")
def entry_saving(sender, instance, raw=False, **kwargs):
    was = False
    if instance.pk is not None and not raw:
        was = LiveEntry.objects.filter(pk=instance.pk, status=LiveEntry.Status.PUBLISHED).exists()
    setattr(instance, _WAS_PUBLISHED, was)


def _entry_changed(entry: LiveEntry, *, shown: bool) -> None:
    if not shown:
        return
    liveblog_refresh(blog_id=entry.blog_id)
    article_id = LiveBlog.objects.filter(pk=entry.blog_id).values_list("article_id", flat=True).first()
    if article_id is not None:
        content_changed(keys=blog_keys(blog_id=entry.blog_id, article_id=article_id))


@receiver(post_save, sender=LiveEntry, dispatch_uid="liveblogs.entry_saved")
def entry_saved(sender, instance, raw=False, **kwargs):
    shown = instance.status == LiveEntry.Status.PUBLISHED or getattr(instance, _WAS_PUBLISHED, False)
    _entry_changed(instance, shown=raw or shown)


@receiver(post_delete, sender=LiveEntry, dispatch_uid="liveblogs.entry_deleted")
def entry_deleted(sender, instance, **kwargs):
    _entry_changed(instance, shown=instance.status == LiveEntry.Status.PUBLISHED)


@receiver(post_save, sender=LiveBlog, dispatch_uid="liveblogs.blog_saved")
@receiver(post_delete, sender=LiveBlog, dispatch_uid="liveblogs.blog_deleted")
def blog_changed(sender, instance, **kwargs):
    content_changed(keys=blog_keys(blog_id=instance.pk, article_id=instance.article_id))
