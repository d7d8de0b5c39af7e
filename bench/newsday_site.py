"""The site's side of the news-day benchmark (bench/newsday.py), run with the benchmark's environment.

`python bench/newsday_site.py addresses`: prints JSON with the readers' addresses, each listed as
many times as its share of traffic (front page and latest stories most, as on a news site).
`python bench/newsday_site.py editor`: an editor saving one published story a second (its dek, as
the admin's change form saves a story: one transaction, one revision), until stopped; each save
purges what it changes, in Redis and at the proxies in PAGE_CACHE_PURGE_URLS. Prints JSON when
it is stopped (SIGTERM).
`python bench/newsday_site.py publish <base> <samples>`: takes the newest story off the site and
publishes it again, `samples` times, and measures how long after each publication's commit the
front page at `base` (Varnish) shows it. Prints JSON.
"""

import json
import os
import random
import signal
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

import reversion  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.urls import reverse  # noqa: E402

from articles.models import Article, Section  # noqa: E402
from authors.models import Author  # noqa: E402
from editorial.services.publishing import articles_publish, articles_unpublish  # noqa: E402
from serving.edge import edge_idle  # noqa: E402
from tagging.models import Actor, Country  # noqa: E402

EDITED_STORIES = 5  # the editor works on the newest stories: the ones on the front page
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}


def weighted(groups: list[tuple[float, list[str]]], *, total: int = 2000) -> list[str]:
    """About `total` addresses, each group's taking its share of them, spread over its addresses
    (the first ones of a group, its newest stories, get the most), in a shuffled order."""
    out: list[str] = []
    for share, paths in groups:
        if not paths:
            continue
        # Zipf-like within a group: the n-th address weighs 1/n.
        weights = [1 / (rank + 1) for rank in range(len(paths))]
        scale = share * total / sum(weights)
        for path, weight in zip(paths, weights, strict=True):
            out += [path] * max(1, round(weight * scale))
    random.Random(15).shuffle(out)
    return out


def addresses() -> dict:
    published = Article.objects.published().order_by("-published_at", "-id")
    latest = [
        reverse("articles:detail", kwargs={"slug": slug}) for slug in published.values_list("slug", flat=True)[:60]
    ]
    older_slugs = list(published.values_list("slug", flat=True)[60:5000])
    older = [
        reverse("articles:detail", kwargs={"slug": slug})
        for slug in random.Random(7).sample(older_slugs, min(200, len(older_slugs)))
    ]
    sections = [section.get_absolute_url() for section in Section.objects.filter(articles__in=published).distinct()]
    archive = [reverse("articles:list")] + [reverse("articles:list") + f"?page={page}" for page in range(2, 6)]

    def busiest(model, relation: str, url_name: str, count: int) -> list[str]:
        rows = model.objects.filter(**{f"{relation}__in": published}).annotate(n=Count(relation)).order_by("-n")
        return [reverse(url_name, kwargs={"slug": slug}) for slug in rows.values_list("slug", flat=True)[:count]]

    groups = [
        (0.22, [reverse("articles:front")]),
        (0.30, latest[:15]),
        (0.10, latest[15:]),
        (0.08, older),
        (0.12, sections),
        (0.06, archive),
        (0.04, busiest(Author, "bylines__article", "authors:detail", 25)),
        (0.04, busiest(Actor, "article_items__content_object", "tagging:actor", 25)),
        (0.02, busiest(Country, "article_items__content_object", "tagging:country", 10)),
        (0.02, [reverse("articles:feed-latest-rss")]),
    ]
    paths = weighted(groups)
    return {"paths": paths, "unique": len(set(paths))}


def editor() -> None:
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    stories = list(Article.objects.published().order_by("-published_at", "-id")[:EDITED_STORIES])
    saves, late = 0, 0
    started = time.monotonic()
    while not stopping:
        story = stories[saves % len(stories)]
        story.refresh_from_db()
        with transaction.atomic(), reversion.create_revision():
            reversion.set_comment("News-day benchmark: dek edited.")
            story.dek = f"{story.dek.split(' [update')[0]} [update {saves + 1}]"
            story.save()
        saves += 1
        if saves == 1:
            print("saving", flush=True)  # the benchmark measures from here
        pause = started + saves - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        else:
            late += 1
    edge_idle(timeout=10)
    print(json.dumps({"saves": saves, "seconds": round(time.monotonic() - started, 1), "late": late}))


def _front_shows(base: str, headline: str) -> bool:
    request = urllib.request.Request(base + reverse("articles:front"), headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return headline.encode() in response.read()


def _wait_for(base: str, headline: str, *, shown: bool, limit: float = 10) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if _front_shows(base, headline) == shown:
            return time.monotonic() - started
        time.sleep(0.01)
    return None


def publish(base: str, samples: int) -> None:
    story = Article.objects.published().order_by("-published_at", "-id").first()
    delays: list[float | None] = []
    for _ in range(samples):
        articles_unpublish(articles=[story])
        _wait_for(base, story.headline, shown=False)
        _front_shows(base, "")  # the front page without it is kept again before the publication
        articles_publish(articles=[story])  # its commit is done when this returns
        delays.append(_wait_for(base, story.headline, shown=True))
    edge_idle(timeout=10)
    seen = [delay for delay in delays if delay is not None]
    print(
        json.dumps(
            {
                "samples": samples,
                "never_seen": samples - len(seen),
                "median_s": round(statistics.median(seen), 3) if seen else None,
                "max_s": round(max(seen), 3) if seen else None,
            }
        )
    )


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "addresses":
        print(json.dumps(addresses()))
    elif mode == "editor":
        editor()
    elif mode == "publish":
        publish(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(f"unknown mode {mode!r}")
