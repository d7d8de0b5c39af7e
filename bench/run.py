"""`make bench`: serve Newsroom under production settings and measure it with wrk.

For each archive size (1,000 and 100,000 articles by default) the script makes sure a database
holds exactly that much generated content, starts gunicorn with the project's gunicorn.conf.py
(DEBUG off, compressed hashed static files, Redis cache), and drives it with wrk on loopback:
`/healthz` first as the reference, then every page cold (PAGE_CACHE=0) and warm (page cache on),
then 64 connections for 30 seconds over all reader pages. It writes bench/results/latest.json
and bench/results/latest.md.

Runs on PostgreSQL when a server answers at BENCH_POSTGRES_URL, on SQLite otherwise. Each
page is measured for BENCH_SECONDS (10 by default) after a short warm-up, so a full run takes
about a quarter of an hour once the content exists.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from report import PAGES, READER_PAGES, markdown, summarise

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
WRK_SCRIPT = BENCH / "wrk.lua"
PROXY_HEADERS = ["X-Forwarded-Proto: https"]


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def load_average() -> float:
    """The one-minute load average: other work on the machine skews every figure."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def postgres_url(name: str) -> str | None:
    """A URL for database `name` on the benchmark PostgreSQL server, created if missing; None if none answers."""
    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    try:
        import psycopg

        with psycopg.connect(f"{base}/postgres", connect_timeout=3, autocommit=True) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        log(f"PostgreSQL not reachable ({error.__class__.__name__}); using SQLite")
        return None
    return f"{base}/{name}"


def server_environment(*, database_url: str, page_cache: bool, prefix: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7"),
        CACHE_KEY_PREFIX=prefix,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get(
            "DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-use-0123456789"
        ),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="WARNING",
        PAGE_CACHE="1" if page_cache else "0",
        # The benchmark measures throughput from one address; the API's per-address limit would
        # answer most of it with 429.
        NEWSROOM_API_ANON_RATE="100000000/minute",
        # As behind a TLS-terminating proxy: HTTPS redirects, HSTS and secure cookies stay on, and
        # every request carries the proxy's X-Forwarded-Proto header (PROXY_HEADERS below).
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
    )
    return env


def manage(*args: str, env: dict[str, str], capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else ""


def probe(env: dict[str, str]) -> dict:
    """Ask the site itself for benchmark paths, query counts and EXPLAIN results (bench/probe.py)."""
    output = subprocess.run(
        [PYTHON, str(BENCH / "probe.py")], cwd=ROOT, env=env, check=True, text=True, capture_output=True
    ).stdout
    return json.loads(output)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthz_wait(base: str, *, seconds: float) -> bool:
    """Whether the server at `base` answered /healthz within `seconds` (asked as through a TLS proxy)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            probe = urllib.request.Request(f"{base}/healthz", headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:  # not listening yet, or busy starting
            time.sleep(0.3)
    return False


class Server:
    """gunicorn started the way production starts it: `gunicorn newsroom.wsgi` with gunicorn.conf.py."""

    def __init__(self, env: dict[str, str]):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [GUNICORN, "newsroom.wsgi", "--bind", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        if not healthz_wait(self.base, seconds=60):
            self.stop()
            raise RuntimeError("gunicorn did not answer /healthz within a minute")
        time.sleep(1)  # let every worker finish booting

    def worker_pids(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def worker_rss_kib(self) -> dict[int, int]:
        sizes = {}
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes[pid] = int(line.split()[1])
            except OSError:
                continue
        return sizes

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def wrk(
    base: str,
    paths: list[str],
    *,
    seconds: int,
    connections: int,
    headers: list[str] | None = None,
    hit_header: str | None = None,
) -> dict:
    """One wrk run over `paths` (rotated); requests/s, latency percentiles in ms and errors, and with
    `hit_header` the share of answers that header calls a hit."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(WRK_SCRIPT)]
    for header in PROXY_HEADERS + (headers or []):
        command += ["-H", header]
    command.append(base + paths[0])
    with tempfile.NamedTemporaryFile("w", suffix=".paths") as listed:
        listed.write("\n".join(paths))
        listed.flush()
        env = dict(os.environ, BENCH_PATHS_FILE=listed.name)
        if hit_header:
            env["BENCH_HIT_HEADER"] = hit_header
        output = subprocess.run(command, env=env, check=True, text=True, capture_output=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_RESULT "))
    raw = json.loads(line.removeprefix("BENCH_RESULT "))
    load = load_average()
    errors = sum(raw[key] for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    counted = raw.get("hits", 0) + raw.get("misses", 0) + raw.get("others", 0)
    return {
        "requests": raw["requests"],
        "bytes_per_request": round(raw["bytes"] / raw["requests"]) if raw["requests"] else 0,
        "hit_rate": round(raw["hits"] / counted, 3) if hit_header and counted else None,
        "req_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p90_ms": round(raw["p90_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "errors": errors,
        "error_detail": {key: raw[key] for key in raw if key.endswith("errors") or key == "timeouts"},
        "load_average": load,
    }


def measure_mode(*, env: dict[str, str], site: dict, mode: str, args: argparse.Namespace) -> dict:
    server = Server(env)
    try:
        headers = {name: [] for name in PAGES}
        headers["admin_changelist"] = [f"Cookie: {site['admin_cookie']}"]
        result: dict = {"pages": {}}
        log(f"{mode}: /healthz")
        wrk(server.base, ["/healthz"], seconds=2, connections=args.connections)
        result["healthz"] = wrk(server.base, ["/healthz"], seconds=args.seconds, connections=args.connections)
        # Warm every page once (fills the page cache in warm mode) before taking the memory baseline.
        for name in PAGES:
            if name in site["paths"]:
                wrk(server.base, site["paths"][name], seconds=2, connections=args.connections, headers=headers[name])
        rss_warmed = server.worker_rss_kib()
        for name in PAGES:
            if name not in site["paths"]:
                continue
            log(f"{mode}: {name}")
            result["pages"][name] = wrk(
                server.base,
                site["paths"][name],
                seconds=args.seconds,
                connections=args.connections,
                headers=headers[name],
            )
        # Every page and 100 addresses of each kind have now been served: the workers are warm.
        rss_start = server.worker_rss_kib()
        soak_paths = [path for name in READER_PAGES for path in site["paths"].get(name, [])[:10]]
        log(f"{mode}: 64 connections for {args.soak} s over every reader page")
        result["soak"] = wrk(server.base, soak_paths, seconds=args.soak, connections=64)
        result["healthz_end"] = wrk(server.base, ["/healthz"], seconds=args.seconds, connections=args.connections)
        rss_end = server.worker_rss_kib()
        growth = [
            (rss_end[pid] - rss_start[pid]) / rss_start[pid] for pid in rss_start if pid in rss_end and rss_start[pid]
        ]
        since_warm_up = [
            (rss_end[pid] - rss_warmed[pid]) / rss_warmed[pid]
            for pid in rss_warmed
            if pid in rss_end and rss_warmed[pid]
        ]
        result["memory"] = {
            "workers": len(rss_start),
            "max_worker_growth_since_warm_up": round(max(since_warm_up), 4) if since_warm_up else None,
            "rss_start_mib": round(sum(rss_start.values()) / 1024, 1),
            "rss_end_mib": round(sum(rss_end.values()) / 1024, 1),
            "max_worker_growth": round(max(growth), 4) if growth else None,
            "restarted_workers": sorted(set(rss_start) ^ set(rss_end)),
        }
        return result
    finally:
        server.stop()


def prepare(*, size: int, args: argparse.Namespace) -> tuple[dict[str, str], str]:
    name = f"newsroom_bench_{size}"
    url = postgres_url(name)
    vendor = "postgresql"
    if url is None:
        vendor = "sqlite"
        (BENCH / "data").mkdir(exist_ok=True)
        url = f"sqlite:///{BENCH / 'data' / name}.sqlite3"
    env = server_environment(database_url=url, page_cache=False, prefix=f"bench{size}")
    log(f"{size} articles on {vendor}: migrating")
    manage("migrate", "--noinput", "-v0", env=env)
    count = probe(dict(env, BENCH_PROBE="count"))["articles"]
    if count != size:
        log(f"{size} articles on {vendor}: generating content (found {count})")
        started = time.monotonic()
        manage("generate_content", "--articles", str(size), "--flush", env=env)
        log(f"generated {size} articles in {time.monotonic() - started:.0f} s")
    return env, vendor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,100000"))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "10")))
    parser.add_argument("--soak", type=int, default=int(os.environ.get("BENCH_SOAK_SECONDS", "30")))
    parser.add_argument("--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", "32")))
    parser.add_argument("--output", default=str(RESULTS / "latest"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `apt-get install wrk` (make bench does this for you).")
    sizes = [int(size) for size in args.sizes.split(",")]
    report: dict = {
        "started_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(terse=True),
            "python": platform.python_version(),
            "load_before": load_average(),
        },
        "settings": {"seconds": args.seconds, "soak": args.soak, "connections": args.connections, "warmup": 2},
        "sizes": {},
    }
    vendors = set()
    for size in sizes:
        env, vendor = prepare(size=size, args=args)
        vendors.add(vendor)
        manage("collectstatic", "--noinput", "-v0", env=env)
        site = probe(env)
        data = {"articles": site["articles"], "queries": site["queries"], "seq_scans": site["seq_scans"]}
        explain_path = Path(f"{args.output}-explain-{size}.txt")
        explain_path.write_text(site["explain"])
        for mode, page_cache in (("cold", False), ("warm", True)):
            mode_env = dict(env, PAGE_CACHE="1" if page_cache else "0")
            data[mode] = measure_mode(env=mode_env, site=site, mode=f"{size}/{mode}", args=args)
        report["sizes"][str(size)] = data
    report["database"] = " and ".join(sorted(vendors))
    report["machine"]["load_after"] = load_average()
    report["finished_at"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    summarise(report)
    Path(f"{args.output}.json").write_text(json.dumps(report, indent=2) + "\n")
    Path(f"{args.output}.md").write_text(markdown(report))
    log(f"wrote {args.output}.md and .json")
    print(markdown(report))


if __name__ == "__main__":
    main()
