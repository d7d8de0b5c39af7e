"""Read logic for the editors' desk on the admin home: what needs an editor's attention now."""

from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, LogEntry
from django.db.models import BigIntegerField, Q, QuerySet
from django.db.models.functions import Cast

from articles.models import Article

DESK_LIMIT = 8


@dataclass
class Desk:
    drafts: list[Article] = field(default_factory=list)
    review: list[Article] = field(default_factory=list)
    scheduled: list[Article] = field(default_factory=list)
    published: list[Article] = field(default_factory=list)


def _rows(queryset: QuerySet[Article], *order: str, limit: int) -> list[Article]:
    return list(
        queryset.select_related("section")
        .only("headline", "status", "published_at", "updated_at", "section__name")
        .order_by(*order)[:limit]
    )


def desk_build(*, user, limit: int = DESK_LIMIT) -> Desk:
    """The signed-in user's drafts (bylined to them, or which they created), stories awaiting review,
    scheduled stories in the order they will appear, and the latest published. Four queries."""
    created_by_user = (
        LogEntry.objects.filter(
            user=user,
            action_flag=ADDITION,
            content_type__app_label=Article._meta.app_label,
            content_type__model=Article._meta.model_name,
        )
        .annotate(article_id=Cast("object_id", BigIntegerField()))
        .values("article_id")
    )
    mine = Article.objects.filter(Q(bylines__author__user=user) | Q(pk__in=created_by_user)).distinct()
    return Desk(
        drafts=_rows(mine.filter(status=Article.Status.DRAFT), "-updated_at", limit=limit),
        review=_rows(Article.objects.filter(status=Article.Status.REVIEW), "updated_at", limit=limit),
        scheduled=_rows(
            Article.objects.scheduled(),
            "published_at",
            limit=limit,
        ),
        published=_rows(Article.objects.published(), "-published_at", limit=limit),
    )
