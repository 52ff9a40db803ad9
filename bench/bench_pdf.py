"""Benchmark PDF reading: pages per second of each PDF backend, of pdfplumber's own extract_tables and of raw
PDFium text extraction on the same pages, of the whole ingest (reader and layouts) on one process and on all
cores, and the peak memory of each worker process; printed as ratios measured in the same run. Last, whether the
whole `ingest` command gave the same raw rows (documents, projects, indicator rows, budget lines, ...) on both
backends.

The corpus is the bundled samples rendered to PDF (tests/render_samples.py), each repeated `--copies` times;
`--pdfs FOLDER` benchmarks the PDFs of a folder instead. Every measurement reads each file in a fresh process (the
modules it needs imported before the clock starts, as in a long-lived ingest worker); the measurements are run
`--repeat` times, alternating, and the median is printed (the machine is shared: only ratios are comparable).
Run: make bench  (or: .venv/bin/python bench/bench_pdf.py --copies 2 --repeat 3 --pdfs path/to/pdfs)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
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


def _warm(backend: str) -> None:
    """Import what reading with the backend needs (no more: peak memory is measured), so that a worker's first
    file is not charged with it."""
    if backend == "pdfplumber":
        import pdfplumber  # noqa: F401
    else:
        import pypdfium2  # noqa: F401
    if backend:
        import ingest.pipeline  # noqa: F401
        import ingest.readers.pdf_tables  # noqa: F401
        import ingest.readers.pdfium_layer  # noqa: F401


def _result(pages: int, started: float) -> tuple[int, float, int]:
    return pages, time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def ingest_one(path: str, backend: str) -> tuple[int, float, int]:
    """Reader and layouts on one file (ingest's parse_file): pages, seconds, peak RSS (KiB) of this process."""
    os.environ["INGEST_PDF_BACKEND"] = backend
    os.environ["INGEST_OCR_WORKERS"] = "1"
    _warm(backend)
    from ingest.pipeline import parse_file

    started = time.perf_counter()
    result = parse_file(Path(path))
    return _result(result.page_count or 0, started)


def reader_one(path: str, backend: str) -> tuple[int, float, int]:
    """The PDF reader alone (bytes -> Document) with one backend."""
    os.environ["INGEST_OCR_WORKERS"] = "1"
    _warm(backend)
    from ingest.readers.pdf import read_pdf

    data = Path(path).read_bytes()
    started = time.perf_counter()
    document = read_pdf(data, Path(path).name, backend=backend)
    return _result(document.page_count or 0, started)


def plumber_one(path: str, _: str) -> tuple[int, float, int]:
    """pdfplumber alone: extract_tables on every page (closing each page), nothing else."""
    _warm("pdfplumber")
    import pdfplumber

    started = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            page.extract_tables()
            page.close()
    return _result(pages, started)


def pdfium_text_one(path: str, _: str) -> tuple[int, float, int]:
    """pypdfium2 alone: every page's text, as one string (no positions, no tables)."""
    _warm("")
    import pypdfium2 as pdfium

    started = time.perf_counter()
    pdf = pdfium.PdfDocument(path)
    pages = len(pdf)
    for number in range(pages):
        page = pdf[number]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()
    return _result(pages, started)


def cli_ingest(paths: list[Path], backend: str, keep: Path) -> tuple[int, float, int]:
    """The whole `ingest` command on the files, one worker, into a new warehouse (copied to `keep` afterwards):
    (0, wall seconds, peak RSS)."""
    with tempfile.TemporaryDirectory() as scratch:
        command = [sys.executable, "-m", "ingest", "--db", f"{scratch}/w.duckdb", "--workers", "1", "--quiet",
                   "--pdf-backend", backend, *map(str, paths)]  # fmt: skip
        started = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True, env={**os.environ, "INGEST_OCR_WORKERS": "1"})
        wall = time.perf_counter() - started
        shutil.copyfile(f"{scratch}/w.duckdb", keep)
    return 0, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def raw_rows(db: Path) -> dict[str, list[tuple]]:
    """Every raw table's rows, sorted; documents without how long parsing took and when the file was written."""
    import duckdb

    from ingest.records import RAW_TABLES

    con = duckdb.connect(str(db), read_only=True)
    rows = {"documents": con.execute("select * exclude (parse_seconds, file_modified_ns) from raw.documents "
                                     "order by all").fetchall()}  # fmt: skip
    for table in RAW_TABLES:
        rows[table.name] = con.execute(f"select * from raw.{table.name} order by all").fetchall()
    con.close()
    return rows


def parity(databases: dict[str, Path]) -> str:
    """Whether the two backends' warehouses hold the same raw rows, and how many."""
    fast, reference = (raw_rows(databases[backend]) for backend in ("pdfium", "pdfplumber"))
    counts = ", ".join(f"{len(rows)} {table}" for table, rows in reference.items() if rows)
    differing = [table for table in reference if fast[table] != reference[table]]
    if differing:
        return f"raw rows DIFFER between the backends in {', '.join(differing)} (pdfplumber: {counts})"
    return f"raw rows identical on both backends: {counts}"


def run(function, paths: list[Path], workers: int, backend: str = "") -> tuple[int, float, int]:
    """Pages, wall seconds, and the largest peak RSS (KiB) of any worker process (a fresh process per file)."""
    context = multiprocessing.get_context("spawn")
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, max_tasks_per_child=1) as pool:
        results = list(pool.map(function, [str(path) for path in paths], [backend] * len(paths)))
    wall = time.perf_counter() - started
    if workers == 1:
        wall = sum(result[1] for result in results)  # the reading itself, not the process start-ups
    return sum(result[0] for result in results), wall, max(result[2] for result in results)


MEASUREMENTS = {
    "pdfplumber extract_tables": (plumber_one, "", 1),
    "pypdfium2 raw text": (pdfium_text_one, "", 1),
    "reader, pdfium backend": (reader_one, "pdfium", 1),
    "reader, pdfplumber backend": (reader_one, "pdfplumber", 1),
    "ingest, pdfium backend": (ingest_one, "pdfium", 1),
    "ingest, pdfplumber backend": (ingest_one, "pdfplumber", 1),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=2, help="times each sample is repeated (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs of every measurement (default 3)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the parallel run")
    parser.add_argument("--pdfs", type=Path, help="benchmark the PDFs in this folder instead of the rendered samples")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        if args.pdfs:
            paths = sorted(args.pdfs.glob("*.pdf"))
            corpus = f"{len(paths)} PDFs of {args.pdfs}"
        else:
            paths = build_corpus(Path(folder), args.copies)
            corpus = f"{len(paths)} PDFs, the samples rendered, each x{args.copies}"
        size = sum(path.stat().st_size for path in paths) / 1e6
        measured: dict[str, list[tuple[int, float, int]]] = {label: [] for label in MEASUREMENTS}
        parallel = f"ingest, pdfium backend, {args.workers} processes"
        measured[parallel] = []
        whole = {backend: f"whole `ingest` command, {backend}, 1 worker" for backend in ("pdfium", "pdfplumber")}
        for label in whole.values():
            measured[label] = []
        databases = {backend: Path(folder) / f"{backend}.duckdb" for backend in whole}
        for _ in range(args.repeat):
            for label, (function, backend, workers) in MEASUREMENTS.items():
                measured[label].append(run(function, paths, workers, backend))
            measured[parallel].append(run(ingest_one, paths, args.workers, "pdfium"))
            for backend, label in whole.items():
                measured[label].append(cli_ingest(paths, backend, databases[backend]))
        same = parity(databases)
    pages = measured["pdfplumber extract_tables"][0][0]
    print(f"corpus: {corpus}: {pages} pages, {size:.1f} MB; median of {args.repeat} alternating runs, one core each")
    rate: dict[str, float] = {}
    for label, results in measured.items():
        seconds = statistics.median(result[1] for result in results)
        rss = max(result[2] for result in results) / 1024
        rate[label] = pages / seconds
        print(f"{label:<40} {rate[label]:7.1f} pages/s  ({seconds:6.1f} s)  peak RSS per process {rss:4.0f} MiB")
    base = rate["pdfplumber extract_tables"]
    print(f"reader, pdfium backend:  {rate['reader, pdfium backend'] / base:5.2f}x extract_tables, "
          f"{rate['reader, pdfium backend'] / rate['reader, pdfplumber backend']:5.2f}x the pdfplumber backend, "
          f"raw PDFium text is {rate['pypdfium2 raw text'] / rate['reader, pdfium backend']:4.1f}x faster")  # fmt: skip
    print(f"ingest (reader + layouts), one core: {rate['ingest, pdfium backend'] / base:5.2f}x extract_tables "
          f"(pdfium backend), {rate['ingest, pdfplumber backend'] / base:5.2f}x (pdfplumber backend)")  # fmt: skip
    print(f"whole `ingest` command (start-up, hashing, reading, layouts, DuckDB), one worker: "
          f"{rate[whole['pdfium']] / base:5.2f}x extract_tables (pdfium), "
          f"{rate[whole['pdfplumber']] / base:5.2f}x (pdfplumber)")  # fmt: skip
    print(same)
    return 0


if __name__ == "__main__":
    sys.exit(main())
