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
With --warehouse W (an existing warehouse, e.g. a large one): only a publish alone, on copies of W, of a command that
changes one document's raw.documents row (so that the standby has one changed document to bring up to date).

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


# With --warehouse: the command published changes one document's row (its parse time), as a re-run of a changed
# document would, so that each publish has the document of the publish before to bring into the standby.
TOUCH = """import os, duckdb
con = duckdb.connect(os.environ["WAREHOUSE_DB"])
con.execute("update raw.documents set parse_seconds = parse_seconds + 1 "
            "where document_id = (select min(document_id) from raw.documents)")
con.close()
"""


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
    docs = work / "docs"
    past = time.time() - 3600
    if not docs.exists() and not args.warehouse:
        generate(docs, args.documents, pdf_share=0.0)
        for path in docs.iterdir():  # an hour old, as a kept corpus (whose warehouse records its times) is
            os.utime(path, (past, past))
    old_tree = baseline_tree(args.baseline, work / "baseline")
    if old_tree is None:
        sys.exit(f"unknown revision {args.baseline}")
    here = (None, "0")
    built = args.warehouse or work / "built" / "w.duckdb"
    if not built.exists():
        built.parent.mkdir(exist_ok=True)
        command(ingest(built, docs), here, built)
        command(publish(built, "sh", "-c", f"{BIN / 'dbt'} seed --quiet && {BIN / 'dbt'} run --quiet"), here, built)
    size = built.stat().st_size
    print(f"{built if args.warehouse else f'{args.documents} documents'}; warehouse {size / 1e6:.1f} MB; load "
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
    changed = None if args.warehouse else sorted(docs.glob("*.txt"))[len(list(docs.glob("*.txt"))) // 2]
    stamp = past
    for _ in range(args.repeat):
        for step in ("publish",) if args.warehouse else ("ingest", "warehouse", "publish"):
            if step != "publish":  # one document changed: its re-run parses it
                stamp += 60
                with changed.open("a", encoding="utf-8") as handle:
                    handle.write("\n")
                os.utime(changed, (stamp, stamp))
            for name, scheme in schemes.items():
                db, tree = dbs[name], scheme[0]
                if step == "ingest":
                    commands = [ingest(db, docs)]
                elif step == "publish" and args.warehouse:  # one document's row changed by the command published
                    commands = [publish(db, str(BIN / "python"), "-c", TOUCH)]
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
    steps = ("publish",) if args.warehouse else ("ingest", "warehouse", "publish")
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
