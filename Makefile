# Two commands do all set-up on a fresh machine with Python, pip and make:
#   make demo   build the graph of the bundled plan and the published outputs
#   make test   run lint, type checks and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The browser tests drive Debian's Chromium; make test installs it when it is missing.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint typecheck screenshot bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

demo: $(VENV)/.installed
	$(BIN)/orggraph build data/kh168.txt -o data/kh168.ttl
	$(BIN)/orggraph validate data/kh168.ttl
	$(BIN)/orggraph render -o graph --analysis-rdf data/kh168-analysis.ttl > /dev/null
	$(BIN)/orggraph load --lang en --max-width 28 | head -8
	$(BIN)/orggraph overlaps --table measures --table lead_conflicts --lang en --max-width 32
	@echo
	@echo "Outputs:"
	@echo "  data/kh168.ttl            the knowledge graph of Plan 168-KH/TU (Turtle)"
	@echo "  data/kh168-analysis.ttl   overlap results as RDF (measures, mirrors)"
	@echo "  graph/index.html          the site: open it in a browser (offline); views in graph/views/"
	@echo "  graph/exports/            load and overlap tables (CSV, XLSX, JSON), matrix, GraphML, GEXF"
	@echo "  graph/ontology.ttl, graph/shapes.ttl   the vocabulary and its SHACL shapes"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests"
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null \
	  || ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null)

test: lint typecheck $(CHROMIUM)
	$(BIN)/pytest

# Retake docs/coordination.png (README's picture) with the browser test.
screenshot: $(VENV)/.installed-test $(CHROMIUM)
	ORGGRAPH_SCREENSHOT=1 $(BIN)/pytest -q tests/test_browser.py -k "coordination_view or what_by_when"

# Benchmarks at 10^3..10^6 triples (about 40 minutes on 2 cores); writes docs/BENCHMARKS.md.
bench: $(VENV)/.installed-test $(CHROMIUM)
	$(BIN)/python bench/scale.py --out docs/BENCHMARKS.md
	$(BIN)/python bench/commands.py --out docs/END_TO_END.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
