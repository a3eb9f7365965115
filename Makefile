# plaint's developer commands.  `make test` is what CI runs (.ci/run).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint field-keys docs bench screenshots clean

# Install and run plaint on the bundled sample: a sample profile and case fill a sample
# complaint form served on this computer (no keyring, account or network needed).
demo: $(VENV)/.installed
	@.ci/system-deps.sh
	$(BIN)/plaint demo

# Install everything and run the whole suite against a real Secret Service and Chromium.
test: $(VENV)/.installed
	@.ci/system-deps.sh
	$(BIN)/ruff check .
	.ci/with-keyring.sh $(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Every benchmark, each against a baseline measured in the same run (docs/benchmarks.md).
bench: $(VENV)/.installed
	@.ci/system-deps.sh
	$(BIN)/python bench/cli_startup.py
	$(BIN)/python bench/engine_speed.py
	$(BIN)/python bench/corpus.py
	.ci/with-keyring.sh $(BIN)/python bench/fill_vs_playwright.py
	.ci/with-keyring.sh $(BIN)/python bench/api_latency.py

# The README's screenshots, from a real run of the demo and the extension.
screenshots: $(VENV)/.installed
	$(BIN)/python docs/screenshots.py

# The engine's copy of the canonical field keys, generated from schemas/keys.py.
field-keys: $(VENV)/.installed
	$(BIN)/python -c "from schemas.keys import engine_module; print(engine_module(), end='')" \
	  > extension/field_keys.js

# docs/cli.md from every command's help and docs/channels.md from the channel registry;
# tests fail when either is stale.
docs: $(VENV)/.installed
	$(BIN)/python -m automations.cli.docs > docs/cli.md
	$(BIN)/python -m automations.cli.docs --help-text > automations/cli/help_text.py
	$(BIN)/python -m automations.sites.docs > docs/channels.md

$(VENV)/.installed: pyproject.toml
	@.ci/system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
