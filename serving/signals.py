"""Every write to content readers can see purges the pages that show it.

The receivers listen to all models and keep those of the apps in settings.PAGE_CACHE_APPS, so a
new content model is covered by adding its app there; serving/purge.py works out which keys a
write purges (all pages, for a model it knows nothing about). Writes that send no signals
(bulk_create, QuerySet.update, raw SQL) must call `content_changed()` themselves, as the services
and `generate_content` do; tests/test_content_writes.py runs each of them and fails for one that forgets.

When the cache answers again after an outage, the version is forgotten: a change saved meanwhile
could not bump it, so no page cached before the outage may be served (serving/cache.py).
"""

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from django.dispatch import receiver

from .cache import reconnected
from .content_version import content_changed, content_version_bump, content_version_forget
from .purge import relation_keys, row_keys, story_edited_in_place, story_remember

M2M_WRITES = {"post_add", "post_remove", "post_clear"}


def _is_content(sender) -> bool:
    return sender._meta.app_label in settings.PAGE_CACHE_APPS


def _purge(keys: set[str] | None, *, edited_in_place: bool = False) -> None:
    if keys is None or keys:  # None: every page; an empty set: no public page shows it
        content_changed(keys=keys, edited_in_place=edited_in_place)


@receiver(pre_save, dispatch_uid="serving.story_saving")
def story_saving(sender, instance, raw=False, **kwargs):
    if not raw and sender._meta.label_lower == settings.PAGE_CACHE_STORY_MODEL.lower():
        story_remember(instance)


@receiver(post_save, dispatch_uid="serving.content_saved")
def content_saved(sender, instance, raw=False, **kwargs):
    if _is_content(sender):
        if raw:
            _purge(None)
        else:
            _purge(row_keys(instance, deleted=False), edited_in_place=story_edited_in_place(instance))


@receiver(post_delete, dispatch_uid="serving.content_deleted")
def content_deleted(sender, instance, **kwargs):
    if _is_content(sender):
        _purge(row_keys(instance, deleted=True))


@receiver(m2m_changed, dispatch_uid="serving.content_relations_changed")
def content_relations_changed(sender, action, instance, model, pk_set, reverse, **kwargs):
    # `sender` is the through model: Byline, ArticleActor, ArticleCountry, or an auto-created one.
    if action in M2M_WRITES and _is_content(sender):
        _purge(relation_keys(instance=instance, model=model, pk_set=pk_set, reverse=reverse))


@receiver(post_migrate, dispatch_uid="serving.schema_migrated")
def schema_migrated(sender, **kwargs):
    # A deployment (which migrates) may change templates too: start afresh.
    content_version_bump()


@receiver(reconnected, dispatch_uid="serving.cache_reconnected")
def cache_reconnected(sender, cache, **kwargs):
    # Any process that saw the outage does this, not only the one whose bump was lost: that one may be gone.
    if cache is caches["default"]:
        content_version_forget()
