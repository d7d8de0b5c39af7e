"""Renditions made in the background, on the task queue (`manage.py db_worker`), not in the editor's request.

The task takes the row's model, id, field and the picture's name, never objects: a retry reads the
database afresh, and a picture replaced meanwhile is left alone (its own task makes the new one's).
A failure (storage unreachable, say) is retried after 30 s, 1 min, 2 min, 4 min. Each failed try is
itself left failed, with its error, in the admin's list of tasks ("Django Tasks DB"): the retry is a
new task, queued before the failure is raised, so staff see a picture that needed several tries, not
only one that never got its renditions.
"""

import logging

from django.apps import apps
from django_tasks import task

from newsroom.tasks import retry_later

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


@task()
def renditions_make(*, model: str, pk: int, field: str, name: str, attempt: int = 1) -> int:
    """Write the renditions of the picture `name` in `model` row `pk`'s `field`; how many were written."""
    from .fields import pending_clear
    from .renditions import renditions_generate

    row = apps.get_model(model)._default_manager.filter(pk=pk).first()
    if row is None:
        return 0  # deleted meanwhile: its pictures went with it
    field_file = getattr(row, field)
    if field_file.name != name:
        return 0  # replaced meanwhile
    try:
        written = len(renditions_generate(field_file=field_file))
    except Exception:
        if renditions_make.get_backend().supports_defer and retry_later(
            renditions_make, attempt=attempt, max_attempts=MAX_ATTEMPTS, model=model, pk=pk, field=field, name=name
        ):
            logger.warning("Renditions of %s %s failed (attempt %s); retrying later", model, pk, attempt)
        raise
    # Now pages may show the picture (until now they left it out rather than show a broken image).
    pending_clear(instance=row, field=field_file.field, name=name)
    return written
