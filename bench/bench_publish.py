"""Publishing benchmark: what a one-document re-run costs to publish, copying the warehouse (a git revision
before the double buffering, default 0fe2b26; and this tree below its size threshold, $WAREHOUSE_COPY_BELOW_MB)
against bringing the standby buffer up to date in place (this tree above the threshold).

N generated documents (bench_scale.generate) are ingested and built by dbt (seeds and models) once; the file is
copied into one folder per publishing scheme, and each gets a warm-up publish. Then, in each folder, in the
same run: one document is changed and `ingest --prune` re-run (the ingest parses that document; the rest is the
publish); one document changed and make warehouse's steps with dbt's work left out (before: ingest, then two
publishes around a command that does nothing, for dbt build and dbt docs; now: ingest inside one publish); and a
publish around a command that does nothing (`python -m ingest.publish --db W -- true`: one publish alone).
Printed: seconds of each, bytes copied per publish (the whole file before; now when the publish recorded a copy,
not a standby brought up to date in place), as ratios.
With --warehouse W (an existing warehouse, e.g. a large one): in this process, a publish alone after a publish that
re-loaded one document (so the standby has it to bring up to date), copy against standby, on two copies of W.

Run: .venv/bin/python bench/bench_publish.py --documents 100 [--repeat 3]
     .venv/bin/python bench/bench_publish.py --warehouse /tmp/b1000/warehouse.duckdb [--repeat 3]
The machine is shared: compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
BIN = Path(sys.executable).parent

from bench_scale import baseline_tree, dbt_env, generate  # noqa: E402

sys.path.insert(0, str(ROOT))
import duckdb  # noqa: E402

from ingest import publish as publish_  # noqa: E402


def command(args: list[str], scheme: tuple[Path | None, str], db: Path) -> tuple[float, str]:
    """Run a command with a scheme (a tree to run instead of this one, the size threshold in MB); return its wall
    time and its stderr."""
    python_path, threshold = scheme
    env = {**os.environ, **dbt_env(db), "WAREHOUSE_COPY_BELOW_MB": threshold}
    if python_path:
        env["PYTHONPATH"] = str(python_path)
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, cwd=db.parent)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return time.perf_counter() - started, done.stderr


def ingest(db: Path, docs: Path) -> list[str]:
    return [str(BIN / "python"), "-c", "from ingest.cli import main; import sys; sys.exit(main())",
            "--db", str(db), "--quiet", "--prune", "--workers", "1", str(docs)]  # fmt: skip


def publish(db: Path, *what: str) -> list[str]:
    return [str(BIN / "python"), "-m", "ingest.publish", "--db", str(db), "--", *what]


def reload_one_document(db: Path, offset: int) -> None:
    """A publish (of the scheme $WAREHOUSE_COPY_BELOW_MB says) whose build loads one document again, as a re-run of
    a changed document does: its rows deleted and inserted in every raw table, its raw.documents row changed."""
    with publish_.rebuilding(db, "bench") as standby:
        con = duckdb.connect(str(standby))
        (document,) = con.execute(
            "select document_id from raw.documents order by document_id limit 1 offset ?", [offset]
        ).fetchone()
        tables = con.execute("select table_name from information_schema.tables where table_schema = 'raw'").fetchall()
        for (table,) in tables:
            con.execute(f"create temp table again as select * from raw.{table} where document_id = ?", [document])
            con.execute(f"delete from raw.{table} where document_id = ?", [document])
            con.execute(f"insert into raw.{table} select * from again")
            con.execute("drop table again")
        con.execute("update raw.documents set parse_seconds = parse_seconds + 1 where document_id = ?", [document])
        con.close()


def publish_alone(warehouse: Path, work: Path, repeat: int) -> None:
    """--warehouse: in this process (python's start-up and imports, the same for both, left out), a publish whose
    build does nothing, after a publish that loaded one document again; copying (below the threshold) against the
    standby brought up to date in place (above it), interleaved, on two copies of the warehouse."""
    schemes = {"copy": "1e9", "standby": "0"}  # $WAREHOUSE_COPY_BELOW_MB
    dbs = {}
    for name in schemes:
        folder = work / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        dbs[name] = folder / warehouse.name
        shutil.copyfile(warehouse, dbs[name])
    seconds: dict[str, list[float]] = {name: [] for name in schemes}
    for step in range(-2, repeat):  # two warm-up rounds: the first standby is a copy
        for name, threshold in schemes.items():
            os.environ[publish_.COPY_BELOW_ENV] = threshold
            reload_one_document(dbs[name], step + 2)
            started = time.perf_counter()
            with publish_.rebuilding(dbs[name], "bench"):
                pass
            if step >= 0:
                seconds[name].append(time.perf_counter() - started)
                assert publish_.published_by_copy(dbs[name]) is (name == "copy")
    copy, standby = (sorted(values)[len(values) // 2] for values in seconds.values())
    print(f"{warehouse} ({warehouse.stat().st_size / 1e6:.0f} MB): a publish after one document re-loaded, copy "
          f"{copy:.2f} s, standby in place {standby:.2f} s: {standby / copy:.2f}x (medians of {repeat}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="re-runs per scheme, alternating (default 3)")
    parser.add_argument("--baseline", default="0fe2b26", help="the git revision that copies (default 0fe2b26)")
    parser.add_argument("--work", type=Path, help="a folder to keep the corpus in (default: a temporary one)")
    parser.add_argument("--warehouse", type=Path, help="measure a publish alone on copies of this warehouse")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_publish_"))
    work.mkdir(parents=True, exist_ok=True)
    if args.warehouse:
        publish_alone(args.warehouse, work, args.repeat)
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    docs = work / "docs"
    past = time.time() - 3600
    if not docs.exists():
        generate(docs, args.documents, pdf_share=0.0)
        for path in docs.iterdir():  # an hour old, as a kept corpus (whose warehouse records its times) is
            os.utime(path, (past, past))
    old_tree = baseline_tree(args.baseline, work / "baseline")
    if old_tree is None:
        sys.exit(f"unknown revision {args.baseline}")
    here = (None, "0")
    built = work / "built" / "w.duckdb"
    if not built.exists():
        built.parent.mkdir(exist_ok=True)
        command(ingest(built, docs), here, built)
        command(publish(built, "sh", "-c", f"{BIN / 'dbt'} seed --quiet && {BIN / 'dbt'} run --quiet"), here, built)
    size = built.stat().st_size
    print(f"{args.documents} documents; warehouse {size / 1e6:.1f} MB; load "
          f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    # Each scheme: the tree to run (None: this one) and $WAREHOUSE_COPY_BELOW_MB.
    schemes = {
        f"copy (before, {args.baseline})": (old_tree, ""),
        "copy (now, below the threshold)": (None, "1e9"),
        "standby (now, above the threshold)": here,
    }
    dbs = {}
    for name, scheme in schemes.items():
        folder = work / name.split()[0] / name.split()[1].strip("(,")
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        dbs[name] = folder / "w.duckdb"
        shutil.copyfile(built, dbs[name])
        for _ in range(2):  # warm-up: the first standby is a copy; the second publish is in steady state
            command(publish(dbs[name], "true"), scheme, dbs[name])
    figures = {
        name: {"ingest": [], "warehouse": [], "publish": [], "copied": 0, "copies": 0, "publishes": 0}
        for name in schemes
    }
    changed = sorted(docs.glob("*.txt"))[len(list(docs.glob("*.txt"))) // 2]
    stamp = past
    for _ in range(args.repeat):
        for step in ("ingest", "warehouse", "publish"):
            if step != "publish":  # one document changed: its re-run parses it
                stamp += 60
                with changed.open("a", encoding="utf-8") as handle:
                    handle.write("\n")
                os.utime(changed, (stamp, stamp))
            for name, scheme in schemes.items():
                db, tree = dbs[name], scheme[0]
                if step == "ingest":
                    commands = [ingest(db, docs)]
                elif step == "publish":
                    commands = [publish(db, "true")]
                elif tree is not None:  # make warehouse before: ingest, dbt and docs each published (dbt aside here)
                    commands = [ingest(db, docs), publish(db, "true"), publish(db, "true")]
                else:  # now: the three steps in one standby, one publish
                    commands = [publish(db, *ingest(db, docs))]
                seconds = 0.0
                for args_ in commands:
                    took, _ = command(args_, scheme, db)
                    seconds += took
                    figures[name]["publishes"] += 1
                    copied = tree is not None or publish_.published_by_copy(db)  # recorded beside the buffers
                    figures[name]["copied"] += db.stat().st_size if copied else 0
                    figures[name]["copies"] += copied
                figures[name][step].append(seconds)
    steps = ("ingest", "warehouse", "publish")
    titles = {"ingest": "one-document ingest re-run", "warehouse": "make warehouse's steps (dbt aside)",
              "publish": "a publish alone"}  # fmt: skip

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    for name, values in figures.items():
        print(f"{name}: " + "; ".join(f"{titles[step]} {median(values[step]):.2f} s" for step in steps)
              + f"; {values['copied'] / values['publishes'] / 1e6:.1f} MB copied per publish ({values['copies']} of "
              f"{values['publishes']} publishes copied the file; medians of {args.repeat})")  # fmt: skip
    before, copying, standby = (figures[name] for name in schemes)
    for label, (x, y) in {"standby / copy before": (standby, before), "standby / copy now": (standby, copying),
                          "copy now / copy before": (copying, before)}.items():  # fmt: skip
        print(f"{label}: " + ", ".join(f"{titles[step]} {median(x[step]) / median(y[step]):.2f}x" for step in steps))
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
