# Two commands set everything up on a fresh machine with Python 3.11:
#   make run    create .venv, install, migrate SQLite, seed demo data, serve on 127.0.0.1:8000
#   make test   create .venv, install, run the whole suite (PostgreSQL when DATABASE_URL is set)

PYTHON ?= python3.11
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LDCONFIG := $(shell command -v ldconfig 2>/dev/null || echo /sbin/ldconfig)

# The development server runs with DEBUG on and a throwaway key; tests bring their own key.
DEV_ENV := DJANGO_DEBUG=true
TEST_ENV := DJANGO_DEBUG=false DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-test-only-key-not-secret}

.PHONY: help install system-libs run test lint format migrations-check bench bench-load clean

help:
	@echo "make run    serve the app on http://127.0.0.1:8000 with demo logins (SQLite)"
	@echo "make test   run the whole test suite (set DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make lint   ruff check, ruff format --check and mypy"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

install: system-libs $(INSTALLED)

# WeasyPrint draws PDFs with Pango, HarfBuzz and fontconfig from the operating system.
system-libs:
	@missing=""; \
	for pair in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
	            libharfbuzz.so.0:libharfbuzz0b libfontconfig.so.1:libfontconfig1; do \
	  $(LDCONFIG) -p 2>/dev/null | grep -q "$${pair%%:*}" || missing="$$missing $${pair##*:}"; \
	done; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "The PDF renderer (WeasyPrint) needs system packages that are missing. Install them:"; \
	  echo "  sudo apt-get install$$missing"; \
	  exit 1; \
	fi

run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# bench_load.py is left out: it needs PostgreSQL and minutes; `make bench-load` runs it.
bench: install
	@for script in bench/bench_*.py; do \
	  [ "$$script" = bench/bench_load.py ] && continue; \
	  echo "== $$script"; $(TEST_ENV) $(BIN)/python $$script || exit 1; \
	done

# Every page under wrk at 10,000 assessments beside a bare view (PostgreSQL; not run by CI).
bench-load: install
	@command -v wrk >/dev/null || echo "wrk is missing (Debian: sudo apt-get install -y wrk); falling back to a Python load generator."
	$(BIN)/python bench/bench_load.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
