# Dure: one command per chore. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test test-postgres test-browser check lint types migrations-check demo bench audit clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11이 필요합니다 ($(PYTHON))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

venv: $(VENV)/.installed

system-packages:
	@bash scripts/system-packages.sh

var:
	mkdir -p var

run: venv system-packages var ## set up, load the 2017 demo into SQLite, serve http://127.0.0.1:8000 with a task worker
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "두레: http://$(HOST):$(PORT)/ (끝내려면 Ctrl+C)"
	@trap 'kill 0' EXIT INT TERM; \
	  DURE_SECURE_COOKIES=false $(PY) manage.py db_worker & \
	  DURE_SECURE_COOKIES=false $(PY) manage.py runserver --insecure $(HOST):$(PORT)

demo: venv var ## load the 2017 demo data into the configured database
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

# SQLite runs on every core (each worker its own in-memory database). The PostgreSQL run stays in
# one process: its fault tests restart the cluster, which would cut a parallel worker's connection.
test: venv system-packages ## the test suite on SQLite
	@echo "== 테스트: SQLite"
	$(BIN)/pytest -q -n auto --dist load

test-postgres: venv ## the same suite on PostgreSQL (starts the local cluster)
	@echo "== 테스트: PostgreSQL"
	DATABASE_URL=$$(bash scripts/postgres.sh) DURE_PG_TEST_TEMPLATE=dure_template $(BIN)/pytest -q

test-browser: venv ## browser tests in Debian's Chromium through Playwright
	@bash scripts/system-packages.sh --browser
	@echo "== 테스트: 브라우저 (Chromium)"
	$(BIN)/pytest -q -m browser tests/browser

lint: venv ## ruff and the import layers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

types: venv ## mypy with django-stubs
	$(BIN)/mypy dure config

migrations-check: venv var ## fail when a model change has no migration
	$(PY) manage.py makemigrations --check --dry-run

check: lint types migrations-check test test-postgres test-browser ## everything CI runs

bench: venv ## every bench_* command on PostgreSQL; figures go to docs/BENCHMARKS.md
	@export DATABASE_URL=$$(DURE_PG_DATABASE=dure_bench bash scripts/postgres.sh); \
	  $(PY) manage.py migrate --noinput -v0; \
	  $(PY) manage.py generate_national --enterprises 50000 --centers 250 --records 2000000 \
	    --seed 1 2>&1 | grep -v "이미 있습니다" || true; \
	  commands=$$($(PY) manage.py help --commands | grep '^bench_'); \
	  test -n "$$commands" || { echo "bench_ 명령이 없습니다"; exit 1; }; \
	  for command in $$commands; do echo "== $$command"; $(PY) manage.py $$command || exit 1; done

audit: venv ## known vulnerabilities of the installed packages (needs PyPI's advisory data online)
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off

clean: ## remove the virtualenv and the local database
	rm -rf $(VENV) var
