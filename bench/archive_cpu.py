"""CPU time per uncached archive request, in-process: `python bench/archive_cpu.py [ROUNDS]`.

Runs with the benchmark's environment (DATABASE_URL, REDIS_URL, ...) over content made by
`manage.py generate_content`. The page cache is off, so every request renders its page; the same
pages of /articles/ are requested in the same order every run (the first round warms what the
process keeps between requests: the card fragments, once they exist), then `time.process_time`
over the other rounds, divided by their requests. Prints JSON.

The issue's target (a third of the original) compares with the code before story cards were
cached (the parent of commit 061beda): export that tree (`git archive 061beda^`), run
collectstatic there and this same script against the same database and Redis, alternating the two
a few times on a quiet machine, with the cache emptied before each run (bench/results/archive-cpu-latest.md).
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

from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

PAGES = 10


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    client = Client(HTTP_HOST="127.0.0.1")
    archive = reverse("articles:list")
    paths = [archive] + [f"{archive}?page={number}" for number in range(2, PAGES + 1)]
    with override_settings(PAGE_CACHE=False, ALLOWED_HOSTS=["127.0.0.1"]):
        for path in paths:  # warm-up round
            assert client.get(path).status_code == 200, path
        started = time.process_time()
        for _ in range(rounds - 1):
            for path in paths:
                client.get(path)
        spent = time.process_time() - started
    requests = (rounds - 1) * len(paths)
    print(json.dumps({"requests": requests, "cpu_ms_per_request": round(1000 * spent / requests, 2)}))


if __name__ == "__main__":
    main()
