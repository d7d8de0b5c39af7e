from datetime import UTC, datetime, time

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article

from ...services.generation import content_flush, content_generate


def date_argument(value: str) -> datetime:
    try:
        return datetime.combine(datetime.strptime(value, "%Y-%m-%d").date(), time.min, tzinfo=UTC)
    except ValueError:
        raise CommandError(f"--until must be a date like 2026-01-31, not “{value}”.") from None


class Command(BaseCommand):
    help = (
        "Fill an empty database with realistic generated content for benchmarks and demos: 12 sections, "
        "400 authors, 3,000 actors, every country, and the given number of articles over ten years. "
        "The same --seed and --until always give the same content."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many articles to write.")
        parser.add_argument("--seed", type=int, default=7, help="Seed of the random generator (default 7).")
        parser.add_argument(
            "--until",
            type=date_argument,
            default=None,
            help="Date (YYYY-MM-DD, UTC) the ten years of stories lead up to; default today.",
        )
        parser.add_argument("--authors", type=int, default=400, help="How many authors (default 400).")
        parser.add_argument("--actors", type=int, default=3000, help="How many actors (default 3,000).")
        parser.add_argument(
            "--pictures",
            type=int,
            default=24,
            help="How many pictures to draw (default 24; 0 for none); about 40 %% of stories lead with one.",
        )
        parser.add_argument(
            "--flush",
            action="store_true",
            help="First delete every existing article, section, author, actor and country.",
        )

    def handle(self, *args, articles, seed, until, authors, actors, pictures, flush, **options):
        if articles < 1 or authors < 1 or actors < 10 or pictures < 0:
            raise CommandError("Give at least 1 article, 1 author and 10 actors.")
        existing = Article.objects.count()
        if existing and not flush:
            raise CommandError(
                f"The database already has {existing:,} articles; nothing was written. "
                "Use --flush to delete all content first (only on a database you can throw away)."
            )
        if flush:
            content_flush()
            self.stdout.write("Deleted the existing content.")
        if until is None:
            until = datetime.combine(datetime.now(UTC).date(), time.min, tzinfo=UTC)

        def progress(done: int) -> None:
            if options["verbosity"] >= 2 or done == articles or done % 20000 == 0:
                self.stdout.write(f"  {done:,} / {articles:,} articles")

        summary = content_generate(
            articles=articles,
            seed=seed,
            until=until,
            authors=authors,
            actors=actors,
            pictures=pictures,
            progress=progress,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {summary.articles:,} articles with {summary.bylines:,} bylines and {summary.tags:,} tags, "
                f"{summary.sections} sections, {summary.authors:,} authors, {summary.actors:,} actors and "
                f"{summary.countries} countries and {summary.pictures} pictures in {summary.seconds:.0f} s."
            )
        )
