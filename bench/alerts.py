"""make bench: the time and queries to send one alert to 10,000 followers, and the rate sustained.

Runs in its own SQLite database (bench/data/alerts.sqlite3, remade each time; BENCH_ALERTS_DATABASE_URL
for PostgreSQL) against a real SMTP server on loopback (aiosmtpd), with the worker's own code: the clock
finds the story, then `db_worker --batch` sends every batch with the rate limit off.
"""

import logging
import os
import socket
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FOLLOWERS = int(os.environ.get("BENCH_ALERT_FOLLOWERS", "10000"))
database = ROOT / "bench" / "data" / "alerts.sqlite3"
database.parent.mkdir(parents=True, exist_ok=True)
database.unlink(missing_ok=True)
os.environ.setdefault("DATABASE_URL", os.environ.get("BENCH_ALERTS_DATABASE_URL", f"sqlite:///{database}"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["ALERTS_RATE_PER_SECOND"] = "1000000"

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from alerts.events import clock_tick  # noqa: E402
from alerts.models import Delivery, Follow, Subscriber  # noqa: E402
from articles.models import Article, Section  # noqa: E402
from authors.models import Author  # noqa: E402


class Sink:
    count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        Sink.count += 1
        return "250 OK"


def main() -> None:
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # the sink's own log: a line per command
    call_command("migrate", verbosity=0)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    section = Section.objects.create(name="World", slug="world")
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"reader{n}@example.org", confirmed_at=now) for n in range(FOLLOWERS)], batch_size=1000
    )
    Follow.objects.bulk_create(
        [Follow(subscriber=s, kind="section", object_id=section.pk) for s in subscribers], batch_size=1000
    )
    article = Article.objects.create(
        headline="Bench story",
        slug="bench-story",
        section=section,
        body="<p>Text.</p>",
        status=Article.Status.PUBLISHED,
        published_at=now,
    )
    article.bylines.create(author=Author.objects.create(name="Bench Writer", slug="bench-writer"), position=0)
    started = time.perf_counter()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        clock_tick()
        # --batch stops when nothing is ready; a next batch due a moment later is then run by another pass.
        while DBTaskResult.objects.filter(status="READY").exists():
            call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    seconds = time.perf_counter() - started
    controller.stop()
    sent = Delivery.objects.filter(article=article, sent_at__isnull=False).count()
    report = (
        f"# Alert to {FOLLOWERS:,} followers ({connection.vendor}, batches of {settings.ALERTS_BATCH_SIZE})\n\n"
        f"- sent: {sent:,} (SMTP server received {Sink.count:,})\n- time: {seconds:.1f} s\n"
        f"- rate sustained: {sent / seconds:.0f} emails/s\n- queries: {len(queries):,}"
        f" ({len(queries) / max(sent, 1):.2f} per email)\n"
    )
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "alerts-latest.md").write_text(report)


if __name__ == "__main__":
    main()
