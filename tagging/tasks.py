"""Tagging big imports in the background, on the task queue (`manage.py db_worker`).

An import of many stories queues their tagging in chunks instead of running the tagger inside the
editor's request or the operator's command: the import returns at once and tags follow within
moments. Each chunk is a task of its own, retried after 30 s, 1 min, 2 min and 4 min if it fails
(every failed try is left failed in the admin's list of tasks, with its error).
"""

import logging

from django_tasks import task

from newsroom.tasks import retry_later

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


# Before other queued work: an alert for an imported story names followers by its tags at send time.
TAGGING_PRIORITY = 10


@task(priority=TAGGING_PRIORITY)
def articles_tag_chunk(*, article_ids: list[int], attempt: int = 1) -> int:
    """Tag the articles `article_ids` as the importer would have; how many gained tags.

    It takes ids, not objects: a story deleted meanwhile is skipped, and one edited meanwhile is read
    as it is now (the tagger only adds tags, and never one an editor removed).
    """
    from articles.models import Article

    from .services.tagging import articles_tag

    try:
        # Not `touch`: as if tagged during the import, so partners hear of no update (see articles_tag).
        return articles_tag(articles=Article.objects.filter(pk__in=article_ids), touch=False).articles_changed
    except Exception:
        if articles_tag_chunk.get_backend().supports_defer and retry_later(
            articles_tag_chunk, attempt=attempt, max_attempts=MAX_ATTEMPTS, article_ids=article_ids
        ):
            logger.warning("Tagging %s imported stories failed (attempt %s); retrying later", len(article_ids), attempt)
        raise
