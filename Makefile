# The two commands a new user needs: `make run` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint check openapi client check-generated bench clean

$(STAMP): pyproject.toml clients/python/pyproject.toml clients/okr-push/pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]' -e ./clients/python -e ./clients/okr-push
	touch $(STAMP)

## Start the service on the embedded SQLite default (migrates and bootstraps first).
run: $(STAMP)
	$(BIN)/okr serve

## Run the whole test suite (SQLite always, PostgreSQL when reachable; required when CI=true).
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Regenerate openapi.json from the app.
openapi: $(STAMP)
	$(BIN)/okr openapi --output openapi.json

## Regenerate the Python client from openapi.json.
client: $(STAMP)
	bash scripts/gen-client.sh clients/python

## Fail when openapi.json or clients/python differ from a fresh generation.
check-generated: $(STAMP)
	bash scripts/check-generated.sh

check: lint check-generated

bench: $(STAMP)
	bash scripts/bench.sh

clean:
	rm -rf $(VENV) var/*.db
