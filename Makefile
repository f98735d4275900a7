# Claim Tracker: `make run` starts the daemon, `make test` runs lint, types and tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CONFIG ?= config.yaml
LINT_PATHS := tracker tests db $(wildcard bench examples)

.PHONY: setup run test lint typecheck pytest demo clean

$(BIN)/tracker: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/tracker

setup: $(BIN)/tracker

run: setup
	$(BIN)/tracker --config $(CONFIG) init
	$(BIN)/tracker --config $(CONFIG) run

lint: setup
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

demo: setup
	$(BIN)/python examples/demo.py

clean:
	rm -rf $(VENV) build *.egg-info
