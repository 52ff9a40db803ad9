"""Benchmark PDF ingest: pages per second on one process and on all cores, peak memory per process, and
pdfplumber's own extract_tables on the same pages, so the reader's overhead is a ratio.

The corpus is the bundled samples rendered to PDF (tests/render_samples.py), each repeated until the whole is a
few hundred pages. Run: make bench  (or: .venv/bin/python bench/bench_pdf.py --copies 4)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))


def build_corpus(folder: Path, copies: int) -> list[Path]:
    from ingest.layouts import parse_document
    from ingest.readers import read_document
    from render_samples import render_pdf

    paths = []
    for sample in sorted((ROOT / "data" / "samples").glob("*.txt")):
        parsed = parse_document(read_document(sample))
        path = folder / f"{sample.stem}.pdf"
        path.write_bytes(render_pdf(parsed, copies=copies))
        paths.append(path)
    return paths


def ingest_one(path: str) -> tuple[int, int, float, int]:
    """Our reader and layouts on one file: pages, indicator rows, seconds, peak RSS (KiB) of this process."""
    from ingest.pipeline import parse_file

    started = time.perf_counter()
    result = parse_file(Path(path))
    seconds = time.perf_counter() - started
    rows = len(result.parsed.indicators) if result.parsed else 0
    return result.page_count or 0, rows, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def plumber_one(path: str) -> tuple[int, int, float, int]:
    """pdfplumber alone: extract_tables on every page (closing each page), nothing else."""
    import pdfplumber

    started = time.perf_counter()
    tables = 0
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            tables += len(page.extract_tables())
            page.close()
    return pages, tables, time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run(function, paths: list[Path], workers: int) -> tuple[int, float, int]:
    """Pages, wall seconds, and the largest peak RSS (KiB) of any worker process (fresh processes)."""
    context = multiprocessing.get_context("spawn")
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, max_tasks_per_child=1) as pool:
        results = list(pool.map(function, [str(path) for path in paths]))
    wall = time.perf_counter() - started
    return sum(r[0] for r in results), wall, max(r[3] for r in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=4, help="times each sample is repeated (default 4)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the parallel run")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        paths = build_corpus(Path(folder), args.copies)
        size = sum(path.stat().st_size for path in paths) / 1e6
        pages, wall_one, rss_one = run(ingest_one, paths, workers=1)
        _, wall_all, rss_all = run(ingest_one, paths, workers=args.workers)
        _, wall_plumber, rss_plumber = run(plumber_one, paths, workers=1)
    mib = 1024
    print(f"corpus: {len(paths)} PDFs, {pages} pages, {size:.1f} MB (samples rendered, each x{args.copies})")
    rows = [
        ("ingest, 1 process", pages / wall_one, wall_one, rss_one),
        (f"ingest, {args.workers} processes", pages / wall_all, wall_all, rss_all),
        ("pdfplumber extract_tables", pages / wall_plumber, wall_plumber, rss_plumber),
    ]
    for label, rate, wall, rss in rows:
        print(f"{label:<27} {rate:7.1f} pages/s  ({wall:.1f} s)  peak RSS per process {rss / mib:.0f} MiB")
    print(f"reader overhead: ingest takes {wall_one / wall_plumber:.2f}x the time of extract_tables alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
