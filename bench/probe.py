"""Ask the site what `make bench` should request, and how many queries each page costs.

Run by bench/run.py with the benchmark's environment (DATABASE_URL, REDIS_URL, ...). Prints JSON:
the paths of every benchmarked page, a logged-in admin's session cookie, queries per request
with the page cache off (cold) and on (warm, second request), whether PostgreSQL's plan for any
of a page's queries scans the whole articles table, and the EXPLAIN output itself.
With BENCH_PROBE=count it only prints the number of articles.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from articles.models import Article  # noqa: E402
from authors.models import Author  # noqa: E402
from tagging.models import Actor, Country  # noqa: E402

SAMPLES = 100  # different articles, authors and actors the rotating pages cycle through
HOST = "127.0.0.1"


def spread(items: list, count: int) -> list:
    """`count` items evenly spread over `items` (busy and quiet ones alike)."""
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(index * step)] for index in range(count)]


def optional(name: str, query: str = "") -> list[str]:
    try:
        return [reverse(name) + query]
    except NoReverseMatch:
        return []


def benchmark_paths() -> dict[str, list[str]]:
    published = Article.objects.published()
    busiest_country = (
        Country.objects.annotate(n=Count("article_items")).order_by("-n").values_list("slug", flat=True).first()
    )
    article_slugs = list(published.order_by("id").values_list("slug", flat=True))
    actor_slugs = list(
        Actor.objects.filter(article_items__content_object__in=published)
        .distinct()
        .order_by("id")
        .values_list("slug", flat=True)
    )
    author_slugs = list(
        Author.objects.filter(bylines__article__in=published).distinct().order_by("id").values_list("slug", flat=True)
    )
    # What readers type most: a name. The surname of the 100th actor matches a few per cent of stories.
    people = Actor.objects.filter(kind=Actor.Kind.PERSON).order_by("id").values_list("name", flat=True)
    search_word = os.environ.get("BENCH_SEARCH") or (people[100].split()[-1] if len(people) > 100 else "talks")
    paths = {
        "front": [reverse("articles:front")],
        "list": [reverse("articles:list")],
        "list_country": [reverse("articles:list") + f"?country={busiest_country}"] if busiest_country else [],
        "list_page_200": [reverse("articles:list") + "?page=200"],
        "article": [reverse("articles:detail", kwargs={"slug": slug}) for slug in spread(article_slugs, SAMPLES)],
        "author": [reverse("authors:detail", kwargs={"slug": slug}) for slug in spread(author_slugs, SAMPLES)],
        "actor": [reverse("tagging:actor", kwargs={"slug": slug}) for slug in spread(actor_slugs, SAMPLES)],
        "search": [reverse("articles:search") + f"?q={search_word}"],
        "api_list": optional("api:article-list"),
        "admin_changelist": [reverse("admin:articles_article_changelist")],
    }
    if published.count() < 200 * settings.ARTICLES_PER_PAGE:
        paths["list_page_200"] = [reverse("articles:list") + "?page=last"]
    return {name: value for name, value in paths.items() if value}


def admin_client() -> Client:
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user)
    return client


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    if os.environ.get("BENCH_PROBE") == "count":
        print(json.dumps({"articles": Article.objects.count()}))
        return
    paths = benchmark_paths()
    reader, admin = Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https"), admin_client()
    queries, seq_scans, timings, explains = {}, {}, {}, []
    for name, page_paths in paths.items():
        client = admin if name == "admin_changelist" else reader
        path = page_paths[0]
        reset_queries()  # every request clears the query log, which would throw CaptureQueriesContext off
        with override_settings(PAGE_CACHE=False), CaptureQueriesContext(connection) as cold:
            started = time.perf_counter()
            response = client.get(path)
            timings[name] = round((time.perf_counter() - started) * 1000, 1)
        cold_queries = [query["sql"] for query in cold.captured_queries]  # read now: the next request clears the log
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        with override_settings(PAGE_CACHE=True):
            client.get(path)
            reset_queries()
            with CaptureQueriesContext(connection) as warm:
                client.get(path)
        queries[name] = {"cold": len(cold_queries), "warm": len(warm.captured_queries)}
        if connection.vendor == "postgresql":
            scans = False
            explains.append(f"==== {name}: {path}")
            for sql in cold_queries:
                if not sql.lstrip().upper().startswith("SELECT") or "articles_article" not in sql:
                    continue
                plan = explain(sql)
                scans = scans or "Seq Scan on articles_article " in plan + " "
                explains.append(f"-- {sql}\n{plan}\n")
            seq_scans[name] = scans
    print(
        json.dumps(
            {
                "articles": Article.objects.count(),
                "paths": paths,
                "admin_cookie": f"{settings.SESSION_COOKIE_NAME}={admin.cookies[settings.SESSION_COOKIE_NAME].value}",
                "queries": queries,
                "seq_scans": seq_scans,
                "single_request_ms": timings,
                "explain": "\n".join(explains),
            }
        )
    )


if __name__ == "__main__":
    main()
