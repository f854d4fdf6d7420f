# Dialogstöd: `make serve` and `make test` are the two commands a newcomer needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A CPU build of torch; an unpinned torch would pull a multi-GB CUDA build.
TORCH := torch==2.13.0
WIDGET := api/widget
# npm ci runs again only when node_modules is gone (and the stamp with it) or the lock is newer.
WIDGET_STAMP := $(WIDGET)/node_modules/.installed

.PHONY: install browser serve test bench soak eval lint format corpus widget widget-deps clean

install: $(STAMP)

# Debian's Chromium for the browser tests; Playwright's own browser download cannot work offline.
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e '.[test,eval]'
	touch $(STAMP)

# Serves the committed api/widget/widget.js: no npm needed.
serve: install
	$(BIN)/dialogstod serve

# The chat widget: ES modules in api/widget/src/, bundled by esbuild into api/widget/widget.js,
# which is committed. Run after changing src/; a test fails while the bundle is out of date.
widget: widget-deps
	cd $(WIDGET) && npm run --silent build

widget-deps: $(WIDGET_STAMP)

$(WIDGET_STAMP): $(WIDGET)/package-lock.json
	cd $(WIDGET) && npm ci --no-audit --no-fund
	touch $@

# Lint first: a change that is not formatted, linted and typed does not pass. esbuild is for
# the test that rebuilds the widget and compares it with the committed bundle.
test: install browser lint widget-deps
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python -m evals.bench

# Mixed chat, stream and ingest traffic on 127.0.0.1 for SOAK_MINUTES; errors and memory growth.
SOAK_MINUTES ?= 10
soak: install
	$(BIN)/python -m evals.soak --minutes $(SOAK_MINUTES)

# The whole gold set, the LangChain baseline and both embedding models; report in test-output/eval/.
# Then the held-out questions over press releases and saved web pages (evals/prosa/).
eval: install
	$(BIN)/dialogstod eval --out test-output/eval
	$(BIN)/dialogstod eval --texter evals/prosa/texter --dataset evals/prosa/heldout.jsonl \
		--no-models --out test-output/eval-prosa

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Rebuilds the PDF, DOCX and XLSX files of the demo corpus from their committed sources.
corpus: install
	$(BIN)/python corpus/_build/build_binary_documents.py

clean:
	rm -rf $(VENV) data $(WIDGET)/node_modules
