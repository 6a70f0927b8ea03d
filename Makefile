# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint format migrations-check stop-db browser bench soak backup restore

$(INSTALLED): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	# camel-tools without its model stack (torch, transformers): we use its pure-Python maps and tokenizer.
	$(PY) -m pip install --quiet --no-deps camel-tools==1.6.0
	touch $(INSTALLED)

setup: $(INSTALLED)

run: setup
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py setup_demo
	@echo "Archive: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/"
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: setup browser lint migrations-check
	$(PY) -m pytest

# Browser tests drive Debian's Chromium (a browser download by the test tool cannot work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium and chromium-driver for the browser tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

migrations-check: setup
	$(PY) manage.py makemigrations --check --dry-run

# The embedded server keeps running between commands so they start fast; stop it here.
stop-db: setup
	$(PY) -m archive.embedded_db stop

# The benchmark: a synthetic corpus of BENCH_ARTICLES articles on a database of its own.
# BENCH_SCALE copies the ingested articles in SQL for the query timings (ingest is timed before).
BENCH_ARTICLES ?= 2000
BENCH_SCALE ?= 1
bench: setup
	DJANGO_SETTINGS_MODULE=bench.settings $(PY) manage.py bench --articles $(BENCH_ARTICLES) --scale $(BENCH_SCALE)

# Ten minutes of load at the best rate the machine holds, then ingest killed again and
# again on a large corpus; writes docs/reliability.md. SOAK_MINUTES shortens it.
SOAK_MINUTES ?= 10
soak: setup
	DJANGO_SETTINGS_MODULE=bench.settings $(PY) manage.py soak --minutes $(SOAK_MINUTES)

# Backups of the whole database (pg_dump custom format) in var/backups, git-ignored.
# `make restore` asks before replacing the data; BACKUP defaults to the newest file.
BACKUPS := $(or $(ARCHIVE_VAR_DIR),var)/backups
BACKUP ?= $(shell ls -t $(BACKUPS)/*.dump 2>/dev/null | head -n 1)
backup: setup
	$(PY) manage.py backup

restore: setup
	@test -n "$(BACKUP)" || { echo "No backup in $(BACKUPS)/: make restore BACKUP=path/to/file.dump"; exit 1; }
	$(PY) manage.py restore "$(BACKUP)"
