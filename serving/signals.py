"""Every write to content readers can see starts a new content version, whatever makes it.

Each database connection watches the statements it runs (Django's execute wrappers): one that
inserts, updates or deletes rows of a table of the apps in settings.PAGE_CACHE_APPS calls
`content_changed()`. So a save, a bulk_create, a QuerySet.update and raw SQL are all covered,
and no service has to remember to say that it wrote; a new content model is covered by adding
its app there. Migrations are left alone: the version starts afresh once they have run.

When the cache answers again after an outage, the version is forgotten: a change saved meanwhile
could not bump it, so no page cached before the outage may be served (serving/cache.py).
"""

import re
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.dispatch import receiver

from .cache import reconnected
from .content_version import content_changed, content_version_bump, content_version_forget

# The table a statement writes: INSERT [OR IGNORE] INTO t, UPDATE t, DELETE FROM t; TRUNCATE t1, t2.
WRITE = re.compile(r'\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)', re.IGNORECASE)
TRUNCATE = re.compile(r"\s*TRUNCATE\b", re.IGNORECASE)
_migrating = False


@cache
def content_tables() -> frozenset[str]:
    """The tables of the content apps' models, their many-to-many tables included."""
    return frozenset(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in settings.PAGE_CACHE_APPS
    )


def writes_content(sql: str) -> bool:
    if match := WRITE.match(sql):
        return match.group(1) in content_tables()
    if TRUNCATE.match(sql):
        return any(table in content_tables() for table in re.findall(r"\w+", sql))
    return False


def content_write_watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not _migrating and writes_content(sql):
        content_changed(using=context["connection"].alias)
    return result


@receiver(connection_created, dispatch_uid="serving.content_writes_watched")
def content_writes_watched(sender, connection, **kwargs):
    # A connection is created again after it was closed: it is watched once.
    if content_write_watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(content_write_watch)


@receiver(pre_migrate, dispatch_uid="serving.schema_migrating")
def schema_migrating(sender, **kwargs):
    global _migrating
    _migrating = True  # the tables may not all exist yet, and nothing is served from them


@receiver(post_migrate, dispatch_uid="serving.schema_migrated")
def schema_migrated(sender, **kwargs):
    global _migrating
    _migrating = False
    # A deployment (which migrates) may change templates too: start afresh.
    content_version_bump()


@receiver(reconnected, dispatch_uid="serving.cache_reconnected")
def cache_reconnected(sender, cache, **kwargs):
    # Any process that saw the outage does this, not only the one whose bump was lost: that one may be gone.
    if cache is caches["default"]:
        content_version_forget()
