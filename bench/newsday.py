"""`make bench`: a news day. Readers at 64 connections while an editor saves a published story every second.

For each size (BENCH_SIZES, default 1,000 and 100,000 articles, in the databases bench/run.py makes
on PostgreSQL), readers request a few hundred addresses weighted like a news site's traffic (front
page and latest stories most; bench/newsday_site.py), with wrk for BENCH_NEWSDAY_SECONDS (30) at
BENCH_NEWSDAY_CONNECTIONS (64), in four modes: through gunicorn alone (the project's
gunicorn.conf.py, Redis page cache) and through Varnish (deploy/varnish/newsroom.vcl, a real
varnishd on loopback, as `make edge` starts it), each quiet and then busy, with one save per second
of one of the newest stories (its dek, saved as the admin saves it, so the real purge runs, in Redis
and at Varnish). References: `/healthz` through gunicorn, every address with the page cache off,
and Varnish serving a static file the size of an average page. Then the time from a publication's
commit to the front page through Varnish showing it.

Reports req/s, hit rate (X-Page-Cache through gunicorn, X-Cache through Varnish), p50/p99, errors
and the ratios the issue sets targets for, with the machine's load average before and after, in
bench/results/newsday-latest.md and .json.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from run import PYTHON, RESULTS, ROOT, Server, free_port, healthz_wait, load_average, log, manage, prepare, wrk

sys.path.insert(0, str(ROOT))
from tools.edge import edge_vcl, varnishd_command  # noqa: E402

SITE = [PYTHON, str(ROOT / "bench" / "newsday_site.py")]
ENCODING = ["Accept-Encoding: gzip"]  # as browsers send it; Varnish keeps gzip and would unzip otherwise


def site(*args: str, env: dict[str, str]) -> dict:
    output = subprocess.run([*SITE, *args], cwd=ROOT, env=env, check=True, text=True, capture_output=True).stdout
    return json.loads(output.strip().splitlines()[-1])


class Varnish:
    """varnishd with the shipped VCL in front of `backend_port`, on its own port and working directory."""

    def __init__(self, *, backend_port: int, port: int):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.workdir = Path(tempfile.mkdtemp(prefix="newsday-varnish-"))
        vcl = self.workdir / "newsroom.vcl"
        vcl.write_text(edge_vcl(host="127.0.0.1", port=backend_port))
        command = varnishd_command(
            workdir=self.workdir, listen=f"127.0.0.1:{port}", admin="127.0.0.1:0", vcl=vcl, memory="256m"
        )
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        if not healthz_wait(self.base, seconds=30):
            self.stop()
            raise RuntimeError("varnishd did not answer within 30 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        shutil.rmtree(self.workdir, ignore_errors=True)


def busy(env: dict[str, str], measure) -> tuple[dict, dict]:
    """`measure()` while the editor saves a story every second; its result and the editor's report."""
    editor = subprocess.Popen([*SITE, "editor"], cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE)
    try:
        editor.stdout.readline()  # "saving": its first save is done
        time.sleep(2)  # a few more: the busy state has begun
        result = measure()
    finally:
        editor.send_signal(signal.SIGTERM)
        output, _ = editor.communicate(timeout=60)
    return result, json.loads(output.strip().splitlines()[-1])


def static_file(*, size: int) -> str:
    """A static file of `size` incompressible bytes, served by the app (whitenoise) and kept by Varnish."""
    name = f"bench-newsday-{size}.bin"
    target = ROOT / "staticfiles" / name
    target.write_bytes(os.urandom(size))
    return f"/static/{name}"


def warm(base: str, paths: list[str]) -> None:
    """Every address once, four at a time, so a quiet run starts with everything kept."""
    unique = sorted(set(paths))

    def fetch(path: str) -> None:
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(fetch, unique))


def average_page_bytes(base: str, paths: list[str]) -> int:
    """The average body a reader gets (gzip) over `paths` as weighted."""
    sizes = {}
    for path in set(paths):
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=30) as response:
            sizes[path] = len(response.read())
    return round(sum(sizes[path] for path in paths) / len(paths))


def measure_size(*, size: int, seconds: int, connections: int) -> dict:
    env, vendor = prepare(size=size, args=None)
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    edge_port = free_port()
    env = dict(
        env,
        PAGE_CACHE="1",
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"newsday{size}-{int(time.time())}",
        PAGE_CACHE_PURGE_URLS=f"http://127.0.0.1:{edge_port}/",
    )
    manage("collectstatic", "--noinput", "-v0", env=env)
    paths = site("addresses", env=env)["paths"]
    data: dict = {"articles": size, "database": vendor, "addresses": len(set(paths)), "connections": connections}

    def run(base: str, *, hit_header: str | None, run_paths=paths, run_seconds=seconds) -> dict:
        return wrk(
            base, run_paths, seconds=run_seconds, connections=connections, headers=ENCODING, hit_header=hit_header
        )

    # The page size first (through a throw-away server), so the static file exists when gunicorn starts.
    server = Server(env)
    try:
        page_bytes = average_page_bytes(server.base, paths)
    finally:
        server.stop()
    static = static_file(size=page_bytes)
    data["page_bytes"] = page_bytes

    server = Server(env)
    varnish = Varnish(backend_port=server.port, port=edge_port)
    try:
        log(f"{size}: /healthz")
        data["healthz"] = wrk(server.base, ["/healthz"], seconds=min(seconds, 10), connections=connections)
        log(f"{size}: gunicorn, quiet")
        warm(server.base, paths)
        data["gunicorn_quiet"] = run(server.base, hit_header="X-Page-Cache")
        log(f"{size}: gunicorn, an editor saving every second")
        data["gunicorn_busy"], data["gunicorn_editor"] = busy(env, lambda: run(server.base, hit_header="X-Page-Cache"))
        log(f"{size}: Varnish, quiet")
        warm(varnish.base, paths)
        data["varnish_quiet"] = run(varnish.base, hit_header="X-Cache")
        log(f"{size}: Varnish, an editor saving every second")
        data["varnish_busy"], data["varnish_editor"] = busy(env, lambda: run(varnish.base, hit_header="X-Cache"))
        log(f"{size}: Varnish, a static file of {page_bytes} bytes")
        run(varnish.base, hit_header="X-Cache", run_paths=[static], run_seconds=3)
        data["varnish_static"] = run(varnish.base, hit_header="X-Cache", run_paths=[static])
        log(f"{size}: publication to the front page through Varnish")
        data["publish_visible"] = site("publish", varnish.base, "5", env=env)
    finally:
        varnish.stop()
        server.stop()
    log(f"{size}: every address with the page cache off")
    server = Server(dict(env, PAGE_CACHE="0", PAGE_CACHE_PURGE_URLS=""))
    try:
        data["gunicorn_uncached"] = run(server.base, hit_header=None)
    finally:
        server.stop()
    (ROOT / "staticfiles" / static.removeprefix("/static/")).unlink(missing_ok=True)
    data["ratios"] = ratios(data)
    return data


def ratios(data: dict) -> dict:
    def ratio(top: str, bottom: str) -> float:
        return round(data[top]["req_s"] / data[bottom]["req_s"], 3) if data[bottom]["req_s"] else 0.0

    return {
        "gunicorn_busy_quiet": ratio("gunicorn_busy", "gunicorn_quiet"),
        "varnish_busy_quiet": ratio("varnish_busy", "varnish_quiet"),
        "cached_healthz": ratio("gunicorn_quiet", "healthz"),
        "uncached_healthz": ratio("gunicorn_uncached", "healthz"),
        "varnish_static": ratio("varnish_quiet", "varnish_static"),
    }


MODES = [
    ("healthz", "/healthz, gunicorn (reference)"),
    ("gunicorn_quiet", "gunicorn, quiet"),
    ("gunicorn_busy", "gunicorn, 1 save/s"),
    ("gunicorn_uncached", "gunicorn, page cache off"),
    ("varnish_quiet", "Varnish, quiet"),
    ("varnish_busy", "Varnish, 1 save/s"),
    ("varnish_static", "Varnish, static file of a page's size"),
]
TARGETS = [
    ("gunicorn_busy_quiet", "busy ÷ quiet, gunicorn", 0.9),
    ("varnish_busy_quiet", "busy ÷ quiet, Varnish", 0.9),
    ("cached_healthz", "cached pages ÷ /healthz, gunicorn", 0.8),
    ("uncached_healthz", "uncached pages ÷ /healthz, gunicorn", 0.1),
    ("varnish_static", "Varnish pages ÷ Varnish static file", 0.8),
]


def markdown(report: dict) -> str:
    machine = report["machine"]
    lines = [
        "# News-day benchmark (bench/newsday.py)",
        "",
        f"{report['started_at']} to {report['finished_at']}; {machine['cpus']} CPUs shared with other work, "
        f"load average {machine['load_before']} before and {machine['load_after']} after; "
        f"wrk, {report['settings']['connections']} connections, {report['settings']['seconds']} s a mode.",
    ]
    for size, data in report["sizes"].items():
        lines += [
            "",
            f"## {int(size):,} articles ({data['database']}), {data['addresses']} addresses, "
            f"average page {data['page_bytes']:,} bytes (gzip)",
            "",
            "| mode | req/s | hit rate | p50 ms | p99 ms | errors | load |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for key, label in MODES:
            row = data[key]
            hit_rate = "" if row.get("hit_rate") is None else f"{row['hit_rate']:.1%}"
            lines.append(
                f"| {label} | {row['req_s']:,.0f} | {hit_rate} | {row['p50_ms']} | {row['p99_ms']} | "
                f"{row['errors']} | {row['load_average']} |"
            )
        lines += ["", "| ratio | measured | target | met |", "| --- | ---: | ---: | --- |"]
        for key, label, target in TARGETS:
            value = data["ratios"][key]
            lines.append(f"| {label} | {value:.2f} | ≥ {target} | {'yes' if value >= target else 'no'} |")
        for mode in ("gunicorn_busy", "varnish_busy"):
            rate = data[mode].get("hit_rate") or 0
            label = f"hit rate, {mode.replace('_busy', '')} busy"
            lines.append(f"| {label} | {rate:.2f} | ≥ 0.9 | {'yes' if rate >= 0.9 else 'no'} |")
        visible = data["publish_visible"]
        met = visible["never_seen"] == 0 and (visible["max_s"] or 99) <= 1
        lines.append(
            f"| publication → on the front page through Varnish (max of {visible['samples']}, s) | "
            f"{visible['max_s']} (median {visible['median_s']}) | ≤ 1 | {'yes' if met else 'no'} |"
        )
        editors = [data["gunicorn_editor"], data["varnish_editor"]]
        lines += [
            "",
            f"Editor: {', '.join(str(editor['saves']) for editor in editors)} saves in the two busy runs "
            f"({', '.join(str(editor['late']) for editor in editors)} later than their second).",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `apt-get install wrk` (make bench does this for you).")
    sizes = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,100000").split(",")]
    seconds = int(os.environ.get("BENCH_NEWSDAY_SECONDS", "30"))
    connections = int(os.environ.get("BENCH_NEWSDAY_CONNECTIONS", "64"))
    output = Path(os.environ.get("BENCH_NEWSDAY_OUTPUT", str(RESULTS / "newsday-latest")))
    report: dict = {
        "started_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {"cpus": os.cpu_count(), "load_before": load_average()},
        "settings": {"seconds": seconds, "connections": connections},
        "sizes": {},
    }
    for size in sizes:
        report["sizes"][str(size)] = measure_size(size=size, seconds=seconds, connections=connections)
    report["machine"]["load_after"] = load_average()
    report["finished_at"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    output.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    output.with_suffix(".md").write_text(markdown(report))
    log(f"wrote {output}.md and .json")
    print(markdown(report))


if __name__ == "__main__":
    main()
