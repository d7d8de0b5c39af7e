"""Which keys a write purges (serving/dependencies.py says what the keys mean).

- A story: its own key when only what it shows changed (a dek, a headline, a picture); also the
  lists it leaves and joins (front, archive, its section, authors, actors and countries, and the
  navigation when its section's first story comes or its last goes) when its publication, its time
  or its section changed. A draft's save purges nothing: no public page shows a draft. A scheduled
  story starts a new version, so pages end at its time (serving/content_version.py).
- A row linking a story to something (a byline, a tag, a correction): the story and the lists of
  what it links it to, plus the archive (its filters), unless the story is a draft.
- A section, author, actor or country: every page showing it, and its own list.
- Anything else in settings.PAGE_CACHE_APPS, and the models in PAGE_CACHE_TIMED_MODELS (a pin may
  expire by itself): a new version, every page. `None` below means that.

Nothing here imports the apps it describes: models are named in settings and read through `_meta`.
"""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from .dependencies import LIST_ARCHIVE, LIST_FRONT, LIST_NAV, list_key, row_key

PUBLISHED = "published"
_OLD = "_page_cache_old"


def _story_model() -> type[models.Model]:
    return apps.get_model(settings.PAGE_CACHE_STORY_MODEL)


def _group_models() -> set[type[models.Model]]:
    return {apps.get_model(label) for label in settings.PAGE_CACHE_GROUP_MODELS}


def _membership(story) -> tuple:
    """What decides which lists a story is in, and where."""
    return (story.status, story.published_at, story.section_id)


def story_remember(instance) -> None:
    """Before a story is saved: what it was, to tell a dek's edit from a publication (one query)."""
    old = None
    if instance.pk is not None:
        old = type(instance)._base_manager.filter(pk=instance.pk).values_list("status", "published_at", "section_id")
        old = old.first()
    setattr(instance, _OLD, old)


def story_lists(story, *, section_ids) -> set[str]:
    """The lists a story is in: the front, the archive, its section(s), its authors, actors and countries."""
    keys = {LIST_FRONT, LIST_ARCHIVE}
    section = story._meta.get_field("section").related_model._meta.model_name
    keys |= {list_key(section, pk) for pk in section_ids if pk is not None}
    for field in story._meta.get_fields():
        if field.many_to_many and field.related_model in _group_models():
            ids = getattr(story, field.name).values_list("pk", flat=True)
            keys |= {list_key(field.related_model._meta.model_name, pk) for pk in ids}
    return keys


def _navigation_may_change(*, old, new) -> bool:
    """A section whose first story just came or last story just went: the navigation lists it or stops."""
    published = _story_model().objects.published()
    joined = new[2] if new[0] == PUBLISHED else None
    left = old[2] if old is not None and old[0] == PUBLISHED and old[2] != joined else None
    if joined is not None and published.filter(section_id=joined)[:2].count() <= 1:
        return True
    return left is not None and not published.filter(section_id=left).exists()


def story_saved_keys(story) -> set[str] | None:
    old = getattr(story, _OLD, None)
    new = _membership(story)
    states = [state for state in (old, new) if state is not None]
    if not any(status == PUBLISHED for status, _at, _section in states):
        return set()  # a draft before and after: nothing public shows it
    now = timezone.now()
    if any(status == PUBLISHED and at is not None and at > now for status, at, _section in states):
        return None  # scheduled, or was: the next timed change moves, pages must end then
    keys = {row_key(story._meta.model_name, story.pk)}
    if old == new:
        return keys
    sections = {section for _status, _at, section in states}
    keys |= story_lists(story, section_ids=sections)
    if _navigation_may_change(old=old, new=new):
        keys.add(LIST_NAV)
    return keys


def story_deleted_keys(story) -> set[str] | None:
    return set() if story.status != PUBLISHED else None


def link_keys(instance, *, story_field: models.ForeignKey) -> set[str]:
    """A row linking a story to a group (a byline, a tag) or adding to it (a correction)."""
    story_id = getattr(instance, story_field.attname)
    if not _story_model()._base_manager.filter(pk=story_id, status=PUBLISHED).exists():
        return set()
    keys = {row_key(story_field.related_model._meta.model_name, story_id), LIST_ARCHIVE}
    for field in instance._meta.concrete_fields:
        if field.is_relation and field is not story_field and field.related_model in _group_models():
            value = getattr(instance, field.attname)
            if value is not None:
                keys.add(list_key(field.related_model._meta.model_name, value))
    return keys


def _story_field(model) -> models.ForeignKey | None:
    story = _story_model()
    for field in model._meta.concrete_fields:
        if field.many_to_one and field.related_model is story:
            return field
    return None


def row_keys(instance, *, deleted: bool) -> set[str] | None:
    """The keys a save (or delete) of `instance`, a row of a content app, purges; None: every page."""
    model = type(instance)
    label = model._meta.label_lower
    if label in settings.PAGE_CACHE_TIMED_MODELS:
        return None
    if model is _story_model():
        return story_deleted_keys(instance) if deleted else story_saved_keys(instance)
    if model in _group_models():
        name = model._meta.model_name
        return {row_key(name, instance.pk), list_key(name, instance.pk)}
    story_field = _story_field(model)
    if story_field is not None:
        return link_keys(instance, story_field=story_field)
    return None


def relation_keys(*, instance, model, pk_set, reverse: bool) -> set[str] | None:
    """Links added or removed through a many-to-many manager (`story.actors.add(...)`)."""
    if pk_set is None:
        return None
    story = _story_model()
    if isinstance(instance, story):
        if instance.status != PUBLISHED:
            return set()
        stories, groups = [instance.pk], [(model, pk) for pk in pk_set]
    elif model is story:
        stories = list(story._base_manager.filter(pk__in=pk_set, status=PUBLISHED).values_list("pk", flat=True))
        if not stories:
            return set()
        groups = [(type(instance), instance.pk)]
    else:
        return None
    keys = {row_key(story._meta.model_name, pk) for pk in stories} | {LIST_ARCHIVE}
    keys |= {list_key(group._meta.model_name, pk) for group, pk in groups if group in _group_models()}
    return keys


def story_edited_in_place(instance) -> bool:
    """A story saved public and listed where it was: only what it shows changed (a dek, a headline).

    Shared caches may show the old page while they fetch the new one (serving/edge.py). A story that
    readers may not see now (unpublished, scheduled, under embargo) never qualifies.
    """
    if type(instance) is not _story_model():
        return False
    old = getattr(instance, _OLD, None)
    return old is not None and old == _membership(instance) and instance.is_public
