"""Run `dbt build` incrementally, or as a full refresh when the dbt project changed since the warehouse was built.

The warehouse records a fingerprint of what its models were built with: the files under models/, macros/ and
seeds/, dbt_project.yml, the dbt version and the command's own arguments (a `--vars` given there). When the
fingerprint differs or was never recorded, every model is rebuilt (`--full-refresh`). Otherwise the run is
incremental: the incremental models rebuild only the documents whose revision changed
(macros/incremental_by_document.sql), the other tables are rebuilt, and the data tests of the models run; what
depends on the project alone is left out, since the project is unchanged: the views (their SQL is what the last
build created), the seeds and their tests, the tables built from seeds alone and their tests, the unit tests, and
the tests that restate a raw table's primary key (tag raw_key).
When neither the project nor any document changed since the last build (the raw state, ingest.load.raw_state, is
the one recorded), there is nothing to build and dbt is not started. Inside a publish (python -m ingest.publish)
the standby is a publish behind, its models those of the build before last: when the warehouse it will be swapped
into records this project and these documents, the standby becomes a copy of the warehouse and dbt is not started
either. It says which ran. With --docs the command is `dbt docs generate`, run only when the site is out of date
(docs below).
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

# What an incremental build runs (unless the command selects its own nodes): the tables and incremental models,
# which hold data, and the data tests of the models (views included: a view's rows change with its inputs); of
# those, only what is downstream of a raw source (source:*+), since a table built from seeds alone (regions) and
# its tests give what the last build gave while the project is unchanged; and not the tests tagged raw_key, which
# restate a raw table's primary key on a model that selects its rows one for one (models/staging/raw/_raw__models.yml)
# and so can fail only when the project changes.
DOCUMENTS_DOWNSTREAM = "source:*+"
INCREMENTAL_SELECTION = (
    "--select",
    f"{DOCUMENTS_DOWNSTREAM},config.materialized:table",
    f"{DOCUMENTS_DOWNSTREAM},config.materialized:incremental",
    f"{DOCUMENTS_DOWNSTREAM},test_type:data,path:models",
    "--exclude",
    "tag:raw_key",
)
SELECTING = ("-s", "--select", "--selector", "--exclude")


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


def incremental_command(dbt: Sequence[str]) -> list[str]:
    """The dbt command as an incremental build runs it (the command's own selection, if it has one, is kept)."""
    # A view's SQL, a seed's rows and a unit test's outcome depend on the project alone, which did not change.
    selection = () if any(part in SELECTING for part in dbt) else INCREMENTAL_SELECTION
    return [*dbt, *selection, "--exclude-resource-type", "unit_test"]


def build(db: Path, dbt: Sequence[str], project_dir: Path) -> int:
    """Run dbt (the command and its arguments), adding --full-refresh when the project changed; record it after."""
    from ingest import load, publish

    arguments = [part for part in dbt[1:] if part != "--full-refresh"]
    fingerprint = project_fingerprint(project_dir, dbt_version(), arguments)
    recorded, recorded_state = load.recorded_dbt_build(db)
    state = load.raw_state(db)
    published = publish.publishing(db)
    if "--full-refresh" in dbt:
        reason = "full refresh (asked for)"
    elif (recorded, recorded_state) == (fingerprint, state):
        print("dbt build: nothing to do (neither the dbt project nor any document changed since the last build)")
        return 0
    elif published is not None and load.recorded_dbt_build(published) == (fingerprint, state):
        # The standby is a publish behind: its models are older than the warehouse's, which need nothing.
        publish.standby_from_warehouse(published, db)
        print(
            "dbt build: nothing to do (neither the dbt project nor any document changed since the last build; "
            "the standby is now a copy of the warehouse)"
        )
        return 0
    elif recorded is None:
        reason = "full refresh (no dbt build recorded in the warehouse)"
    elif recorded != fingerprint:
        reason = "full refresh (the dbt project changed since the last build)"
    else:
        reason = (
            "incremental (the dbt project is unchanged: only changed documents are rebuilt; "
            "no views, seeds, tables of seeds alone, unit tests or raw key tests)"
        )
    if reason.startswith("incremental"):
        command = incremental_command(dbt)
    else:
        command = list(dbt) if "--full-refresh" in dbt else [*dbt, "--full-refresh"]
    print(f"dbt build: {reason}", flush=True)
    code = subprocess.call(command)
    if code == 0:
        load.record_dbt_build(db, fingerprint, state)
    return code


def docs(db: Path, dbt: Sequence[str], project_dir: Path) -> int:
    """Run `dbt docs generate` unless the site in the target folder was generated from this dbt project (its
    fingerprint, with the docs command's arguments) on a warehouse whose models this project built: the catalogue
    holds the relations' columns and descriptions, no figure of the data, so a build of other documents by the same
    project leaves it as it was. Record what the site was generated from after a run that succeeds."""
    from ingest import load

    target = Path(os.environ.get("DBT_TARGET_PATH") or project_dir / "target")
    stamp = target / "docs_generated_from.txt"
    built = load.recorded_dbt_build(db)[0]
    generated = "\n".join([project_fingerprint(project_dir, dbt_version(), dbt[1:]), built or "", db.name])
    site = [target / "catalog.json", target / "index.html"]
    if built is not None and all(path.exists() for path in site) and stamp.exists() and stamp.read_text() == generated:
        print(f"dbt docs: nothing to do (the site in {target} describes this dbt project's models)")
        return 0
    stamp.unlink(missing_ok=True)
    code = subprocess.call(list(dbt))
    if code == 0 and built is not None:
        stamp.write_text(generated)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.dbt_build",
        description="Run dbt build, as a full refresh only when the dbt project changed since the last build.",
        epilog="example: python -m ingest.publish --db warehouse.duckdb -- python -m ingest.dbt_build -- dbt build",
    )
    parser.add_argument("--db", help="the warehouse file (default: $WAREHOUSE_DB)")
    parser.add_argument("--project-dir", help="the dbt project (default: $DBT_PROJECT_DIR or the current folder)")
    parser.add_argument(
        "--docs", action="store_true", help="the command is dbt docs generate: run it only if the site is out of date"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the dbt command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    db = args.db or os.environ.get("WAREHOUSE_DB")
    if not command or not db:
        parser.error("give the warehouse (--db or $WAREHOUSE_DB) and the dbt command after --")
    project_dir = Path(args.project_dir or os.environ.get("DBT_PROJECT_DIR") or ".")
    from ingest import load

    try:
        return (docs if args.docs else build)(Path(db), command, project_dir)
    except load.WarehouseError as error:
        print(f"dbt_build: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
