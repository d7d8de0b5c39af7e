"""Retrying background tasks (Django's Tasks API), for every app that queues work."""

from datetime import timedelta

from django.utils import timezone

RETRY_BASE_SECONDS = 30


def retry_later(task_, *, attempt: int, max_attempts: int, **kwargs) -> bool:
    """Re-enqueue a failed task after 30 s, 60 s, 120 s...; False once `max_attempts` is reached.

    The retry is a new task: the caller raises afterwards, so each failed try stays failed, with its
    error, in the admin's list of tasks. A backend that cannot defer (the immediate one) retries nothing.
    """
    if attempt >= max_attempts:
        return False
    delay = timedelta(seconds=RETRY_BASE_SECONDS * 2 ** (attempt - 1))
    if task_.get_backend().supports_defer:
        task_.using(run_after=timezone.now() + delay).enqueue(attempt=attempt + 1, **kwargs)
    return True
