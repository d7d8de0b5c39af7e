"""The benchmark's report: which pages are measured, the targets they are held to, and the
summary and Markdown table `bench/run.py` writes to bench/results/latest.md."""

READER_PAGES = ["front", "list", "list_country", "list_page_200", "article", "author", "actor", "search", "api_list"]
PAGES = [*READER_PAGES, "admin_changelist"]
PAGE_LABELS = {
    "healthz": "/healthz (reference)",
    "front": "Front page",
    "list": "Article list",
    "list_country": "List filtered by country",
    "list_page_200": "List, page 200",
    "article": "Article",
    "author": "Author",
    "actor": "Actor",
    "search": "Search",
    "api_list": "API list",
    "admin_changelist": "Admin change list (logged in)",
}
TARGETS = {
    "cold_ratio": 0.25,  # uncached reader pages vs /healthz throughput
    "warm_ratio": 0.80,  # cached reader pages vs /healthz throughput
    "p50_growth": 1.5,  # p50 at the large size vs the small size, every page
    "search_vs_list": 3.0,  # search p50 vs the plain list p50
    "admin_growth": 2.0,  # admin change list p50 growth
    "memory_growth": 0.10,  # worker RSS growth over a run
}


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def summarise(report: dict) -> None:
    """Add throughput ratios to /healthz, growth ratios between sizes and the target verdicts."""
    sizes = sorted(report["sizes"], key=int)
    for size in sizes:
        data = report["sizes"][size]
        for mode in ("cold", "warm"):
            reference = data[mode]["healthz"]["req_s"]
            for page in data[mode]["pages"].values():
                page["ratio_to_healthz"] = ratio(page["req_s"], reference)
    small, large = sizes[0], sizes[-1]
    growth = {}
    for name in PAGES:
        growth[name] = {}
        for mode in ("cold", "warm"):
            a = report["sizes"][small][mode]["pages"].get(name)
            b = report["sizes"][large][mode]["pages"].get(name)
            growth[name][mode] = ratio(b["p50_ms"], a["p50_ms"]) if a and b else None
    report["growth"] = {"from": int(small), "to": int(large), "p50_ratio": growth}

    verdicts = []
    big = report["sizes"][large]
    for name in READER_PAGES:
        for mode, key in (("cold", "cold_ratio"), ("warm", "warm_ratio")):
            page = big[mode]["pages"].get(name)
            if page:
                verdicts.append(
                    {
                        "target": f"{PAGE_LABELS[name]}, {mode}: ≥ {TARGETS[key]:.0%} of /healthz",
                        "value": page["ratio_to_healthz"],
                        "met": page["ratio_to_healthz"] >= TARGETS[key],
                    }
                )
    for name in PAGES:
        limit = TARGETS["admin_growth"] if name == "admin_changelist" else TARGETS["p50_growth"]
        for mode in ("cold", "warm"):
            value = growth[name][mode]
            if value is not None:
                verdicts.append(
                    {
                        "target": f"{PAGE_LABELS[name]}, {mode}: p50 at {large} ≤ {limit}× p50 at {small}",
                        "value": value,
                        "met": value <= limit,
                    }
                )
    for mode in ("cold", "warm"):
        search, plain = big[mode]["pages"].get("search"), big[mode]["pages"].get("list")
        if search and plain:
            value = ratio(search["p50_ms"], plain["p50_ms"])
            verdicts.append({"target": f"Search, {mode}: p50 ≤ 3× the plain list", "value": value, "met": value <= 3.0})
    for size in sizes:
        for mode in ("cold", "warm"):
            soak = report["sizes"][size][mode]["soak"]
            verdicts.append(
                {
                    "target": f"{size} articles, {mode}: 64 connections for 30 s, zero errors",
                    "value": soak["errors"],
                    "met": soak["errors"] == 0,
                }
            )
            memory = report["sizes"][size][mode]["memory"]["max_worker_growth"]
            verdicts.append(
                {
                    "target": f"{size} articles, {mode}: worker memory growth < 10 %",
                    "value": memory,
                    "met": memory is not None and memory < TARGETS["memory_growth"],
                }
            )
    report["targets"] = verdicts


def fmt(value, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}{suffix}" if value < 100 else f"{value:,.0f}{suffix}"
    return f"{value:,}{suffix}"


def row(*cells) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def markdown(report: dict) -> str:
    settings = report["settings"]
    lines = [
        "# Newsroom benchmark",
        "",
        f"Run at {report['started_at']} on {report['machine']['cpus']} cores ({report['machine']['platform']}), "
        f"{report['database']}, Redis page cache, gunicorn with the project's gunicorn.conf.py, wrk on loopback "
        f"with 2 threads and {settings['connections']} connections, {settings['seconds']} s per measurement after "
        f"a {settings['warmup']} s warm-up. Cold = `PAGE_CACHE=0`; warm = page cache on. Queries per request are "
        "counted in-process with the same settings (warm: the second request). Article, author and actor pages "
        "rotate over 100 different addresses each. Load average (1 min) before the run "
        f"{report['machine']['load_before']}, after it {report['machine']['load_after']}: other work on the "
        "machine shares its cores with the server and wrk.",
        "",
    ]
    for size, data in sorted(report["sizes"].items(), key=lambda item: int(item[0])):
        lines += [
            f"## {int(size):,} articles",
            "",
            row(
                "Page",
                "Cold req/s",
                "Cold p50 ms",
                "Cold p99 ms",
                "Cold ÷ healthz",
                "Warm req/s",
                "Warm p50 ms",
                "Warm p99 ms",
                "Warm ÷ healthz",
                "Queries cold / warm",
                "Errors",
                "Seq scan of articles",
                "Load avg cold / warm",
            ),
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
        ]
        cold, warm = data["cold"]["healthz"], data["warm"]["healthz"]
        lines.append(
            row(
                PAGE_LABELS["healthz"],
                fmt(cold["req_s"]),
                fmt(cold["p50_ms"]),
                fmt(cold["p99_ms"]),
                "1.00",
                fmt(warm["req_s"]),
                fmt(warm["p50_ms"]),
                fmt(warm["p99_ms"]),
                "1.00",
                "0 / 0",
                cold["errors"] + warm["errors"],
                "–",
                f"{cold.get('load_average')} / {warm.get('load_average')}",
            )
        )
        for name in PAGES:
            cold, warm = data["cold"]["pages"].get(name), data["warm"]["pages"].get(name)
            if not cold or not warm:
                lines.append(row(PAGE_LABELS[name], "not available in this build", *[""] * 11))
                continue
            queries, seq = data["queries"].get(name, {}), data["seq_scans"].get(name)
            lines.append(
                row(
                    PAGE_LABELS[name],
                    fmt(cold["req_s"]),
                    fmt(cold["p50_ms"]),
                    fmt(cold["p99_ms"]),
                    fmt(cold["ratio_to_healthz"]),
                    fmt(warm["req_s"]),
                    fmt(warm["p50_ms"]),
                    fmt(warm["p99_ms"]),
                    fmt(warm["ratio_to_healthz"]),
                    f"{fmt(queries.get('cold'))} / {fmt(queries.get('warm'))}",
                    cold["errors"] + warm["errors"],
                    "–" if seq is None else "yes" if seq else "no",
                    f"{cold.get('load_average')} / {warm.get('load_average')}",
                )
            )
        lines += [
            "",
            row(
                "Load",
                "req/s",
                "p50 ms",
                "p99 ms",
                "Errors",
                "Worker RSS before → after (MiB)",
                "Max worker growth over the load",
                "Max worker growth since the 2 s warm-up",
            ),
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for mode in ("cold", "warm"):
            soak, memory = data[mode]["soak"], data[mode]["memory"]
            growth, early = memory["max_worker_growth"], memory.get("max_worker_growth_since_warm_up")
            lines.append(
                row(
                    f"64 connections, {settings['soak']} s, {mode}",
                    fmt(soak["req_s"]),
                    fmt(soak["p50_ms"]),
                    fmt(soak["p99_ms"]),
                    soak["errors"],
                    f"{memory['rss_start_mib']} → {memory['rss_end_mib']}",
                    fmt(None if growth is None else growth * 100, " %"),
                    fmt(None if early is None else early * 100, " %"),
                )
            )
        lines.append("")
    growth = report["growth"]
    lines += [
        f"## Growth: p50 at {growth['to']:,} ÷ p50 at {growth['from']:,} articles",
        "",
        row("Page", "Cold", "Warm"),
        "|---|---:|---:|",
    ]
    for name in PAGES:
        ratios = growth["p50_ratio"][name]
        lines.append(row(PAGE_LABELS[name], fmt(ratios["cold"]), fmt(ratios["warm"])))
    lines += ["", "## Targets", "", row("Target", "Measured", "Met"), "|---|---:|---|"]
    for verdict in report["targets"]:
        lines.append(row(verdict["target"], fmt(verdict["value"]), "yes" if verdict["met"] else "**no**"))
    lines.append("")
    return "\n".join(lines)
