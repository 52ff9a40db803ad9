"""Rebuild the warehouse in a standby file beside the one readers use and swap it in atomically.

Two buffers live beside the warehouse, `.<db>.buffers/0/<db>` and `.<db>.buffers/1/<db>` (the same file name: DuckDB
names the database after it, and dbt's views refer to it). The warehouse path is a hard link to one of them; a
rebuild writes the other one, the standby, in place and publishes it with `link` and `rename`, so the warehouse is
replaced at once and stays a regular file. A build writes the standby by one path whichever buffer it is,
`.<db>.buffers/standby/<db>` (`standby` links to the buffer's folder), so dbt's profile stays the same and dbt
parses only what changed in the project (a path differing from the last build's costs a whole parse, ~7 s). The
standby is one publish behind: before the build, its raw tables are brought up to date from the warehouse, document
by document (a changed or removed document's rows are deleted, a new or changed document's rows copied), so a
publish costs what changed, not a copy of the whole warehouse; dbt then brings its models up to date in it
(incrementally, or rebuilt). A build of raw alone (`ingest` by itself) must publish the warehouse's models: when the
buffers hold different builds of them (which build each holds is recorded beside them), the standby is a copy of the
warehouse. A standby that a reader of an earlier build still holds, or that cannot be opened, is replaced by a copy
of the warehouse (and stderr says so).

A warehouse smaller than COPY_BELOW_MB (400 MB; $WAREHOUSE_COPY_BELOW_MB overrides it) is copied into the standby
at each publish instead, silently, as before the buffers: bringing the standby up to date has a fixed cost (open
it, compare raw.documents row by row, delete and insert a changed document's rows in every raw table and their
indexes, checkpoint; ~0.4-1 s) that a copy from the page cache (~2.5 ms/MB here) undercuts on a small file.
Measured (bench/bench_publish.py --warehouse W --repeat 5: a publish after one that re-loaded one document,
in-process, medians, load 6-8 on 2 cores), copy against standby: 40 MB 0.20 s / 0.49 s, 118 MB 0.42 / 0.55 s,
253 MB 0.66 / 0.59 s, 559 MB 1.63 / 1.09 s (another run: 1.32 / 0.66 s). At 253 MB they are even in-process, and
the whole-process bench at 1,000 documents (253 MB, load 9) found the standby slower (a publish alone 1.76x), so the
threshold lies above it. `make warehouse` publishes once either way (one copy below, none above) where it copied
three times.

Readers (a notebook's read-only connection) keep the file they opened and never block a rebuild; a rebuild never
changes a file under a reader; a killed rebuild leaves the warehouse as it was (the standby it left is repaired by
the next one). One writer at a time: a second one is told who holds the lock. Used by `ingest` and, through
`python -m ingest.publish --db DB -- COMMAND`, by dbt; a command run that way (e.g. `make warehouse`'s own steps)
writes the same standby, and one publish swaps in all of it.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

# Set for a command run inside a publish: the warehouse it publishes and the standby file it writes.
PUBLISHING_ENV, BUILDING_ENV = "WAREHOUSE_PUBLISHING", "WAREHOUSE_BUILDING"
# Below this size (MB) a publish copies the warehouse into the standby, above it brings the standby up to date in
# place (see the module); $WAREHOUSE_COPY_BELOW_MB overrides it (0: always in place).
COPY_BELOW_MB, COPY_BELOW_ENV = 400, "WAREHOUSE_COPY_BELOW_MB"


class WarehouseBusy(Exception):
    """Another writer holds the warehouse; the message says who."""


class BuildFailed(Exception):
    """The build inside a rebuild did not succeed; nothing was swapped in."""


class CopyInstead(Exception):
    """The standby cannot be brought up to date in place; the message says why."""


def lock_path(db: Path) -> Path:
    return db.parent / f".{db.name}.lock"


def copy_below() -> int:
    """The size in bytes below which a publish copies the warehouse into the standby instead of syncing it."""
    return int(float(os.environ.get(COPY_BELOW_ENV) or COPY_BELOW_MB) * 1e6)


def buffers_path(db: Path) -> Path:
    return db.parent / f".{db.name}.buffers"


def buffer_path(db: Path, index: int) -> Path:
    """One of the two buffers: a hidden folder beside the warehouse, the same file name."""
    return buffers_path(db) / str(index) / db.name


def standby_link(db: Path) -> Path:
    """The standby's one path: `.<db>.buffers/standby/<db>`, `standby` a link to the buffer's folder (0 or 1)."""
    return buffers_path(db) / "standby" / db.name


def _point_standby(db: Path, index: int) -> Path:
    """The path a build writes the standby buffer by: the same whichever buffer it is, since dbt parses the whole
    project again (about 7 s) when the profile's path differs from the last build's; a link to the buffer's folder
    (so DuckDB's WAL and spill files land beside the buffer), replaced in one step. The buffer's own path where the
    file system has no symbolic links."""
    link = standby_link(db).parent
    with contextlib.suppress(OSError):
        if os.readlink(link) == str(index):
            return standby_link(db)
    new = link.with_name(".standby.new")
    try:
        new.unlink(missing_ok=True)
        os.symlink(str(index), new, target_is_directory=True)
        os.replace(new, link)
    except OSError:
        return buffer_path(db, index)
    return standby_link(db)


def _say(message: str) -> None:
    print(f"publish: {message}", file=sys.stderr)


@contextmanager
def rebuilding(db: str | Path, command: str, models: bool = True) -> Iterator[Path]:
    """Hold the writer lock, yield the standby to write, and swap it in if the block succeeds. With models=False
    the block writes raw only, and the standby's dbt models are made the warehouse's first."""
    with writer_lock(db, command) as path, building(path, models) as standby:
        yield standby


@contextmanager
def writer_lock(db: str | Path, command: str) -> Iterator[Path]:
    """Hold the writer lock of the warehouse (telling who holds it if another does); yield its absolute path.
    Inside a publish of this warehouse (a step of `make warehouse`) the publishing process holds it already."""
    from ingest import load  # the only module that talks to DuckDB

    db = Path(db).absolute()
    if db.exists() and not db.is_file():
        raise load.WarehouseError(f"cannot open {db}: it is not a file")
    if not db.parent.is_dir():
        raise load.WarehouseError(f"cannot open {db}: folder {db.parent} does not exist")
    if session(db) is not None:
        yield db
        return
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


def session(db: Path) -> Path | None:
    """The standby being written, if this process runs inside a publish of this warehouse (whose lock is held)."""
    if os.environ.get(PUBLISHING_ENV) != str(db) or not os.environ.get(BUILDING_ENV):
        return None
    try:
        handle = os.open(lock_path(db), os.O_RDWR)
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return Path(os.environ[BUILDING_ENV])  # the publishing process holds it
    finally:
        os.close(handle)
    return None  # a stale variable: nobody publishes this warehouse


@contextmanager
def building(db: Path, models: bool = False, say: Callable[[str], None] = _say) -> Iterator[Path]:
    """Yield the standby, up to date with the warehouse, to write (the caller holds the writer lock); swap it in if
    the block succeeds. models: whether the block builds dbt's models (dbt), or writes raw only (ingest: the
    standby then gets the warehouse's models too). Inside a publish of this warehouse, yield its standby and leave
    the swap to that publish."""
    from ingest import load

    within = session(db)
    if within is not None:
        yield within
        return
    try:
        standby = prepare(db, models, say)
    except OSError as error:
        raise load.WarehouseError(f"cannot write beside {db}: {error.strerror or error}") from error
    yield standby
    if standby.exists():  # the block wrote something
        try:
            swap(db, standby, say)
        except OSError as error:
            raise load.WarehouseError(f"cannot write {db}: {error.strerror or error}") from error


def prepare(db: Path, models: bool = False, say: Callable[[str], None] = _say) -> Path:
    """The standby buffer, brought up to date with the warehouse (in place, or as a fresh copy; see the module).
    Which build of dbt's models each buffer holds is recorded beside them: a raw-only build (models=False) of a
    standby holding other models than the warehouse gets a copy of the warehouse (quicker than copying the models
    by SQL: 22 s against 0.1 s at 100 documents); a build of the models leaves them to dbt."""
    shutil.rmtree(db.parent / f".{db.name}.building", ignore_errors=True)  # what an older version left
    folder = buffers_path(db)
    if not db.exists():  # a new warehouse: the build creates it in buffer 0
        shutil.rmtree(folder, ignore_errors=True)
        buffer_path(db, 0).parent.mkdir(parents=True)
        _record(db, {"standby": 0, "models": [None, None], "standby_copied": False})
        return _point_standby(db, 0)
    folder.mkdir(exist_ok=True)
    live = db.stat()
    state = _state(db)
    linked = [index for index in (0, 1) if _same_file(buffer_path(db, index), live)]
    index = 1 - linked[0] if linked else 0
    standby = buffer_path(db, index)
    held = state["models"][1 - index] if linked else None
    try:
        if not linked or not standby.exists():
            raise CopyInstead("")  # the first rebuild after the first one (or of a warehouse an older version wrote)
        if live.st_size < copy_below():
            raise CopyInstead("")  # a small warehouse: copying it costs less than bringing the standby up to date
        if state.get("published") != _stamp(live) or _wal(db).exists():
            raise CopyInstead(f"{db.name} was written since it was published (not by ingest or make)")
        if _open_here(standby):
            raise CopyInstead("its standby buffer is held by this process, a reader of an earlier build")
        if not models and (held is None or state["models"][index] != held):
            # A build of raw alone must publish the warehouse's models: copying the file is quicker than them.
            raise CopyInstead("")
        _record(db, {**state, "standby": index, "models": _with(state["models"], index, None)})
        synchronise(standby, db)
        copied = False
    except CopyInstead as reason:
        if str(reason):
            say(f"{reason}; copying {db.name} ({db.stat().st_size / 1e6:.0f} MB) into a fresh standby instead")
        _record(db, {**state, "standby": index, "models": _with(state["models"], index, None)})
        copy_warehouse(db, standby)
        copied = True
    # The standby holds the warehouse's models now, unless the build (which may change them) has begun.
    models_now = _with(state["models"], index, None if models else held)
    _record(db, {**state, "standby": index, "models": models_now, "standby_copied": copied})
    return _point_standby(db, index)


def synchronise(standby: Path, db: Path) -> None:
    """Bring the standby's raw tables up to date with the warehouse, document by document, and drop relations the
    warehouse does not have (dbt rebuilds its models); raise CopyInstead if it cannot be done in place."""
    import duckdb

    from ingest import load

    try:
        con = duckdb.connect(str(standby))
    except duckdb.Error as error:
        text = load._one_line(error)
        if "lock" in text.lower():
            holder = text.split("Conflicting lock is held in ", 1)[-1].split(". ", 1)[0]
            raise CopyInstead(f"its standby buffer is held by {holder}, a reader of an earlier build") from None
        raise CopyInstead(f"its standby buffer cannot be opened ({text})") from None
    try:
        con.execute(f"attach '{_quoted(db)}' as live (read_only)")
        here = con.execute("select current_database()").fetchone()[0]
        if _raw_columns(con, here) != _raw_columns(con, "live"):
            raise CopyInstead("its standby buffer has other raw tables or columns (written by another version)")
        con.execute("begin transaction")
        # A document whose whole row differs (or is on one side only); comparing the rows as structs joined by
        # document_id is exact and 5x quicker than `except all` both ways (0.2 s against 1.0 s at 5,000 documents).
        con.execute(
            "create temp table changed_documents as select document_id "
            "from raw.documents as standby full join live.raw.documents as published using (document_id) "
            "where standby is distinct from published"
        )
        changed = "document_id in (select document_id from changed_documents)"
        tables = con.execute(
            "select distinct table_name from information_schema.columns where table_catalog = 'live' "
            "and table_schema = 'raw' and exists (select 1 from changed_documents) order by 1"
        ).fetchall()
        for (table,) in tables:  # none when no document changed
            con.execute(f"delete from raw.{table} where {changed}")
            con.execute(f"insert into raw.{table} select * from live.raw.{table} where {changed}")
        for schema, name, kind in sorted(_relations(con, here) - _relations(con, "live"), key=lambda item: item[2]):
            con.execute(f'drop {"table" if kind == "BASE TABLE" else "view"} if exists "{schema}"."{name}"')
        con.execute("commit")
        con.execute("detach live")
        con.execute("checkpoint")
    except duckdb.Error as error:
        raise CopyInstead(f"its standby buffer could not be brought up to date ({load._one_line(error)})") from None
    finally:
        con.close()


def _raw_columns(con, catalog: str) -> list[tuple]:
    return con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema = 'raw' order by table_name, ordinal_position",
        [catalog],
    ).fetchall()


def _relations(con, catalog: str) -> set[tuple]:
    return set(
        con.execute(
            "select table_schema, table_name, table_type from information_schema.tables "
            "where table_catalog = ? and table_schema <> 'raw'",
            [catalog],
        ).fetchall()
    )


def swap(db: Path, standby: Path, say: Callable[[str], None] = _say) -> None:
    """Publish the standby: checkpointed (no WAL), linked beside the warehouse and renamed over it in one step.
    The buffer published holds a build of dbt's models of its own (or the warehouse's, after a raw-only build)."""
    from ingest import load

    load.checkpoint(standby)
    new = db.parent / f".{db.name}.publishing"
    new.unlink(missing_ok=True)
    try:
        os.link(standby, new)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        say(f"this file system has no hard links ({error.strerror}); publishing a copy of the build")
        shutil.copyfile(standby, new)
    _wal(db).unlink(missing_ok=True)  # of an older file; the new one has none
    os.replace(new, db)
    state = _state(db)
    index = state["standby"]
    models = state["models"][index] or uuid.uuid4().hex  # None: the build made models of its own
    _record(
        db,
        {
            "published": _stamp(db.stat()),
            "standby": 1 - index,
            "models": _with(state["models"], index, models),
            "copied": state.get("standby_copied", True),
        },
    )


def publishing(standby: str | Path) -> Path | None:
    """The warehouse a publish will swap the standby into, when standby is the file that publish is building (this
    process runs inside it); else None."""
    live, building = os.environ.get(PUBLISHING_ENV), os.environ.get(BUILDING_ENV)
    if not live or not building or Path(building).absolute() != Path(standby).absolute():
        return None
    return Path(live) if session(Path(live)) is not None and Path(live).exists() else None


def standby_from_warehouse(db: Path, standby: Path) -> None:
    """Make the standby a copy of the warehouse: for a build that finds the warehouse already built from what the
    standby holds, while the standby, a publish behind, holds older models."""
    copy_warehouse(db, standby)
    _record(db, {**_state(db), "standby_copied": True})


def published_by_copy(db: str | Path) -> bool | None:
    """Whether the warehouse's last publish was a copy of the warehouse before it (True) or the standby brought up
    to date in place (False); None when not recorded."""
    return _state(Path(db).absolute()).get("copied")


def _state(db: Path) -> dict:
    """What the buffers hold, as recorded: the warehouse file when published (inode, size, time), the buffer being
    built, which build of dbt's models each buffer holds (None: unknown, or being built), and whether the standby
    (and then the file published) was a copy of the warehouse."""
    try:
        state = json.loads((buffers_path(db) / "state.json").read_text())
    except (OSError, ValueError):
        return {"published": None, "standby": 0, "models": [None, None]}
    return state


def _record(db: Path, state: dict) -> None:
    path = buffers_path(db) / "state.json"
    path.with_suffix(".new").write_text(json.dumps(state))
    os.replace(path.with_suffix(".new"), path)


def _with(values: list, index: int, value) -> list:
    return [value if position == index else item for position, item in enumerate(values)]


def _stamp(stat: os.stat_result) -> list:
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def _same_file(path: Path, stat: os.stat_result) -> bool:
    try:
        mine = path.stat()
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (stat.st_dev, stat.st_ino)


def _open_here(path: Path) -> bool:
    """Whether this process has the file open (DuckDB's lock does not stop a process's own second connection)."""
    target = path.stat()
    with contextlib.suppress(OSError):
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError):
                if _same_file(Path(f"/proc/self/fd/{fd}"), target):
                    return True
    return False


def copy_warehouse(db: Path, target: Path) -> None:
    """A fresh file (a new inode: a reader of the old one keeps it) holding a copy of the warehouse."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    _wal(target).unlink(missing_ok=True)
    shutil.copyfile(db, target)
    if _wal(db).exists():
        shutil.copyfile(_wal(db), _wal(target))


def _wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


@contextmanager
def _own_parse(profile: str) -> Iterator[None]:
    """dbt keeps its parse of the project in $DBT_TARGET_PATH/partial_parse.msgpack, good for one profile only (a run
    with another one parses the whole project, ~7 s, and writes its own). A read-only run's profile differs from a
    build's (the warehouse's own path, read-only), so it keeps its parse beside the build's, which it puts back."""
    target = os.environ.get("DBT_TARGET_PATH")
    if not target:
        yield
        return
    shared = Path(target) / "partial_parse.msgpack"
    own, kept = shared.with_name(f"partial_parse.{profile}.msgpack"), shared.with_name("partial_parse.kept.msgpack")
    with contextlib.suppress(FileNotFoundError):
        os.replace(shared, kept)
    with contextlib.suppress(FileNotFoundError):
        os.replace(own, shared)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.replace(shared, own)
        with contextlib.suppress(FileNotFoundError):
            os.replace(kept, shared)


def run(db: str | Path, command: Sequence[str], read_only: bool = False) -> int:
    """Run a command (dbt) against the standby ($WAREHOUSE_DB) and swap it in if it succeeds. A read-only command
    (dbt docs generate) runs against the warehouse itself, or against the standby inside a publish."""
    db = Path(db).absolute()
    env = {**os.environ}
    within = session(db)
    if read_only and within is None:
        with _own_parse("read_only"):
            return subprocess.call(
                list(command), env={**env, "WAREHOUSE_DB": str(db), "WAREHOUSE_ACCESS_MODE": "read_only"}
            )
    label = " ".join(Path(command[0]).name if i == 0 else part for i, part in enumerate(command))
    with writer_lock(db, label), building(db, models=True) as standby:
        env.update({"WAREHOUSE_DB": str(standby), PUBLISHING_ENV: str(db), BUILDING_ENV: str(standby)})
        code = subprocess.call(list(command), env=env)
        if code != 0:
            raise BuildFailed(f"{' '.join(command[:2])} exited with {code}; {db.name} was left as it was")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.publish",
        description="Run a command on the standby copy of the warehouse and swap it in when it succeeds.",
        epilog="example: python -m ingest.publish --db warehouse.duckdb -- dbt build",
    )
    parser.add_argument("--db", required=True, help="the warehouse file")
    parser.add_argument(
        "--read-only", action="store_true", help="the command only reads: run it on the warehouse, publish nothing"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    from ingest import load

    try:
        return run(args.db, command, read_only=args.read_only)
    except (WarehouseBusy, BuildFailed, load.WarehouseError) as error:
        print(f"publish: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
