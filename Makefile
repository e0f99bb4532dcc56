# Storyline: `make demo` and `make test` set themselves up on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= storyline.db

.PHONY: install demo test lint format lock bench clean help

help:
	@echo "make demo   - set up .venv, ingest examples/ into ./$(DEMO_DB), print the record (mentions, events, stories, claims)"
	@echo "make test   - set up .venv and run the whole test suite (SQLite and PostgreSQL)"
	@echo "make lint   - ruff check, format check and mypy"
	@echo "make bench  - run the benchmarks (see benchmarks/README.md)"
	@echo "make lock   - re-pin requirements/*.txt with hashes (needs the network)"

# The locks are complete closures: pip installs exactly what they list (--no-deps) and resolves
# nothing, so a release upstream after the lock cannot change the install. pip itself is first
# replaced by the pinned, hash-checked one in requirements/bootstrap.txt, so the system's bundled
# pip does not matter either. `pip check` then fails loudly if the lock misses a dependency.
$(STAMP): requirements/bootstrap.txt requirements/main.txt requirements/dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (set PYTHON=...)")'
	@echo "Setting up $(VENV) from the pinned lock (first time only; under a minute with a warm pip cache)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --no-deps --require-hashes --only-binary=:all: -r requirements/bootstrap.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/main.txt -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m pip check
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/storyline --db $(DEMO_DB) add examples/*.html examples/*.txt
	@echo
	$(VENV)/bin/storyline --db $(DEMO_DB) list
	@echo
	$(VENV)/bin/storyline --db $(DEMO_DB) show 1 --mentions
	@echo
	$(VENV)/bin/storyline --db $(DEMO_DB) events --limit 20
	@echo
	$(VENV)/bin/storyline --db $(DEMO_DB) stories
	@echo
	$(VENV)/bin/storyline --db $(DEMO_DB) claims
	@echo
	@echo "Next: $(VENV)/bin/storyline --db $(DEMO_DB) serve   (the web app on http://127.0.0.1:8000)"

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks experiments
	$(VENV)/bin/ruff format --check src tests benchmarks experiments
	$(VENV)/bin/mypy src/storyline

format: $(STAMP)
	$(VENV)/bin/ruff format src tests benchmarks experiments
	$(VENV)/bin/ruff check --fix src tests benchmarks

lock:
	$(PY) -m pip install --quiet pip-tools
	cd requirements && ../$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o main.txt main.in
	cd requirements && ../$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o dev.txt dev.in
	@echo "Now re-pin requirements/bootstrap.txt by hand: pip download pip, then its sha256 (see the file)."

bench: $(STAMP)
	$(PY) benchmarks/extraction.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
