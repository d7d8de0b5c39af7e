"""Read logic for articles, shared by the public views, feeds and the API."""

from collections.abc import Sequence
from datetime import datetime

from django.db.models import Count, F, Min, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from authors.models import Author

from .models import Actor, Article, ArticleActor, ArticleCountry, Byline, Country, Section

RELATED_ARTICLES_LIMIT = 5


def bylines_prefetch() -> Prefetch:
    return Prefetch("bylines", queryset=Byline.objects.select_related("author").order_by("position", "id"))


def articles_published(*, with_tags: bool = False) -> QuerySet[Article]:
    """Published articles, newest first, with what a card shows already fetched."""
    queryset = (
        Article.objects.published()
        .select_related("section")
        .prefetch_related(bylines_prefetch())
        .order_by("-published_at", "-id")
    )
    if with_tags:
        queryset = queryset.prefetch_related("actors", "countries")
    return queryset


def article_for_reader(*, slug: str, include_unpublished: bool = False) -> Article:
    """The article at `slug` with its bylines and tags; unpublished ones only when asked (staff preview)."""
    queryset = Article.objects.all() if include_unpublished else Article.objects.published()
    return queryset.select_related("section").prefetch_related(bylines_prefetch(), "actors", "countries").get(slug=slug)


def article_related(*, article: Article, limit: int = RELATED_ARTICLES_LIMIT) -> list[Article]:
    """Other published articles sharing the most actors and countries, newer first among equals."""
    actor_ids = [actor.pk for actor in article.actors.all()]
    country_ids = [country.pk for country in article.countries.all()]
    if not actor_ids and not country_ids:
        return []
    shared_actors = (
        ArticleActor.objects.filter(tag_id__in=actor_ids).values("content_object_id").annotate(shared=Count("id"))
    )
    shared_countries = (
        ArticleCountry.objects.filter(tag_id__in=country_ids).values("content_object_id").annotate(shared=Count("id"))
    )
    scores: dict[int, int] = {}
    for row in list(shared_actors) + list(shared_countries):
        scores[row["content_object_id"]] = scores.get(row["content_object_id"], 0) + row["shared"]
    scores.pop(article.pk, None)
    if not scores:
        return []
    candidates = list(Article.objects.published().filter(pk__in=list(scores)).values_list("id", "published_at"))
    candidates.sort(key=lambda row: (scores[row[0]], row[1], row[0]), reverse=True)
    chosen = [pk for pk, _ in candidates[:limit]]
    by_id = {related.pk: related for related in articles_published().filter(pk__in=chosen)}
    return [by_id[pk] for pk in chosen if pk in by_id]


def sections_with_latest(
    *, per_section: int = 4, exclude: Sequence[int] = (), with_bylines: bool = True
) -> list[tuple[Section, list[Article]]]:
    """Each section that has published stories, with its latest few, in navigation order.

    `exclude` leaves out stories already shown higher on the page; without `with_bylines` the
    caller fetches bylines itself, together with the rest of its page.
    """
    ranked = articles_published().exclude(pk__in=exclude)
    if not with_bylines:
        ranked = ranked.prefetch_related(None)
    ranked = ranked.annotate(
        rank=Window(RowNumber(), partition_by=[F("section_id")], order_by=[F("published_at").desc(), F("id").desc()])
    )
    blocks: dict[int, tuple[Section, list[Article]]] = {}
    for article in ranked.filter(rank__lte=per_section):
        blocks.setdefault(article.section_id, (article.section, []))[1].append(article)
    return sorted(blocks.values(), key=lambda block: (block[0].position, block[0].name))


def next_scheduled_publication() -> datetime | None:
    """When the next scheduled story goes live, if any (the page cache expires its pages then)."""
    return Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now()).aggregate(
        soonest=Min("published_at")
    )["soonest"]


def sections_for_navigation() -> list[Section]:
    return list(Section.objects.only("name", "slug", "position"))


def authors_with_published_articles() -> QuerySet[Author]:
    """Authors credited on at least one published story (others have nothing public yet)."""
    credited = Byline.objects.filter(article__in=Article.objects.published()).values("author_id")
    return Author.objects.filter(pk__in=credited)


def tags_with_published_articles(*, model: type[Actor] | type[Country]) -> QuerySet:
    """Actors or countries that at least one published story is about."""
    through = model._meta.get_field("article_items").related_model
    tagged = through.objects.filter(content_object__in=Article.objects.published()).values("tag_id")
    return model.objects.filter(pk__in=tagged)
