"""Rebuild a warehouse beside the file readers use and swap it in atomically.

Readers (a notebook's read-only connection) keep the file they opened and never block a rebuild; a rebuild never
changes a file under a reader; a killed rebuild leaves the warehouse as it was. One writer at a time: a second one
is told who holds the lock. Used by `ingest` and, through `python -m ingest.publish --db DB -- COMMAND`, by dbt.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusy(Exception):
    """Another writer holds the warehouse; the message says who."""


class BuildFailed(Exception):
    """The build inside a rebuild did not succeed; nothing was swapped in."""


def lock_path(db: Path) -> Path:
    return db.parent / f".{db.name}.lock"


def building_path(db: Path) -> Path:
    """Where the new file is built: a hidden folder beside it, the same file name (DuckDB names the database
    after the file, and dbt's views refer to it by that name)."""
    return db.parent / f".{db.name}.building" / db.name


@contextmanager
def rebuilding(db: str | Path, command: str) -> Iterator[Path]:
    """Hold the writer lock, yield a copy of the warehouse to write, and swap it in if the block succeeds."""
    with writer_lock(db, command) as path, building_copy(path) as staging:
        yield staging


@contextmanager
def writer_lock(db: str | Path, command: str) -> Iterator[Path]:
    """Hold the writer lock of the warehouse (telling who holds it if another does); yield its absolute path."""
    from ingest import load  # the only module that talks to DuckDB

    db = Path(db).absolute()
    if db.exists() and not db.is_file():
        raise load.WarehouseError(f"cannot open {db}: it is not a file")
    if not db.parent.is_dir():
        raise load.WarehouseError(f"cannot open {db}: folder {db.parent} does not exist")
    try:
        handle = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise load.WarehouseError(f"cannot write beside {db}: {error.strerror or error}") from error
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 500, 0).decode(errors="replace").strip() or "another process"
            raise WarehouseBusy(f"{db.name} is being rebuilt by {holder}; try again when it has finished") from None
        foreign = load.write_lock_holder(db) if db.exists() else None
        if foreign:
            raise WarehouseBusy(
                f"{db.name} is open for writing ({foreign}); close that connection, or open it with read_only=True"
            )
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"pid {os.getpid()} ({command}, since {time.strftime('%H:%M:%S')})".encode(), 0)
        try:
            yield db
        finally:
            os.ftruncate(handle, 0)
    finally:
        os.close(handle)  # releases the lock


@contextmanager
def building_copy(db: Path) -> Iterator[Path]:
    """Yield a copy of the warehouse to write (the caller holds the writer lock); swap it in if the block succeeds."""
    from ingest import load

    staging = building_path(db)
    try:
        shutil.rmtree(staging.parent, ignore_errors=True)  # what a killed rebuild left
        staging.parent.mkdir()
        if db.exists():
            shutil.copyfile(db, staging)
            _copy_if_exists(_wal(db), _wal(staging))
        yield staging
        if staging.exists():  # the block wrote something
            load.checkpoint(staging)
            _wal(db).unlink(missing_ok=True)  # it belonged to the old file, now checkpointed into the copy
            os.replace(staging, db)
    except OSError as error:
        raise load.WarehouseError(f"cannot write {db}: {error.strerror or error}") from error
    finally:
        shutil.rmtree(staging.parent, ignore_errors=True)


def _wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def _copy_if_exists(source: Path, target: Path) -> None:
    if source.exists():
        shutil.copyfile(source, target)


def run(db: str | Path, command: Sequence[str]) -> int:
    """Run a command (dbt) against a copy of the warehouse ($WAREHOUSE_DB) and swap it in if it succeeds."""
    with rebuilding(db, " ".join(Path(command[0]).name if i == 0 else part for i, part in enumerate(command))) as copy:
        code = subprocess.call(list(command), env={**os.environ, "WAREHOUSE_DB": str(copy)})
        if code != 0:
            raise BuildFailed(f"{' '.join(command[:2])} exited with {code}; {Path(db).name} was left as it was")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.publish",
        description="Run a command on a copy of the warehouse and swap the copy in when it succeeds.",
        epilog="example: python -m ingest.publish --db warehouse.duckdb -- dbt build",
    )
    parser.add_argument("--db", required=True, help="the warehouse file")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    from ingest import load

    try:
        return run(args.db, command)
    except (WarehouseBusy, BuildFailed, load.WarehouseError) as error:
        print(f"publish: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
