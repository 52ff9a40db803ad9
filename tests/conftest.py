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
