"""Run `dbt build` incrementally, or as a full refresh when the dbt project changed since the warehouse was built.

The warehouse records a fingerprint of what its models were built with: the files under models/, macros/ and
seeds/, dbt_project.yml, the dbt version and the command's own arguments (a `--vars` given there). When the
fingerprint differs or was never recorded, every model is rebuilt (`--full-refresh`); otherwise the incremental
models rebuild only the documents whose revision changed (macros/incremental_by_document.sql), and the unit tests
(which depend on the project alone) are left out. It says which ran.
Run it inside `python -m ingest.publish` (as `make dbt` does): the warehouse is $WAREHOUSE_DB.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

PROJECT_PARTS = ("models", "macros", "seeds", "dbt_project.yml")


def project_fingerprint(project_dir: Path, dbt_version: str, arguments: Sequence[str] = ()) -> str:
    """A sha256 over the dbt project's files (path and bytes), the dbt version and the build's arguments."""
    digest = hashlib.sha256()
    for part in (dbt_version, *arguments):
        digest.update(part.encode() + b"\0")
    for name in PROJECT_PARTS:
        root = project_dir / name
        files = sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else [root]
        for path in files:
            if path.exists():
                digest.update(path.relative_to(project_dir).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def dbt_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"dbt-core {version('dbt-core')}, dbt-duckdb {version('dbt-duckdb')}"
    except PackageNotFoundError:
        return "unknown"


def build(db: Path, dbt: Sequence[str], project_dir: Path) -> int:
    """Run dbt (the command and its arguments), adding --full-refresh when the project changed; record it after."""
    from ingest import load

    arguments = [part for part in dbt[1:] if part != "--full-refresh"]
    fingerprint = project_fingerprint(project_dir, dbt_version(), arguments)
    recorded = load.recorded_dbt_fingerprint(db)
    if "--full-refresh" in dbt:
        reason = "full refresh (asked for)"
    elif recorded is None:
        reason = "full refresh (no dbt build recorded in the warehouse)"
    elif recorded != fingerprint:
        reason = "full refresh (the dbt project changed since the last build)"
    else:
        reason = "incremental (the dbt project is unchanged: only changed documents are rebuilt, no unit tests)"
    if reason.startswith("incremental"):
        # A unit test's outcome depends on the project alone (its SQL and given rows), which did not change.
        command = [*dbt, "--exclude-resource-type", "unit_test"]
    else:
        command = list(dbt) if "--full-refresh" in dbt else [*dbt, "--full-refresh"]
    print(f"dbt build: {reason}", flush=True)
    code = subprocess.call(command)
    if code == 0:
        load.record_dbt_fingerprint(db, fingerprint)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.dbt_build",
        description="Run dbt build, as a full refresh only when the dbt project changed since the last build.",
        epilog="example: python -m ingest.publish --db warehouse.duckdb -- python -m ingest.dbt_build -- dbt build",
    )
    parser.add_argument("--db", help="the warehouse file (default: $WAREHOUSE_DB)")
    parser.add_argument("--project-dir", help="the dbt project (default: $DBT_PROJECT_DIR or the current folder)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the dbt command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    db = args.db or os.environ.get("WAREHOUSE_DB")
    if not command or not db:
        parser.error("give the warehouse (--db or $WAREHOUSE_DB) and the dbt command after --")
    project_dir = Path(args.project_dir or os.environ.get("DBT_PROJECT_DIR") or ".")
    from ingest import load

    try:
        return build(Path(db), command, project_dir)
    except load.WarehouseError as error:
        print(f"dbt_build: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
