"""Publishing benchmark: what a one-document re-run costs to publish, copying the warehouse (a git revision
before the double buffering, default 0fe2b26) against bringing the standby buffer up to date (this tree).

N generated documents (bench_scale.generate) are ingested and built by dbt (seeds and models) once; the file is
copied into two folders, one per publishing scheme, and each gets a warm-up publish. Then, in each folder, in the
same run: one document is changed and `ingest --prune` re-run (the ingest parses that document; the rest is the
publish); one document changed and make warehouse's steps with dbt's work left out (before: ingest, then two
publishes around a command that does nothing, for dbt build and dbt docs; now: ingest inside one publish); and a
publish around a command that does nothing (`python -m ingest.publish --db W -- true`: one publish alone).
Printed: seconds of each, bytes copied per publish (the whole file before; now when the file published is not a
buffer that was written in place), as ratios.

Run: .venv/bin/python bench/bench_publish.py --documents 100 [--repeat 3]
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


def command(args: list[str], python_path: Path | None, db: Path) -> tuple[float, str]:
    """Run a command; return its wall time and its stderr."""
    env = {**os.environ, **dbt_env(db)}
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="re-runs per scheme, alternating (default 3)")
    parser.add_argument("--baseline", default="0fe2b26", help="the git revision that copies (default 0fe2b26)")
    parser.add_argument("--work", type=Path, help="a folder to keep the corpus in (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_publish_"))
    work.mkdir(parents=True, exist_ok=True)
    docs = work / "docs"
    if not docs.exists():
        generate(docs, args.documents, pdf_share=0.0)
    past = time.time() - 3600
    for path in docs.iterdir():
        os.utime(path, (past, past))
    old_tree = baseline_tree(args.baseline, work / "baseline")
    if old_tree is None:
        sys.exit(f"unknown revision {args.baseline}")
    built = work / "built" / "w.duckdb"
    if not built.exists():
        built.parent.mkdir(exist_ok=True)
        command(ingest(built, docs), None, built)
        command(publish(built, "sh", "-c", f"{BIN / 'dbt'} seed --quiet && {BIN / 'dbt'} run --quiet"), None, built)
    size = built.stat().st_size
    print(f"{args.documents} documents; warehouse {size / 1e6:.1f} MB; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")  # fmt: skip
    schemes = {"copy (before)": old_tree, "standby (now)": None}
    dbs = {}
    for name, tree in schemes.items():
        folder = work / name.split()[0]
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        dbs[name] = folder / "w.duckdb"
        shutil.copyfile(built, dbs[name])
        for _ in range(2):  # warm-up: the first standby is a copy; the second publish is in steady state
            command(publish(dbs[name], "true"), tree, dbs[name])
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
            for name, tree in schemes.items():
                db = dbs[name]
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
                    buffers = {path.stat().st_ino for path in db.parent.glob(f".{db.name}.buffers/*/{db.name}")}
                    took, _ = command(args_, tree, db)
                    seconds += took
                    figures[name]["publishes"] += 1
                    copied = tree is not None or db.stat().st_ino not in buffers  # not a buffer written in place
                    figures[name]["copied"] += db.stat().st_size if copied else 0
                    figures[name]["copies"] += copied
                figures[name][step].append(seconds)
    before, now = (figures[name] for name in schemes)

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    for name, values in figures.items():
        print(f"{name}: one-document ingest re-run {median(values['ingest']):.2f} s; make warehouse's steps with "
              f"one changed document, dbt aside, {median(values['warehouse']):.2f} s; a publish alone "
              f"{median(values['publish']):.2f} s; {values['copied'] / values['publishes'] / 1e6:.1f} MB copied "
              f"per publish ({values['copies']} of {values['publishes']} publishes copied the file; medians of "
              f"{args.repeat})")  # fmt: skip
    print(f"now / before: ingest re-run {median(now['ingest']) / median(before['ingest']):.2f}x, make warehouse "
          f"(dbt aside) {median(now['warehouse']) / median(before['warehouse']):.2f}x, a publish alone "
          f"{median(now['publish']) / median(before['publish']):.2f}x")  # fmt: skip
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
