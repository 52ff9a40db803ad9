# Two commands do all the set-up on a fresh machine:
#   make warehouse   install, ingest the documents (bundled samples by default), dbt build, dbt docs
#   make test        install, run every test
# Other documents or another file: make warehouse DOCS=path/to/folder DB=path/to/file.duckdb

PYTHON ?= python3
VENV ?= .venv
DB ?= warehouse.duckdb
DOCS ?= data/samples
BIN := $(VENV)/bin

export WAREHOUSE_DB := $(abspath $(DB))
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_PROJECT_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
# Each warehouse has its own dbt target folder (manifest, catalogue, docs site), named after its file and path.
export DBT_TARGET_PATH := $(CURDIR)/target/$(notdir $(basename $(DB)))-$(shell printf '%s' '$(abspath $(DB))' | sha256sum | cut -c1-8)
# dbt writes the standby copy of the warehouse and swaps it in: an open read-only reader never blocks it, nor sees a
# half build (ingest/publish.py). `make warehouse` runs its three steps in one standby and publishes once.
PUBLISH := $(BIN)/python -m ingest.publish --db $(DB)

.PHONY: setup system-deps warehouse ingest explain dbt docs serve-docs notebook lab test lint bench bench-ocr bench-scale templates-report formats-report pdf-backends-report clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

warehouse: setup
	$(PUBLISH) -- $(MAKE) --no-print-directory ingest dbt docs

ingest: setup
	$(BIN)/ingest --db $(DB) --prune $(DOCS)

# What the parser saw in one document, as a page: make explain FILE=report.pdf [HTML=report.html] [VOCABULARY=my.csv]
HTML ?= $(basename $(notdir $(FILE))).explain.html
explain: setup
	@test -n "$(FILE)" || { echo "usage: make explain FILE=path/to/document [HTML=out.html] [VOCABULARY=my.csv]" >&2; exit 2; }
	$(BIN)/ingest-explain $(if $(VOCABULARY),--vocabulary "$(VOCABULARY)") --html "$(HTML)" "$(FILE)"

# Incremental (only changed documents' rows rebuilt) unless the dbt project changed since the warehouse's last
# build (models/, macros/, seeds/, dbt_project.yml, dbt version: a fingerprint recorded in it): then --full-refresh.
dbt: setup
	$(PUBLISH) -- $(BIN)/python -m ingest.dbt_build -- $(BIN)/dbt build

# Only when the site is out of date: generated from another dbt project, or before the warehouse's models were built.
docs: setup
	$(PUBLISH) --read-only -- $(BIN)/python -m ingest.dbt_build --docs -- $(BIN)/dbt docs generate --static
	@echo "docs site: $(DBT_TARGET_PATH)/static_index.html"

serve-docs: docs
	$(BIN)/dbt docs serve --port 8080

system-deps:
	bash scripts/install_system_deps.sh

test: setup system-deps
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check ingest tests
	$(BIN)/ruff format --check ingest tests

# Execute every notebook against $(DB); charts as PNG and the executed notebook as HTML in notebooks/output/.
notebook: setup system-deps
	for nb in notebooks/[0-9][0-9]_*.ipynb; do \
		$(BIN)/jupyter nbconvert --to html --execute --ExecutePreprocessor.timeout=600 \
			--output-dir notebooks/output "$$nb" || exit 1; \
	done

# Install JupyterLab (optional dependency group 'lab') and open the notebooks in it.
lab: setup system-deps
	$(BIN)/python -m pip install --quiet -e '.[dev,lab]'
	cd notebooks && ../$(BIN)/jupyter lab

bench: setup
	$(BIN)/python bench/bench_pdf.py

bench-ocr: setup
	$(BIN)/python bench/bench_ocr.py --exactness

# N generated documents through ingest and dbt, and a re-run after one change: make bench-scale N=1000
N ?= 100
bench-scale: setup
	$(BIN)/python bench/bench_scale.py --documents $(N)

templates-report: setup
	$(BIN)/python scripts/templates_report.py

formats-report: setup system-deps
	$(BIN)/python scripts/formats_report.py

# Read the PDFs under $(PDFS) with both PDF backends and print where their Documents differ.
PDFS ?= $(DOCS)
pdf-backends-report: setup
	$(BIN)/python scripts/pdf_backends_report.py $(PDFS)

clean:
	rm -rf target logs warehouse.duckdb warehouse.duckdb.wal .warehouse.duckdb.lock .warehouse.duckdb.building \
		.warehouse.duckdb.buffers .warehouse.duckdb.publishing
