"""make bench: a live blog under its readers. 64 readers poll the story's update endpoint while the desk
publishes an entry at every interval; errors, the poll's p50 and p99, and the time from publishing an
entry to readers seeing it.

The issue's figures are polls every 10 s and an entry every 10 s. Time is compressed here: every reader
polls every BENCH_LIVE_POLL_SECONDS (1 by default) and an entry goes out every BENCH_LIVE_ENTRY_SECONDS
(1), for BENCH_LIVE_SECONDS (20): ten times the request rate, so the same run is ten times the load.
Readers poll as the page's script does, with the ETag they last got (If-None-Match), over kept-alive
connections. The server is gunicorn with the production settings and the Redis page cache, on
loopback (bench/run.py's Server); the entries are published with the composer's own service
(`entry_save`) in this process, on the same database and cache, so each one purges as in production.
Runs in its own SQLite database (bench/data/live.sqlite3, remade each time; BENCH_LIVE_DATABASE_URL
for PostgreSQL).
"""

import gzip
import http.client
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
READERS = int(os.environ.get("BENCH_LIVE_READERS", "64"))
POLL_SECONDS = float(os.environ.get("BENCH_LIVE_POLL_SECONDS", "1"))
ENTRY_SECONDS = float(os.environ.get("BENCH_LIVE_ENTRY_SECONDS", "1"))
RUN_SECONDS = float(os.environ.get("BENCH_LIVE_SECONDS", "20"))
database = ROOT / "bench" / "data" / "live.sqlite3"
database.parent.mkdir(parents=True, exist_ok=True)
database.unlink(missing_ok=True)

from run import Server, load_average, manage, server_environment  # noqa: E402 (bench/ is on the path as this script's folder)

ENV = server_environment(
    database_url=os.environ.get("BENCH_LIVE_DATABASE_URL", f"sqlite:///{database}"),
    page_cache=True,
    prefix=f"benchlive{os.getpid()}",
)
os.environ.update(ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Section  # noqa: E402
from authors.models import Author  # noqa: E402
from liveblogs.models import LiveBlog, LiveEntry  # noqa: E402
from liveblogs.services import entry_save  # noqa: E402

SLUG = "storm-hits-the-coast"
UPDATES = f"/articles/{SLUG}/live/updates/"


class Reader(threading.Thread):
    """One reader's page: polls with its ETag and notes when it first sees each entry."""

    def __init__(self, port: int, stop: threading.Event, offset: float):
        super().__init__(daemon=True)
        self.port, self.stop, self.offset = port, stop, offset
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.errors: list[str] = []
        self.seen: dict[int, float] = {}  # entry id -> when this reader first got it

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        etag = None
        time.sleep(self.offset)  # readers' pages were opened at different moments
        while not self.stop.is_set():
            started = time.monotonic()
            headers = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
            if etag:
                headers["If-None-Match"] = etag
            try:
                connection.request("GET", UPDATES, headers=headers)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as error:
                self.errors.append(repr(error))
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                time.sleep(POLL_SECONDS)
                continue
            answered = time.monotonic()
            self.latencies.append(answered - started)
            self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
            if response.status == 200:
                etag = response.getheader("ETag")
                if response.getheader("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                for entry in json.loads(body)["entries"]:
                    self.seen.setdefault(entry["id"], answered)
            elif response.status != 304:
                self.errors.append(f"HTTP {response.status}")
            self.stop.wait(max(0.0, POLL_SECONDS - (time.monotonic() - started)))
        connection.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def main() -> None:
    manage("migrate", "--noinput", "-v0", env=ENV)
    manage("collectstatic", "--noinput", "-v0", env=ENV)
    section = Section.objects.create(name="World", slug="world")
    article = Article.objects.create(
        headline="Storm hits the coast",
        slug=SLUG,
        section=section,
        body="<p>A storm reached the coast this morning.</p>",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    article.bylines.create(author=Author.objects.create(name="Bench Writer", slug="bench-writer"), position=0)
    blog = LiveBlog.objects.create(article=article)
    editor = get_user_model().objects.create_user("desk", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="publish_article"))
    editor = get_user_model().objects.get(pk=editor.pk)  # its permissions afresh

    server = Server(ENV)
    stop = threading.Event()
    readers = [Reader(server.port, stop, offset=POLL_SECONDS * n / READERS) for n in range(READERS)]
    published: dict[int, float] = {}
    try:
        for reader in readers:
            reader.start()
        time.sleep(POLL_SECONDS * 2)  # every reader has the page and its ETag
        started = time.monotonic()
        number = 0
        while time.monotonic() - started < RUN_SECONDS:
            number += 1
            at = time.monotonic()
            entry = entry_save(
                entry=LiveEntry(blog=blog, body=f"<p>Update {number}: the water is still rising.</p>"),
                user=editor,
                publish=True,
            )
            published[entry.pk] = at
            time.sleep(max(0.0, ENTRY_SECONDS - (time.monotonic() - at)))
        time.sleep(POLL_SECONDS * 2)  # the last entry reaches every reader
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=15)
        server.stop()

    latencies = [value for reader in readers for value in reader.latencies]
    errors = [error for reader in readers for error in reader.errors]
    statuses: dict[int, int] = {}
    for reader in readers:
        for status, count in reader.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    visible = [reader.seen[pk] - at for pk, at in published.items() for reader in readers if pk in reader.seen]
    missed = sum(1 for pk in published for reader in readers if pk not in reader.seen)
    first = [min(reader.seen[pk] for reader in readers if pk in reader.seen) - at for pk, at in published.items()]
    report = (
        f"# Live blog: {READERS} readers polling every {POLL_SECONDS:g} s, an entry every {ENTRY_SECONDS:g} s,"
        f" {RUN_SECONDS:g} s\n\n"
        f"The issue's readers poll every 10 s: time is compressed {10 / POLL_SECONDS:g} times here"
        f" (as many times the request rate). gunicorn on loopback, page cache in Redis, {connection.vendor};"
        f" load average {load_average():.2f} on {os.cpu_count()} cores.\n\n"
        f"- polls: {len(latencies):,} ({statuses.get(304, 0):,} answered 304, {statuses.get(200, 0):,} with new"
        f" entries); errors: {len(errors)}{' ' + repr(errors[:3]) if errors else ''}\n"
        f"- poll latency: p50 {percentile(latencies, 0.5) * 1000:.1f} ms, p99 {percentile(latencies, 0.99) * 1000:.1f}"
        f" ms, max {max(latencies, default=0) * 1000:.1f} ms\n"
        f"- entries published: {len(published)}; reader-entry pairs not seen by the end: {missed}\n"
        f"- publish to visible (each reader): p50 {statistics.median(visible):.2f} s, p99"
        f" {percentile(visible, 0.99):.2f} s, max {max(visible):.2f} s (bounded by the poll interval)\n"
        f"- publish to visible (first reader): p50 {statistics.median(first):.2f} s, max {max(first):.2f} s\n"
    )
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "live-latest.md").write_text(report)
    if errors or missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
