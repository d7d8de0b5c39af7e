"""The clock: finds stories that went live (or changed, or were unpublished) and starts the day's mail.

`make run` starts one beside the worker; in production run one or more (they never repeat each other's work).
"""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from alerts.events import clock_tick


class Command(BaseCommand):
    help = "Find stories that went live and start digests at their hour, every --interval seconds."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=15, help="Seconds between turns (default 15).")
        parser.add_argument("--once", action="store_true", help="One turn, then exit.")

    def handle(self, *, interval: float, once: bool, **options):
        running = True

        def stop(signum, frame):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while running:
            close_old_connections()
            counts = clock_tick()
            if options["verbosity"] > 1 or any(counts.values()):
                self.stdout.write(f"clock: {counts}")
            if once:
                return
            slept = 0.0
            while running and slept < interval:
                time.sleep(min(0.5, interval - slept))
                slept += 0.5
