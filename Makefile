# The two commands a new user needs: `make run` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
TS := clients/typescript-example
NPM_STAMP := $(TS)/node_modules/.installed-stamp
BROWSER := tests/browser
BROWSER_STAMP := $(BROWSER)/node_modules/.installed-stamp
CSDL := tests/csdl
CSDL_STAMP := $(CSDL)/node_modules/.installed-stamp
TEST_WORKERS ?= 2

.PHONY: run okr test lint check openapi client check-generated spec-lint ts-check bench clean

$(STAMP): pyproject.toml clients/python/pyproject.toml clients/okr-push/pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,parquet]' -e ./clients/python -e ./clients/okr-push
	touch $(STAMP)

## Start the service on the embedded SQLite default (migrates and bootstraps first).
run: $(STAMP)
	$(BIN)/okr serve

## The CLI without activating anything: make okr ARGS="token create --email admin@localhost"
## (scripts/okr does the same from any folder).
okr: $(STAMP)
	@$(BIN)/okr $(ARGS)

## Run the whole test suite (SQLite always, PostgreSQL when reachable; required when CI=true),
## in TEST_WORKERS parallel processes (pytest-xdist; each has its own databases; the scheduling is
## in tests/conftest.py).
## The docs' browser test also needs Debian's chromium (.ci/run installs it).
test: $(STAMP) $(BROWSER_STAMP) $(CSDL_STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

# The OASIS OData CSDL schemas (XML and JSON) that $metadata is validated against, from npm.
$(CSDL_STAMP): $(CSDL)/package.json $(CSDL)/package-lock.json
	cd $(CSDL) && npm ci --no-audit --no-fund --ignore-scripts
	touch $(CSDL_STAMP)

# playwright-core for tests/browser/docs.mjs (it drives the system's Chromium, downloads none).
$(BROWSER_STAMP): $(BROWSER)/package.json $(BROWSER)/package-lock.json
	cd $(BROWSER) && npm ci --no-audit --no-fund
	touch $(BROWSER_STAMP)

## Ruff, ruff format, mypy strict, and the import-linter layer contracts (pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

## Regenerate openapi.json from the app.
openapi: $(STAMP)
	$(BIN)/okr openapi --output openapi.json

## Regenerate the Python client from openapi.json.
client: $(STAMP)
	bash scripts/gen-client.sh clients/python

## Fail when openapi.json or clients/python differ from a fresh generation.
check-generated: $(STAMP)
	bash scripts/check-generated.sh

$(NPM_STAMP): $(TS)/package.json $(TS)/package-lock.json
	cd $(TS) && npm ci --no-audit --no-fund
	touch $(NPM_STAMP)

## Lint openapi.json: openapi-spec-validator, then Spectral (.spectral.yaml; warnings fail).
spec-lint: $(STAMP) $(NPM_STAMP)
	$(BIN)/openapi-spec-validator openapi.json
	cd $(TS) && npm run --silent lint-spec

## Compile the TypeScript example against types generated from openapi.json (tsc --strict).
ts-check: $(NPM_STAMP)
	cd $(TS) && npm run --silent check

check: lint check-generated spec-lint ts-check

bench: $(STAMP)
	bash scripts/bench.sh

clean:
	rm -rf $(VENV) var/*.db
