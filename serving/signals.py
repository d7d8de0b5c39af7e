"""Every write to content readers can see starts a new content version.

The receivers listen to all models and keep those of the apps in settings.PAGE_CACHE_APPS, so a
new content model is covered by adding its app there. Writes that send no signals (bulk_create,
QuerySet.update, raw SQL) must call `content_changed()` themselves, as the services and
`generate_content` do; tests/test_content_writes.py runs each of them and fails for one that forgets.

When the cache answers again after an outage, the version is forgotten: a change saved meanwhile
could not bump it, so no page cached before the outage may be served (serving/cache.py).
"""

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from .cache import reconnected
from .content_version import content_changed, content_version_bump, content_version_forget

M2M_WRITES = {"post_add", "post_remove", "post_clear"}


def _is_content(sender) -> bool:
    return sender._meta.app_label in settings.PAGE_CACHE_APPS


@receiver(post_save, dispatch_uid="serving.content_saved")
@receiver(post_delete, dispatch_uid="serving.content_deleted")
def content_saved_or_deleted(sender, **kwargs):
    if _is_content(sender):
        content_changed()


@receiver(m2m_changed, dispatch_uid="serving.content_relations_changed")
def content_relations_changed(sender, action, **kwargs):
    # `sender` is the through model: Byline, ArticleActor, ArticleCountry, or an auto-created one.
    if action in M2M_WRITES and _is_content(sender):
        content_changed()


@receiver(post_migrate, dispatch_uid="serving.schema_migrated")
def schema_migrated(sender, **kwargs):
    # A deployment (which migrates) may change templates too: start afresh.
    content_version_bump()


@receiver(reconnected, dispatch_uid="serving.cache_reconnected")
def cache_reconnected(sender, cache, **kwargs):
    # Any process that saw the outage does this, not only the one whose bump was lost: that one may be gone.
    if cache is caches["default"]:
        content_version_forget()
