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

from articles.listings import Listing, listing_for
from articles.models import Article

from .charts import MonthCount, months_back
from .listings import ACTORS, COUNTRIES
from .models import Actor, ArticleActor, ArticleCountry, Country

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


def articles_about(*, tag: Actor | Country) -> QuerySet[Article]:
    """Published articles tagged with this actor or country."""
    return listing_for(tag).articles(Article.objects.published(), tag)


def _neighbours(
    *,
    listing: Listing,
    through: type[ArticleActor] | type[ArticleCountry],
    tag: Actor | Country,
    about: QuerySet,
    limit: int,
) -> list[Neighbour]:
    """The actors (or countries) most often in the stories `about`; `tag` is no neighbour of its own."""
    items = through.objects.all()
    if isinstance(tag, listing.model):
        items = items.exclude(tag=tag)
    rows = (
        items.filter(content_object__in=about.values("pk"))
        .values("tag__name", "tag__slug")
        .annotate(shared=Count("content_object", distinct=True))
        .order_by("-shared", "tag__name")[:limit]
    )
    return [
        Neighbour(
            name=row["tag__name"], url=reverse(listing.url_name, kwargs={"slug": row["tag__slug"]}), count=row["shared"]
        )
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
    return Dossier(
        story_count=sum(counts.values()),
        months=months,
        actors=_neighbours(listing=ACTORS, through=ArticleActor, tag=tag, about=about, limit=related_limit),
        countries=_neighbours(listing=COUNTRIES, through=ArticleCountry, tag=tag, about=about, limit=related_limit),
        latest=list(
            about.select_related(None)
            .only("headline", "slug", "published_at")
            .order_by("-published_at", "-id")[:latest_limit]
        ),
    )


def _with_story_counts(model: type[Actor] | type[Country]) -> QuerySet:
    published = Article.objects.published().values("pk")
    return (
        model.objects.annotate(
            story_count=Count("article_items", filter=Q(article_items__content_object__in=published))
        )
        .filter(story_count__gt=0)
        .order_by("-story_count", "name")
    )


def countries_with_counts() -> list[Country]:
    """Countries with at least one published story, most covered first, each with `story_count`."""
    return list(_with_story_counts(Country))


def actors_with_counts() -> QuerySet[Actor]:
    """Actors with at least one published story, most covered first, each with `story_count`."""
    return _with_story_counts(Actor)
