"""Read logic for entity dossiers: what Newsroom's stories add up to about one actor or country.

Each dossier is built in four queries however many stories there are: the monthly counts (which
also give the total), the actors and the countries that share stories with the entity, and the
latest headlines.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from .charts import MonthCount, months_back
from .models import Actor, Article, ArticleActor, ArticleCountry, Country

CHART_MONTHS = 24
RELATED_LIMIT = 8
LATEST_LIMIT = 5


@dataclass(frozen=True)
class Neighbour:
    """An actor or country that appears in the same stories, with how many stories they share."""

    name: str
    url: str
    count: int


@dataclass
class Dossier:
    story_count: int = 0
    months: list[MonthCount] = field(default_factory=list)
    actors: list[Neighbour] = field(default_factory=list)
    countries: list[Neighbour] = field(default_factory=list)
    latest: list[Article] = field(default_factory=list)

    @property
    def chart_story_count(self) -> int:
        return sum(month.count for month in self.months)


def _tag_items(tag: Actor | Country) -> str:
    return "actor_items" if isinstance(tag, Actor) else "country_items"


def articles_about(*, tag: Actor | Country) -> QuerySet[Article]:
    """Published articles tagged with this actor or country."""
    return Article.objects.published().filter(**{f"{_tag_items(tag)}__tag": tag})


def _neighbours(*, items: QuerySet, about: QuerySet, url_name: str, limit: int) -> list[Neighbour]:
    rows = (
        items.filter(content_object__in=about.values("pk"))
        .values("tag__name", "tag__slug")
        .annotate(shared=Count("content_object", distinct=True))
        .order_by("-shared", "tag__name")[:limit]
    )
    return [
        Neighbour(name=row["tag__name"], url=reverse(url_name, kwargs={"slug": row["tag__slug"]}), count=row["shared"])
        for row in rows
    ]


def dossier_build(
    *,
    tag: Actor | Country,
    today: date | None = None,
    related_limit: int = RELATED_LIMIT,
    latest_limit: int = LATEST_LIMIT,
) -> Dossier:
    """The dossier of an actor or country: story count, stories per month over two years, who and
    where else appears in those stories (most shared first), and the latest headlines."""
    today = today or timezone.localdate()
    about = articles_about(tag=tag)
    per_month = about.annotate(month=TruncMonth("published_at")).values("month").annotate(n=Count("pk")).order_by()
    counts = {timezone.localtime(row["month"]).date(): row["n"] for row in per_month}
    months = [MonthCount(month=m, count=counts.get(m, 0)) for m in months_back(today=today, months=CHART_MONTHS)]
    actors = ArticleActor.objects.all()
    countries = ArticleCountry.objects.all()
    if isinstance(tag, Actor):
        actors = actors.exclude(tag=tag)
    else:
        countries = countries.exclude(tag=tag)
    return Dossier(
        story_count=sum(counts.values()),
        months=months,
        actors=_neighbours(items=actors, about=about, url_name="articles:actor", limit=related_limit),
        countries=_neighbours(items=countries, about=about, url_name="articles:country", limit=related_limit),
        latest=list(
            about.select_related(None)
            .only("headline", "slug", "published_at")
            .order_by("-published_at", "-id")[:latest_limit]
        ),
    )


def countries_with_counts() -> list[Country]:
    """Countries with at least one published story, most covered first, each with `story_count`."""
    published = Article.objects.published().values("pk")
    return list(
        Country.objects.annotate(
            story_count=Count("article_items", filter=Q(article_items__content_object__in=published))
        )
        .filter(story_count__gt=0)
        .order_by("-story_count", "name")
    )


def actors_with_counts() -> QuerySet[Actor]:
    """Actors with at least one published story, most covered first, each with `story_count`."""
    published = Article.objects.published().values("pk")
    return (
        Actor.objects.annotate(
            story_count=Count("article_items", filter=Q(article_items__content_object__in=published))
        )
        .filter(story_count__gt=0)
        .order_by("-story_count", "name")
    )
