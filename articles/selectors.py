"""Read logic for articles, shared by the public views, feeds and the API."""

from collections.abc import Sequence
from datetime import datetime

from django.db import connection
from django.db.models import Count, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from images.fields import picture_ready
from serving.content_version import versioned_get_or_compute
from serving.dependencies import LIST_NAV

from .extensions import with_extensions
from .listings import listing_get
from .models import Article, Byline, Section

RELATED_ARTICLES_LIMIT = 5
RELATED_CANDIDATES_PER_TAG = 10  # on each side of the article, per tag
ARTICLE_TAGS = ("actors", "countries")


def bylines_prefetch() -> Prefetch:
    return Prefetch("bylines", queryset=Byline.objects.select_related("author").order_by("position", "id"))


def articles_published(*, with_tags: bool = False) -> QuerySet[Article]:
    """Published articles, newest first, with what a card shows already fetched."""
    queryset = (
        with_extensions(Article.objects.published())
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
    return (
        with_extensions(queryset)
        .select_related("section")
        .prefetch_related(bylines_prefetch(), "actors", "countries", "corrections")
        .get(slug=slug)
    )


def ids_union(querysets: Sequence[QuerySet], *, column: str = "id") -> RawSQL:
    """One subquery selecting `column` from each sliced queryset in turn (UNION ALL).

    Each part stays a short index scan with its own LIMIT, however big the archive. (Django cannot
    put a LIMIT inside a UNION on SQLite, and OR-ed `IN (subquery)` conditions make PostgreSQL scan
    the whole table.)
    """
    name = connection.ops.quote_name(column)
    parts, params = [], []
    for index, queryset in enumerate(querysets):
        # Django compiles each part; its parameters stay parameters.
        sql, part_params = queryset.values(column).query.sql_with_params()
        parts.append(f"SELECT {name} FROM ({sql}) AS part_{index}")  # noqa: S608
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611


def _shared_tag_count(through, tag_ids: list[int]):
    if not tag_ids:
        return Value(0)
    matches = (
        through.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        .order_by()
        .values("content_object")
        .annotate(shared=Count("*"))
        .values("shared")
    )
    return Coalesce(Subquery(matches), 0)


def article_related(*, article: Article, limit: int = RELATED_ARTICLES_LIMIT) -> list[Article]:
    """Other published articles sharing the most actors and countries, newer first among equals.

    Candidates are, for each of the article's tags, the stories tagged just before and just after it,
    so the stories of the same moment come first and the query stays a few short index scans however
    many thousand stories a popular tag (a big country, a president) has.
    """
    # Each kind of tag the story carries (actors, countries): its through model and the story's tags.
    tags = [
        # (A live preview's tags not yet saved have no pk, and no stories either.)
        (Article._meta.get_field(name).through, [tag.pk for tag in getattr(article, name).all() if tag.pk])
        for name in ARTICLE_TAGS
    ]
    if not any(tag_ids for _through, tag_ids in tags):
        return []
    nearby = []
    for through, tag_ids in tags:
        for tag_id in tag_ids:
            tagged = through.objects.filter(tag_id=tag_id)
            before = tagged.filter(content_object_id__lt=article.pk).order_by("-content_object_id")
            after = tagged.filter(content_object_id__gt=article.pk).order_by("content_object_id")
            nearby += [before[:RELATED_CANDIDATES_PER_TAG], after[:RELATED_CANDIDATES_PER_TAG]]
    shared = sum((_shared_tag_count(through, tag_ids) for through, tag_ids in tags), Value(0))
    candidates = articles_published().filter(pk__in=ids_union(nearby, column="content_object_id"))
    return list(candidates.annotate(shared=shared).order_by("-shared", "-published_at", "-id")[:limit])


def with_picture(queryset: QuerySet[Article]) -> QuerySet[Article]:
    """The stories of `queryset` that have a lead picture pages can show (its renditions made)."""
    return queryset.exclude(lead_image="").filter(lead_image_pending=False)


def sections_with_latest(
    *, per_section: int = 4, exclude: Sequence[int] = (), with_bylines: bool = True, picture_first: bool = False
) -> list[tuple[Section, list[Article]]]:
    """Each section that has published stories, with its latest few, in navigation order.

    `exclude` leaves out stories already shown higher on the page; without `with_bylines` the
    caller fetches bylines itself, together with the rest of its page. With `picture_first`, each
    section's newest story with a picture comes first, even if it is older than the others shown.
    Two queries (sections, then one short index scan per section in a single statement) however big
    the archive.
    """
    sections = list(Section.objects.all())
    if not sections:
        return []
    latest = Article.objects.published().exclude(pk__in=exclude).order_by("-published_at", "-id")
    parts = []
    for section in sections:
        parts.append(latest.filter(section=section)[:per_section])
        if picture_first:
            parts.append(with_picture(latest.filter(section=section))[:1])
    articles = articles_published().filter(pk__in=ids_union(parts))
    if not with_bylines:
        articles = articles.prefetch_related(None)
    blocks = {section.pk: (section, []) for section in sections}
    for article in articles:
        blocks[article.section_id][1].append(article)
    if picture_first:
        for _section, stories in blocks.values():
            pictured = next((story for story in stories if picture_ready(story.lead_image)), None)
            if pictured is not None:
                stories.remove(pictured)
                stories.insert(0, pictured)
            del stories[per_section:]
    return [block for block in blocks.values() if block[1]]


def next_scheduled_publication() -> datetime | None:
    """When the next scheduled story goes live or embargo lifts, if any (the page cache expires its pages then)."""
    now = timezone.now()
    ahead = Article.objects.filter(status=Article.Status.PUBLISHED).filter(
        Q(published_at__gt=now) | Q(published_at__lte=now, embargo_until__gt=now)
    )
    found = ahead.aggregate(
        scheduled=Min("published_at", filter=Q(published_at__gt=now)),
        lifting=Min("embargo_until", filter=Q(published_at__lte=now, embargo_until__gt=now)),
    )
    return min((moment for moment in found.values() if moment is not None), default=None)


def sections_for_navigation() -> list[Section]:
    """The sections readers may see (those with published stories), in navigation order.

    Every page shows them and they change only with `list:nav` or a section's edit, so a page being
    made reads them from the cache (serving/content_version.py) rather than querying each time.
    """
    return versioned_get_or_compute(
        "navigation",
        lambda: list(listing_get("section").public().only("name", "slug", "position")),
        lists=(LIST_NAV,),
    )


def article_page_context(*, article: Article) -> dict:
    """What the story page shows besides the story itself (also used by the editor's live preview)."""
    corrections = list(article.corrections.all())
    return {
        "article": article,
        "is_preview": not article.is_public,
        "related_articles": article_related(article=article),
        "corrections": corrections,
        "updated_at": max((c.created_at for c in corrections), default=None),
    }


def sections_with_counts() -> QuerySet[Section]:
    """The sections with published stories, in navigation order, each with `story_count`."""
    published = Article.objects.published()
    return (
        Section.objects.annotate(story_count=Count("articles", filter=Q(articles__in=published.values("pk"))))
        .filter(story_count__gt=0)
        .order_by("position", "name")
    )
