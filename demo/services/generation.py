"""Bulk content for benchmarks and demos: `manage.py generate_content --articles 100000`.

Rows are written with bulk inserts in chunks (a save per row would take hours at this size),
inside one transaction, so an interrupted run leaves nothing behind. The content comes from
`demo.sample_content` and is the same for the same seed and end date.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, transaction

from articles.models import Article, Byline, Section
from articles.slugs import slug_base, slug_free
from authors.models import Author
from images.renditions import renditions_generate
from serving.content_version import content_changed
from tagging.models import Actor, ArticleActor, ArticleCountry, Country
from tagging.services.countries import countries_all

from ..sample_content import SECTIONS, ArticlePlanner, actor_rows, person_names, words
from .pictures import picture_draw

YEARS = 10
SCHEDULED_ARTICLES = 5
CHUNK_SIZE = 2000
# Countries that make the news most often come first: the planner picks early ones more often.
NEWSWORTHY_CODES = words(
    "US CN UA RU GB FR DE IN IL PS IR JP BR TR SY LY EG SA ZA NG MX KR PK AF IQ YE SD ET KE AU CA IT ES PL "
    "VE AR CO KP TW HK LB JO QA AE MA DZ TN ML NE CD SO ID PH TH MM VN BD LK NZ SE NO FI DK NL BE CH AT GR"
)
# The share of stories with a lead picture, as on a news site's front and section pages.
PICTURE_SHARE = 0.4
PICTURE_SIZE = (1600, 900)
GENERATED_MODELS = [ArticleActor, ArticleCountry, Byline, Article, Actor, Country, Author, Section]


@dataclass(frozen=True)
class GeneratedPicture:
    name: str
    width: int
    height: int
    alt: str


def pictures_generate(*, seed: int, count: int) -> list[GeneratedPicture]:
    """`count` photograph-like pictures stored as lead pictures are, each with its renditions and crops.

    Stories share them (a picture is deleted only with the last story using it): drawing and resizing one
    per story would take hours at 100,000 stories, while pages weigh the same either way.
    """
    field = Article._meta.get_field("lead_image")
    pictures = []
    for index in range(count):
        image, alt = picture_draw(seed=seed * 1000 + index, width=PICTURE_SIZE[0], height=PICTURE_SIZE[1])
        buffer = BytesIO()
        image.save(buffer, format="JPEG", quality=85)
        name = field.storage.save(
            field.generate_filename(None, f"photo-{index + 1}.jpg"), ContentFile(buffer.getvalue())
        )
        renditions_generate(field_file=Article(lead_image=name).lead_image)
        pictures.append(GeneratedPicture(name=name, width=image.width, height=image.height, alt=alt))
    return pictures


@dataclass
class GenerationSummary:
    """What a generation run wrote."""

    pictures: int = 0
    sections: int = 0
    authors: int = 0
    actors: int = 0
    countries: int = 0
    articles: int = 0
    bylines: int = 0
    tags: int = 0
    seconds: float = 0.0


def content_flush() -> None:
    """Delete every article, byline, tag, actor, country, author and section (TRUNCATE on PostgreSQL)."""
    tables = [model._meta.db_table for model in GENERATED_MODELS]
    if connection.in_atomic_block:
        connection.check_constraints()  # PostgreSQL refuses to TRUNCATE with foreign key checks still pending
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    connection.ops.execute_sql_flush(statements)
    content_changed()


def _unique_slugs(names: list[str]) -> list[str]:
    """A slug for each name, in order, none twice (the rows are new: nothing is taken in the database yet)."""
    slugs: list[str] = []
    taken: set[str] = set()
    for name in names:
        slugs.append(slug_free(slug_base(name, max_length=90), taken=taken))
        taken.add(slugs[-1])
    return slugs


def _countries_by_newsworthiness(rng: random.Random) -> list[Country]:
    countries = countries_all()
    rank = {code: index for index, code in enumerate(NEWSWORTHY_CODES)}
    famous = sorted((c for c in countries if c.code in rank), key=lambda c: rank[c.code])
    others = [c for c in countries if c.code not in rank]
    rng.shuffle(others)
    ordered = famous + others
    slugs = _unique_slugs([country.name for country in ordered])
    return [Country(name=c.name, slug=slug, code=c.code) for c, slug in zip(ordered, slugs, strict=True)]


def content_generate(
    *,
    articles: int,
    seed: int = 7,
    until: datetime,
    authors: int = 400,
    actors: int = 3000,
    pictures: int = 0,
    progress: Callable[[int], None] | None = None,
) -> GenerationSummary:
    """Write `articles` articles over the ten years before `until`, with sections, authors, actors and countries.

    Each article has 1–3 bylines, 3–8 tags (1–3 countries, the rest actors) and a body of about
    600 words. About 2.5 % are drafts or in review and the newest few are scheduled after
    `until`. With `pictures`, that many pictures are drawn and about 40 % of stories lead with one.
    Call on a database without articles (see `content_flush`).
    """
    started = time.monotonic()
    rng = random.Random(seed)
    summary = GenerationSummary()
    # Drawn before the transaction: files are not rolled back, and a picture no row uses harms nothing.
    drawn = pictures_generate(seed=seed, count=pictures)
    summary.pictures = len(drawn)
    picture_rng = random.Random(seed + 2)  # its own generator: the text stays the same with or without pictures
    with transaction.atomic():
        sections = Section.objects.bulk_create(
            Section(name=name, slug=slug_base(name), description=description, position=index)
            for index, (name, description) in enumerate(SECTIONS)
        )
        author_names = person_names(rng=rng, count=authors)
        author_rows = Author.objects.bulk_create(
            Author(
                name=name, slug=slug, bio=f"{name.split()[0]} reports for the {sections[i % len(sections)].name} desk."
            )
            for i, (name, slug) in enumerate(zip(author_names, _unique_slugs(author_names), strict=True))
        )
        actor_data = actor_rows(rng=rng, count=actors)
        actor_slugs = _unique_slugs([name for name, _kind in actor_data])
        actor_objects = Actor.objects.bulk_create(
            (
                Actor(name=name, slug=slug, kind=kind)
                for (name, kind), slug in zip(actor_data, actor_slugs, strict=True)
            ),
            batch_size=1000,
        )
        country_objects = Country.objects.bulk_create(_countries_by_newsworthiness(rng))
        summary.sections, summary.authors = len(sections), len(author_rows)
        summary.actors, summary.countries = len(actor_objects), len(country_objects)

        planner = ArticlePlanner(
            seed=seed + 1,
            actor_names=[actor.name for actor in actor_objects],
            country_names=[country.name for country in country_objects],
            author_count=len(author_rows),
            start=until - timedelta(days=365 * YEARS + YEARS // 4),
            end=until,
            total=articles,
        )
        for first in range(0, articles, CHUNK_SIZE):
            indexes = range(first, min(first + CHUNK_SIZE, articles))
            _chunk_write(
                planner=planner,
                indexes=indexes,
                total=articles,
                until=until,
                sections=sections,
                authors=author_rows,
                actors=actor_objects,
                countries=country_objects,
                summary=summary,
                pictures=[
                    picture_rng.choice(drawn) if drawn and picture_rng.random() < PICTURE_SHARE else None
                    for _ in indexes
                ],
            )
            if progress:
                progress(summary.articles)
        content_changed()
    _statistics_refresh()
    summary.seconds = time.monotonic() - started
    return summary


def _chunk_write(
    *,
    planner: ArticlePlanner,
    indexes: range,
    total: int,
    until: datetime,
    sections: list[Section],
    authors: list[Author],
    actors: list[Actor],
    countries: list[Country],
    summary: GenerationSummary,
    pictures: list[GeneratedPicture | None],
) -> None:
    plans = [planner.plan(index) for index in indexes]
    rows = []
    for index, plan, picture in zip(indexes, plans, pictures, strict=True):
        published_at = plan.published_at
        status = plan.status
        if index >= total - SCHEDULED_ARTICLES:
            status, published_at = Article.Status.PUBLISHED, until + timedelta(days=total - index, hours=9)
        elif status != Article.Status.PUBLISHED:
            published_at = None
        rows.append(
            Article(
                headline=plan.headline,
                slug=f"{slug_base(plan.headline, max_length=80)}-{index + 1}",
                section=sections[plan.section_index],
                dek=plan.dek,
                body=plan.body,  # built from fixed, tag-safe text: nothing for nh3 to remove
                status=status,
                published_at=published_at,
                **(
                    {
                        "lead_image": picture.name,
                        "lead_image_width": picture.width,
                        "lead_image_height": picture.height,
                        "lead_image_alt": picture.alt,
                    }
                    if picture
                    else {}
                ),
            )
        )
    created = Article.objects.bulk_create(rows, batch_size=500)
    bylines, actor_items, country_items = [], [], []
    for article, plan in zip(created, plans, strict=True):
        bylines += [
            Byline(article_id=article.pk, author_id=authors[i].pk, position=position)
            for position, i in enumerate(plan.author_indexes)
        ]
        actor_items += [ArticleActor(content_object_id=article.pk, tag_id=actors[i].pk) for i in plan.actor_indexes]
        country_items += [
            ArticleCountry(content_object_id=article.pk, tag_id=countries[i].pk) for i in plan.country_indexes
        ]
    Byline.objects.bulk_create(bylines, batch_size=2000)
    ArticleActor.objects.bulk_create(actor_items, batch_size=2000)
    ArticleCountry.objects.bulk_create(country_items, batch_size=2000)
    summary.articles += len(created)
    summary.bylines += len(bylines)
    summary.tags += len(actor_items) + len(country_items)


def _statistics_refresh() -> None:
    """Let the query planner see the new row counts (and PostgreSQL's index-only scans work)."""
    tables = [model._meta.db_table for model in GENERATED_MODELS]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("ANALYZE")
            return
        # VACUUM also sets the visibility map that index-only scans rely on; it cannot run in a transaction.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        for table in tables:
            cursor.execute(f'{command} "{table}"')
