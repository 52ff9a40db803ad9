"""Shared fixtures: the bundled samples, parsed once, and one warehouse built from them."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from ingest.layouts import parse_document
from ingest.readers import read_document
from ingest.records import ParsedDocument

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SAMPLE_PREFIXES = ("000", "001", "002", "003", "004")


def sample_path(prefix: str) -> Path:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="session")
def parsed() -> dict[str, ParsedDocument]:
    """Each sample parsed, keyed by its three-digit prefix."""
    return {prefix: parse_document(read_document(sample_path(prefix))) for prefix in SAMPLE_PREFIXES}


def run_dbt(args: list[str], db: Path, target: Path) -> None:
    """Run dbt in this process (no ~3 s start-up per command) against the given warehouse file."""
    from dbt.cli.main import dbtRunner

    os.environ["WAREHOUSE_DB"] = str(db)
    os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "False"
    try:
        result = dbtRunner().invoke(
            [*args, "--project-dir", str(ROOT), "--profiles-dir", str(ROOT), "--target-path", str(target), "--quiet"]
        )
    finally:
        _release_duckdb()
    if not result.success:
        failures = []
        for node in getattr(result.result, "results", None) or []:
            if str(node.status) not in ("success", "pass"):
                failures.append(f"{node.node.name}: {node.status} {node.message}")
        raise AssertionError(f"dbt {' '.join(args)} failed: {result.exception or failures}")


def _release_duckdb() -> None:
    """dbt-duckdb keeps its database open for the process; close it so tests can open the file read-only."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager._ENV = None


def build_warehouse(docs: Path, folder: Path) -> Path:
    """Ingest a folder of documents into folder/warehouse.duckdb (exit code 0 expected) and dbt build it."""
    from ingest.cli import main

    db = folder / "warehouse.duckdb"
    assert main(["--db", str(db), "--quiet", str(docs)]) == 0
    run_dbt(["build"], db, folder / "target")
    return db


def read_only(db: Path):
    """A read-only connection to a built warehouse, closed after the test."""
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> Path:
    """The samples ingested and built with dbt (seeds, models, dbt tests) into a fresh DuckDB file."""
    return build_warehouse(SAMPLES, tmp_path_factory.mktemp("warehouse"))


@pytest.fixture()
def marts(warehouse):
    yield from read_only(warehouse)


@pytest.fixture(scope="session")
def results_warehouse(tmp_path_factory) -> Path:
    """Targets next to results: sample 003 (东丽区 2026 budget and target tables), the 部门决算 of the same bureau and
    year rendered to PDF (tests/render_documents.py), and its self-evaluation loaded as records
    (tests/self_evaluation.py), built with dbt into a fresh DuckDB file."""
    from ingest.cli import main
    from ingest.load import connect, load_document
    from render_documents import FINAL_ACCOUNTS
    from render_templates import render_pdf
    from self_evaluation import self_evaluation_result

    folder = tmp_path_factory.mktemp("results")
    db = folder / "warehouse.duckdb"
    documents = folder / "documents"
    documents.mkdir()
    (documents / "东丽区2026年度部门决算.pdf").write_bytes(render_pdf(FINAL_ACCOUNTS))
    assert main(["--db", str(db), "--quiet", str(sample_path("003")), str(documents)]) == 0
    con = connect(db)
    load_document(con, self_evaluation_result(documents))
    con.close()
    run_dbt(["build"], db, folder / "target")
    return db


@pytest.fixture()
def results(results_warehouse):
    yield from read_only(results_warehouse)


@pytest.fixture(scope="session")
def grains_warehouse(tmp_path_factory) -> Path:
    """One city's money at every grain (tests/budget_grains.py: 遂宁市 2024 and 2025, a department table with its
    projects, a transfer, self-evaluations, a 决算), rendered in the first set of formats and built with dbt."""
    from budget_grains import FORMATS, write_documents

    folder = tmp_path_factory.mktemp("grains")
    write_documents(folder / "documents", FORMATS[0])
    return build_warehouse(folder / "documents", folder)


@pytest.fixture()
def grains(grains_warehouse):
    yield from read_only(grains_warehouse)


def run_notebook(path: Path, db: Path, chart_dir: Path, monkeypatch):
    """Execute a stored notebook against a warehouse, charts into chart_dir; return it with its outputs."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("WAREHOUSE_DB", str(db))
    monkeypatch.setenv("CHART_DIR", str(chart_dir))
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return notebook


def is_stored_without_outputs(path: Path) -> bool:
    """Every code cell of the stored notebook has no outputs and no execution count."""
    import json

    code = [cell for cell in json.loads(path.read_text(encoding="utf-8"))["cells"] if cell["cell_type"] == "code"]
    return bool(code) and all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)
