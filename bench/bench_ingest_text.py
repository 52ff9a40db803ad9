"""Text ingest against a baseline revision, in one run: documents/s, rows/s and CPU seconds, and a profile.

N text documents are generated as bench_scale.py generates its corpus (the samples moved to other issuers, years
and amounts; no PDF). The baseline revision (default ee017a9, main before the issue-18 work) is unpacked into
the work folder (bench_scale.baseline_tree) and imported through PYTHONPATH; both trees ingest the same files into
fresh warehouses with the same number of workers, alternately, `--repeat` times each (the best run of each
counts: the machine is shared). Then the current tree's parse of the documents is profiled in one process
(cProfile, top 25 by cumulative time).

Run: .venv/bin/python bench/bench_ingest_text.py --documents 100 --workers 2
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import baseline_tree, fresh_file, generate, ingest, raw_rows  # noqa: E402

BASELINE = "ee017a9"


def profile_parse(docs: Path, top: int = 25) -> str:
    """The current tree's parse of every document in one process, profiled: the top functions by cumulative time."""
    from ingest.pipeline import parse_raw

    paths = sorted(docs.glob("*.txt"))
    parse_raw(paths[0])  # imports and first-use caches outside the profile
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for path in paths:
        parse_raw(path)
    profiler.disable()
    seconds = time.perf_counter() - started
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return f"profile of parse_raw on {len(paths)} documents, one process ({seconds:.1f} s under cProfile):\n" + (
        out.getvalue()
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", "-n", type=int, default=100, help="text documents to generate (default 100)")
    parser.add_argument("--workers", type=int, default=2, help="ingest processes, both trees (default 2)")
    parser.add_argument("--baseline", default=BASELINE, help=f"git revision to compare with (default {BASELINE})")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each tree, alternating (best counts)")
    parser.add_argument("--no-profile", action="store_true", help="skip the profile")
    parser.add_argument("--folder", type=Path, help="work folder (default: a temporary one, removed)")
    args = parser.parse_args(argv)
    work = args.folder or Path(tempfile.mkdtemp(prefix="bench-text-"))
    try:
        return run(args, work)
    finally:
        if args.folder is None:
            shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path) -> int:
    docs = work / f"docs-{args.documents}"
    if not docs.exists():
        generate(docs, args.documents, pdf_share=0.0)
    past = time.time() - 3600
    for path in docs.iterdir():
        os.utime(path, (past, past))
    n = len(list(docs.glob("*.txt")))
    tree = baseline_tree(args.baseline, work / "baseline")
    if tree is None:
        sys.exit(f"unknown revision: {args.baseline}")
    print(f"{n} text documents, {args.workers} workers; baseline {args.baseline} at {tree}; "
          f"load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)  # fmt: skip
    best: dict[str, dict] = {}
    for attempt in range(args.repeat):
        for label, python_path in (("baseline", tree), ("current", None)):
            db = fresh_file(work / f"{label}.duckdb")
            figures = ingest(db, docs, args.workers, python_path=python_path)
            figures["rows"] = raw_rows(db)
            print(f"  run {attempt + 1} {label}: {figures['seconds']:.2f} s wall, {figures['cpu']:.2f} s CPU, "
                  f"{figures['rows']} raw rows", flush=True)  # fmt: skip
            if label not in best or figures["seconds"] < best[label]["seconds"]:
                best[label] = figures
    for label, figures in best.items():
        print(f"{label:>8}: {n / figures['seconds']:6.1f} documents/s, {figures['rows'] / figures['seconds']:8.0f} "
              f"rows/s, {figures['seconds']:6.2f} s wall, {figures['cpu']:6.2f} s CPU")  # fmt: skip
    before, after = best["baseline"], best["current"]
    print(f"ratio current/baseline: {before['seconds'] / after['seconds']:.2f}x documents/s, "
          f"{before['cpu'] / after['cpu']:.2f}x documents per CPU-second "
          f"(load average at the end {os.getloadavg()[0]:.1f})", flush=True)  # fmt: skip
    if not args.no_profile:
        print(profile_parse(docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
