"""Read logic for the editors' desk on the admin home: what needs an editor's attention now."""

from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, LogEntry
from django.db.models import BigIntegerField, Count, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from articles.models import Article, Byline

from .roles import User, user_can_publish

DESK_LIMIT = 8


@dataclass
class DeskList:
    """One list of the desk: its first rows, how many there are in all, and the filter that shows them all."""

    key: str
    title: str
    articles: list[Article]
    count: int
    see_all: str  # the change list's query string
    time_label: str
    time_field: str
    empty: str


@dataclass
class Desk:
    lists: list[DeskList] = field(default_factory=list)


def articles_of_user(*, user: User) -> Q:
    """Stories that are the user's: created by them (in the admin or by import) or bylined to them."""
    created_in_admin = (
        LogEntry.objects.filter(
            user=user,
            action_flag=ADDITION,
            content_type__app_label=Article._meta.app_label,
            content_type__model=Article._meta.model_name,
        )
        .annotate(article_id=Cast("object_id", BigIntegerField()))
        .values("article_id")
    )
    bylined = Byline.objects.filter(author__user=user).values("article_id")
    return Q(created_by=user) | Q(pk__in=bylined) | Q(pk__in=created_in_admin)


def _rows(queryset: QuerySet[Article], *order: str, limit: int) -> list[Article]:
    return list(
        queryset.select_related("section")
        .only("headline", "status", "published_at", "updated_at", "section__name")
        .order_by(*order)[:limit]
    )


def desk_build(*, user: User, limit: int = DESK_LIMIT) -> Desk:
    """The desk for `user`: their drafts, the team's drafts (for those who may publish), stories
    awaiting review, scheduled stories in the order they will appear, and the latest published;
    each with its count. One query for the counts and one for each list."""
    now = timezone.now()
    mine = articles_of_user(user=user)
    draft = Q(status=Article.Status.DRAFT)
    scheduled = Q(status=Article.Status.PUBLISHED, published_at__gt=now)
    published = Q(status=Article.Status.PUBLISHED, published_at__lte=now)
    review = Q(status=Article.Status.REVIEW)
    wanted = {"mine": draft & mine, "review": review, "scheduled": scheduled, "published": published}
    if user_can_publish(user=user):
        wanted["team"] = draft & ~mine
    counts = Article.objects.aggregate(**{key: Count("pk", filter=condition) for key, condition in wanted.items()})
    articles = Article.objects.all()
    specs = [
        ("mine", "My drafts", "-updated_at", "desk=mine&status__exact=draft", "Last edited", "updated",
         "You have no drafts. Stories you write, import or are bylined on appear here while they are drafts."),
        ("team", "Team drafts", "-updated_at", "desk=team", "Last edited", "updated",
         "Nobody else has a draft."),
        ("review", "Awaiting review", "updated_at", "status__exact=review", "Sent", "updated",
         "Nothing is waiting for review."),
        ("scheduled", "Scheduled", "published_at", "desk=scheduled", "Appears", "published",
         "Nothing is scheduled."),
        ("published", "Recently published", "-published_at", "desk=live", "Published", "published",
         "Nothing has been published yet."),
    ]  # fmt: skip
    return Desk(
        lists=[
            DeskList(
                key=key,
                title=title,
                articles=_rows(articles.filter(wanted[key]), order, limit=limit) if counts[key] else [],
                count=counts[key],
                see_all=query,
                time_label=time_label,
                time_field=time_field,
                empty=empty,
            )
            for key, title, order, query, time_label, time_field, empty in specs
            if key in wanted
        ]
    )
