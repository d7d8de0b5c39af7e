"""Write logic for curated fronts."""

from django.db import transaction
from django.db.models import QuerySet

from articles.models import Article, Section
from serving.content_version import content_changed

from .models import Pin


def pins_add(*, articles: QuerySet[Article], section: Section | None = None) -> int:
    """Pin stories to the front page (or a section front) after the pins already there, in their
    newest-first order; stories already pinned there are left where they are. Returns how many were pinned."""
    with transaction.atomic():
        # Lock the place's pins so two editors pinning at once do not take the same positions.
        pinned = list(
            Pin.objects.select_for_update().filter(section=section).order_by().values_list("article_id", "position")
        )
        already = {article_id for article_id, _ in pinned}
        last = max((position for _, position in pinned), default=0)
        new = [
            Pin(article=article, section=section, position=last + offset)
            for offset, article in enumerate(
                (a for a in articles.order_by("-published_at", "-id") if a.pk not in already), start=1
            )
        ]
        Pin.objects.bulk_create(new)
        if new:
            # bulk_create sends no signals: tell the page cache the fronts changed.
            content_changed()
    return len(new)
