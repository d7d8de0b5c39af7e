"""Production settings for `gunicorn newsroom.wsgi` (gunicorn reads this file from the working directory).

Threaded workers keep HTTP connections alive between requests and let a worker wait on the
database or Redis for one request while serving another. The counts follow the machine's
cores and can be overridden from the environment without editing this file.
"""

import multiprocessing
import os

cores = multiprocessing.cpu_count()

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS", cores * 2))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Importing Django once in the master shares its memory between workers and catches import errors
# before any worker starts. No database connection is opened at import time.
preload_app = True
# Recycling workers hides leaks instead of fixing them; set GUNICORN_MAX_REQUESTS to opt in.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
