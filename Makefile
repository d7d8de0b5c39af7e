# Newsroom: `make run` serves the site with demo content; `make test` runs every check.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run workers test e2e lint setup setup-test migrate clean chromium java varnish edge tagging-eval bench audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --quiet pip

# Running the site needs requirements.txt only; the tests and checks also need requirements-test.txt.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

setup: $(VENV)/.installed

setup-test: $(VENV)/.installed-test

migrate: setup
	$(BIN)/python manage.py migrate --noinput

# The task worker (renditions, mail, webhooks) and the alerts clock, started in the background;
# the recipe that uses them stops them when it ends (tests/test_make_run.py runs them as `make workers`).
START_WORKERS = trap 'kill $$worker $$clock 2>/dev/null; wait' EXIT INT TERM; \
	$(BIN)/python manage.py db_worker --no-reload --interval 1 & worker=$$!; \
	$(BIN)/python manage.py alerts_clock & clock=$$!

# Ends by saying where the site is and how to sign in; HOST and PORT change where it listens.
# The task worker and the alerts clock run beside the server, and stop with it.
run: migrate
	$(BIN)/python manage.py demo_setup --address $(HOST):$(PORT)
	@$(START_WORKERS); \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Only the worker and the clock, as `make run` starts them (for a database that is already migrated).
workers:
	@$(START_WORKERS); \
	wait

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# axe-core for the accessibility checks in the browser tests and vnu (the Nu HTML Checker), from
# package-lock.json. No install scripts: vnu runs on Debian's Java (`make java`), nothing is downloaded.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

# Java for vnu, from Debian.
java:
	@command -v java >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y default-jre-headless)

# The browser tests drive Debian's Chromium; they skip when it is missing.
chromium:
	@test -x /usr/bin/chromium || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

# Varnish with vmod xkey (Debian's varnish-modules) for the edge tests and `make edge`; they skip when it is missing.
varnish:
	@{ test -x /usr/sbin/varnishd && ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1; } || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y varnish varnish-modules)

# Varnish (deploy/varnish/newsroom.vcl) on EDGE_PORT in front of gunicorn on APP_PORT, purged by the app.
EDGE_PORT ?= 8000
APP_PORT ?= 8001
edge: migrate varnish
	HOST=$(HOST) EDGE_PORT=$(EDGE_PORT) APP_PORT=$(APP_PORT) $(BIN)/python -m tools.edge

test: lint java varnish node_modules/.package-lock.json
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

tagging-eval: setup-test
	$(BIN)/python -m tools.tagging_eval

# Only the journeys in a real browser (Chromium is installed first when missing).
e2e: setup-test chromium node_modules/.package-lock.json
	$(BIN)/pytest -m e2e

# Lighthouse on the readers' pages served in production (tools/audit.py); not part of `make test`.
audit: setup-test chromium node_modules/.package-lock.json
	$(BIN)/python -m tools.audit

# Not part of `make test` or CI: about 35 minutes on 2 cores once the content exists (bench/run.py, then the news day, alerts and live blogs).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
bench: setup-test
	@command -v wrk >/dev/null 2>&1 || $(SUDO) apt-get install -y wrk || { $(SUDO) apt-get update && $(SUDO) apt-get install -y wrk; }
	$(BIN)/python bench/run.py
	$(BIN)/python bench/newsday.py
	$(BIN)/python bench/alerts.py
	$(BIN)/python bench/live.py

clean:
	rm -rf $(VENV) staticfiles node_modules test-artifacts .pytest_cache .ruff_cache
