"""`make run` starts a task worker and the alerts clock beside the server: run them as the Makefile does
(`make workers`, the same command lines) against a fresh SQLite database, and see queued work done."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

ROOT = Path(django_settings.BASE_DIR)
WAIT_SECONDS = 120  # a deadline for a slow, shared machine, not a measure of speed

ENQUEUE = """
from datetime import timedelta
from django.utils import timezone
from alerts.tasks import confirmation_send
from alerts.tokens import confirm_token_make
from tests.factories import ArticleFactory, SectionFactory

ArticleFactory(section=SectionFactory(), published_at=timezone.now() - timedelta(minutes=1))
confirmation_send.enqueue(
    token=confirm_token_make(email="ana@example.org", follows=[], frequency="instant", briefing=True)
)
"""


def until(condition, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"never happened: {what}")


def processes_in_group(pgid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pgid:
                    found.append(int(entry.name))
            except ProcessLookupError:
                pass
    return found


@pytest.mark.skipif(not Path("/usr/bin/make").exists(), reason="needs make")
def test_the_worker_and_the_clock_of_make_run_do_queued_work_and_stop_with_it(tmp_path, smtp_server):
    database = tmp_path / "newsroom.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(django_settings.EMAIL_PORT),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "REDIS_URL": "",
        "PYTHONPATH": str(ROOT),
    }
    python = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
    manage = [python, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=600)  # noqa: S603
    subprocess.run([*manage, "shell", "-c", ENQUEUE], cwd=ROOT, env=env, check=True, timeout=120)  # noqa: S603

    make = subprocess.Popen(
        ["/usr/bin/make", "--no-print-directory", "workers"],  # noqa: S603
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # The worker sends the queued confirmation through the SMTP server...
        (confirmation,) = until(lambda: smtp_server.to("ana@example.org"), "the confirmation mail")
        assert confirmation["Subject"].startswith("Confirm your alerts")

        # ...and the clock finds the story that went live and queues its alert, which the worker runs.
        def alert_done():
            with sqlite3.connect(database) as db:
                events = db.execute("select count(*) from alerts_storyevent").fetchone()[0]
                done = db.execute(
                    "select count(*) from django_tasks_database_dbtaskresult"
                    " where task_path = 'alerts.tasks.alert_send' and status = 'SUCCESSFUL'"
                ).fetchone()[0]
            return events == 1 and done == 1

        until(alert_done, "the clock's went-live event and its alert task done")
    finally:
        os.killpg(make.pid, signal.SIGINT)  # Ctrl-C in the terminal
        make.wait(timeout=60)
    # The worker and the clock stopped with it.
    until(lambda: not processes_in_group(make.pid), "the worker and the clock stopping")
