"""Benchmark reading scans: OCR pages per second on one process and on all cores, peak memory per worker, and
where a page's time goes (render, deskew, grid, text detection, recognition).

The corpus is sample 000's first performance tables rendered to PDF (tests/render_samples.py) and "scanned":
rasterised at 200 dpi, grey, turned by 0.6 degrees, JPEG-compressed, into an image-only PDF. Each run reads it in
a fresh process (models loaded inside the timing, as a real run does).
With --exactness it also reads the test fixtures (tests/test_readers_scan.py) and counts what came out exactly as
the text layer. Run: make bench-ocr  (or: .venv/bin/python bench/bench_ocr.py --tables 8 --exactness)
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


def build_scan(folder: Path, tables: int, dpi: int) -> Path:
    from ingest.layouts import parse_document
    from ingest.readers import read_document
    from render_samples import render_pdf, scanned_pdf, subset

    (sample,) = (ROOT / "data" / "samples").glob("000_*.txt")
    parsed = parse_document(read_document(sample))
    path = folder / "scan.pdf"
    path.write_bytes(scanned_pdf(render_pdf(subset(parsed, range(1, tables + 1))), dpi, 0.6))
    return path


def read_one(path: str, workers: int) -> tuple[int, int, float, int, int]:
    """Read the scan with `workers` OCR processes: pages, projects, seconds, peak RSS (KiB) of this process and
    of its largest OCR worker (0 when it recognised pages itself)."""
    os.environ["INGEST_OCR_WORKERS"] = str(workers)
    from ingest.layouts import parse_document
    from ingest.readers.pdf import read_pdf

    data = Path(path).read_bytes()
    started = time.perf_counter()
    document = read_pdf(data, Path(path).name)
    seconds = time.perf_counter() - started
    projects = len(parse_document(document).projects)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if workers > 1 else 0
    return document.page_count or 0, projects, seconds, own, children


def stages(path: str) -> dict[str, float]:
    """Seconds per stage of the first page, in this process (models loaded beforehand)."""
    import numpy as np

    from ingest.readers import ocr
    from ingest.readers.pdf import render_page

    data = Path(path).read_bytes()
    ocr._engine()
    times: dict[str, float] = {}
    started = time.perf_counter()
    grey, scale = render_page(data, 1)
    times["render"] = time.perf_counter() - started
    started = time.perf_counter()
    grey, _ = ocr.deskew(grey, scale)
    times["deskew"] = time.perf_counter() - started
    started = time.perf_counter()
    horizontal, vertical = ocr._rulings(ocr._ink(grey), scale)
    ocr._grids(horizontal, vertical, scale)
    times["grid"] = time.perf_counter() - started
    started = time.perf_counter()
    boxes = ocr._detect(grey)
    times["detect"] = time.perf_counter() - started
    crops = [np.ascontiguousarray(grey[box.y0 : box.y1, box.x0 : box.x1]) for box in boxes]
    started = time.perf_counter()
    ocr._recognise(crops)
    times["recognise"] = time.perf_counter() - started
    return times


def exactness() -> dict[str, tuple[int, int]]:
    """The test fixtures (3 samples' tables scanned at 150 and 200 dpi) against their text layer: how many
    projects, indicator rows, amounts and table cells came out exactly the same (whitespace aside)."""
    import re

    from test_readers_pdf_docx import filled, projects
    from test_readers_scan import CASES, SCANS

    from conftest import sample_path
    from ingest.layouts import parse_document
    from ingest.readers import read_document
    from ingest.readers.pdf import read_pdf
    from render_samples import render_pdf, scanned_pdf, subset

    counts = {"projects": [0, 0], "indicator rows": [0, 0], "amounts": [0, 0], "cells": [0, 0], "pages": [0, 0]}

    def tally(name: str, right: int, total: int) -> None:
        counts[name][0] += right
        counts[name][1] += total

    for prefix, seqs in CASES.items():
        pdf = render_pdf(subset(parse_document(read_document(sample_path(prefix))), seqs))
        text = parse_document(read_pdf(pdf, "text.pdf"))
        for dpi, angle in SCANS.items():
            document = read_pdf(scanned_pdf(pdf, dpi, angle), "scan.pdf")
            scan = parse_document(document)
            tally("pages", document.page_count or 0, document.page_count or 0)
            right = sum(a == b for a, b in zip(projects(scan), projects(text), strict=False))
            tally("projects", right, len(text.projects))
            right = sum(a == b for a, b in zip(filled(scan), filled(text), strict=False))
            tally("indicator rows", right, len(text.indicators))
            fields = ("budget", "fiscal", "other", "midterm_budget", "midterm_fiscal", "midterm_other")
            both = zip(scan.projects, text.projects, strict=False)
            pairs = [(getattr(a, f), getattr(b, f)) for a, b in both for f in fields]
            tally("amounts", sum(a == b for a, b in pairs if b), sum(1 for _, b in pairs if b))
            squash = {(c.block_seq, c.row_seq, c.column_seq): re.sub(r"\s+", "", c.text) for c in scan.cells}
            expected = {(c.block_seq, c.row_seq, c.column_seq): re.sub(r"\s+", "", c.text) for c in text.cells}
            tally("cells", sum(squash.get(key) == value for key, value in expected.items()), len(expected))
    return {name: (right, total) for name, (right, total) in counts.items()}


def in_fresh_process(function, *args):
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args).result()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tables", type=int, default=8, help="performance tables of sample 000 (default 8)")
    parser.add_argument("--dpi", type=int, default=200, help="scan resolution (default 200)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="OCR processes for the parallel run")
    parser.add_argument("--exactness", action="store_true", help="also compare the test fixtures with their text")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = str(build_scan(Path(folder), args.tables, args.dpi))
        size = Path(path).stat().st_size / 1e6
        pages, projects, one, rss_one, _ = in_fresh_process(read_one, path, 1)
        _, projects_all, wall, rss_parent, rss_worker = in_fresh_process(read_one, path, args.workers)
        split = in_fresh_process(stages, path)
    mib = 1024
    print(f"corpus: 1 scanned PDF, {pages} pages at {args.dpi} dpi, {size:.1f} MB, {projects} project tables read")
    print(f"OCR, 1 process       {pages / one:6.2f} pages/s  ({one:.1f} s, {one / pages:.1f} s/page)  "
          f"peak RSS {rss_one / mib:.0f} MiB")  # fmt: skip
    print(f"OCR, {args.workers} processes     {pages / wall:6.2f} pages/s  ({wall:.1f} s)  peak RSS per worker "
          f"{rss_worker / mib:.0f} MiB, reader process {rss_parent / mib:.0f} MiB")  # fmt: skip
    print(f"speed-up on {args.workers} processes: {one / wall:.2f}x (projects read: {projects_all})")
    total = sum(split.values())
    print("first page, by stage: " + ", ".join(f"{name} {seconds:.2f} s ({seconds / total:.0%})"
                                               for name, seconds in split.items()))  # fmt: skip
    if args.exactness:
        found = in_fresh_process(exactness)
        print("exactness on the test fixtures (scan vs text layer, whitespace aside): " + ", ".join(
            f"{name} {right}/{total}" for name, (right, total) in found.items()))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
