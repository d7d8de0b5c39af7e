"""Write logic for curated fronts."""

from django.db import transaction
from django.db.models import Max, QuerySet

from articles.models import Article, Section

from .models import Pin


def pins_add(*, articles: QuerySet[Article], section: Section | None = None) -> int:
    """Pin stories to the front page (or a section front) after the pins already there, in their
    newest-first order; stories already pinned there are left where they are. Returns how many were pinned."""
    with transaction.atomic():
        place = Pin.objects.select_for_update().filter(section=section)
        already = set(place.values_list("article_id", flat=True))
        last = place.aggregate(last=Max("position"))["last"] or 0
        new = [
            Pin(article=article, section=section, position=last + offset)
            for offset, article in enumerate(
                (a for a in articles.order_by("-published_at", "-id") if a.pk not in already), start=1
            )
        ]
        Pin.objects.bulk_create(new)
    return len(new)
