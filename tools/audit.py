"""`make audit`: Lighthouse on the readers' pages, as served in production, on a phone and a desktop.

Generates demo content (with pictures) in a database and media folder of its own, collects the static
files, serves the site under gunicorn with production settings (debug off) on a free port and runs
Lighthouse (npm `lighthouse`, Debian's Chromium) on the front page, a story with a picture, the
archive and a country page. Scores go to test-artifacts/audit/latest.md (and a JSON report per
page). Not part of `make test`: it takes minutes, and its scores depend on the machine's load.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
OUT = ROOT / "test-artifacts" / "audit"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
THIRD_PARTY_STATIC = ["admin", "django_prose_editor", "drf_spectacular_sidecar", "rest_framework"]
FIND_PAGES = """
from articles.models import Article
from tagging.models import Country
from articles.selectors import articles_published
story = articles_published().exclude(lead_image="").first()
country = Country.objects.filter(article_items__content_object__in=Article.objects.published()).first()
print(story.get_absolute_url()); print(country.get_absolute_url())
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run `npm ci`.", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    here = Path(tempfile.mkdtemp(prefix="newsroom-audit-"))
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "DATABASE_"))},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "audit-only-" + os.urandom(24).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # TLS is the job of the proxy in front (README); Lighthouse talks to the site on loopback, plain HTTP.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{here / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(here / "media"),
        "DJANGO_STATIC_ROOT": str(here / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    manage = [sys.executable, "manage.py"]
    print("Preparing content and static files…", flush=True)
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["generate_content", "--articles", "600", "--authors", "40", "--actors", "300", "--pictures", "24"],
        ["collectstatic", "--noinput", "-v0", *[f"-i={app}" for app in THIRD_PARTY_STATIC]],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    story, country = subprocess.run(  # noqa: S603
        [*manage, "shell", "-c", FIND_PAGES], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.split()[-2:]  # after whatever else the apps print on start-up
    pages = {"front": "/", "article": story, "archive": "/articles/", "country": country}
    server = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    results: dict[tuple[str, str], dict[str, int | str]] = {}
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.2)
        for name, path in pages.items():
            for form in ("mobile", "desktop"):
                report = OUT / f"{name}-{form}.json"
                command = [
                    str(LIGHTHOUSE),
                    base + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                ]
                if form == "desktop":
                    command.append("--preset=desktop")
                print(f"Lighthouse: {name} ({form})…", flush=True)
                for attempt in range(3):  # Lighthouse sometimes loses its trace on a busy machine (NO_NAVSTART)
                    run = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False)  # noqa: S603
                    if run.returncode == 0:
                        break
                    print(f"  Lighthouse failed (attempt {attempt + 1} of 3)", flush=True)
                else:
                    raise RuntimeError(f"Lighthouse failed three times on {path} ({form})")
                data = json.loads(report.read_text())
                scores = {c: data["categories"][c]["score"] for c in CATEGORIES}
                results[name, form] = {c: "error" if v is None else round(v * 100) for c, v in scores.items()}
    finally:
        server.terminate()
        server.wait(timeout=10)
    lines = [
        "| page | form | performance | accessibility | best practices | SEO |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for (name, form), scores in results.items():
        lines.append(f"| {name} | {form} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
    table = "\n".join(lines)
    (OUT / "latest.md").write_text(table + "\n")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
