"""Command line: ingest documents into a DuckDB warehouse."""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ingest import __version__, metadata, publish
from ingest.pipeline import DocumentResult, Found, Plan, discover, parse_all, plan
from ingest.readers import count_pages
from ingest.readers.pdf import BACKEND_ENV, BACKENDS, DEFAULT_BACKEND, pdf_backend

DEFAULT_DB = os.environ.get("WAREHOUSE_DB", "warehouse.duckdb")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ingest",
        description="Load budget and performance-target documents (PDF, DOCX/DOC/WPS, XLSX/XLS/ODS, CSV, HTML, text "
        "and Markdown exports) into schema raw of a DuckDB file. Each document is parsed on its own (in parallel) and "
        "loaded in one transaction; re-loading a document replaces its rows.",
        epilog="example: ingest --db warehouse.duckdb data/samples",
    )
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="documents, or folders to search")
    parser.add_argument("--db", default=DEFAULT_DB, help="DuckDB file to write (default: $WAREHOUSE_DB or %(default)s)")
    parser.add_argument("--workers", type=int, default=None, help="parallel processes (default: all cores)")
    parser.add_argument("--prune", action="store_true", help="also delete documents no longer among the given files")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any document failed")
    parser.add_argument("--issuer", help="state the issuer of every document given (wins over what is read)")
    parser.add_argument("--region-code", help="state the six-digit region code (e.g. 110105 for 北京市朝阳区)")
    parser.add_argument("--year", help="state the budget year (预算年度) of every document given")
    parser.add_argument(
        "--doc-kind", help="state the kind: budget, final_accounts, self_evaluation or performance_targets"
    )
    parser.add_argument(
        "--vocabulary",
        action="append",
        default=[],
        metavar="CSV",
        help="extra label vocabulary (CSV: scope,role,label; see README) added to ingest/vocabulary.csv; repeatable",
    )
    parser.add_argument(
        "--pdf-backend",
        choices=BACKENDS,
        help="how PDFs are read: pdfium (the default, several times faster) or pdfplumber (the reference); both give "
        f"the same records (default: ${BACKEND_ENV} or {DEFAULT_BACKEND})",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar, summary only")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from ingest import load  # imported here so `ingest --help` stays fast

    if args.pdf_backend:
        os.environ[BACKEND_ENV] = args.pdf_backend  # the worker processes read it from there
    try:
        pdf_backend()
    except ValueError as error:
        print(f"ingest: ${BACKEND_ENV}: {error}", file=sys.stderr)
        return 2
    if args.vocabulary:
        from ingest.errors import DocumentError
        from ingest.layouts.labels import VOCABULARY_ENV, vocabulary

        known = [part for part in os.environ.get(VOCABULARY_ENV, "").split(os.pathsep) if part]
        os.environ[VOCABULARY_ENV] = os.pathsep.join([*known, *(os.path.abspath(path) for path in args.vocabulary)])
        try:
            vocabulary()  # a bad file is reported before any document is read
        except DocumentError as error:
            print(f"ingest: {error}", file=sys.stderr)
            return 2
    try:
        options = metadata.facts(args.issuer, args.region_code, args.year, args.doc_kind, "ingest options")
        found = discover(args.paths)
    except metadata.MetadataError as error:
        print(one_line(f"ingest: {error}"), file=sys.stderr)
        return 2
    files, unreadable_folders = found.files, found.unreadable
    missing = [one_line(str(path)) for path in files if not path.exists() and not path.is_symlink()]
    if missing:
        print(f"ingest: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    if not files and not unreadable_folders:
        print("ingest: no documents found in the given folders", file=sys.stderr)
        return 2
    batch = plan(files)
    results: list[DocumentResult] = []
    try:
        with publish.rebuilding(args.db, "ingest") as building:
            con = load.connect(building)
            try:
                pruned = _load(con, args, found, batch, options, results)
            finally:
                con.close()
    except publish.WarehouseBusy as error:
        print(one_line(f"ingest: {error}"), file=sys.stderr)
        return 4
    except load.WarehouseError as error:
        print(one_line(f"ingest: warehouse error, run stopped: {error}"), file=sys.stderr)
        print(f"ingest: nothing of this run was published; {Path(args.db).name} is as it was", file=sys.stderr)
        return 3
    if pruned:
        print(f"pruned {pruned} document(s) no longer in the given folders")
    print(summary(results, args.db))
    failed = [result for result in results if result.status == "failed"]
    if failed and (args.strict or len(failed) == len(results)):
        return 1
    return 0


def _load(con, args, found: Found, batch: Plan, options: metadata.StatedFacts, results: list[DocumentResult]) -> int:
    """Parse and load every file of the batch into con (appending to results); return how many were pruned."""
    from ingest import load

    pages = {str(path.resolve()): count_pages(path) for path in batch.to_parse}
    progress = _progress(sum(pages.values()), disable=args.quiet)
    settled = [*found.unreadable, *batch.settled]
    for parsed in itertools.chain(settled, parse_all(batch.to_parse, workers=args.workers)):
        stated = options.over(found.stated.get(parsed.source_path, metadata.StatedFacts()))
        result = parsed if stated.is_empty else dataclasses.replace(parsed, stated=stated)
        stored = load.load_document(con, result)
        results.append(stored)
        if stored.status == "failed":
            progress.write(one_line(f"failed: {stored.error}"))
        progress.update(pages.get(result.source_path, 1))
    progress.close()
    return load.remove_missing(con, {result.source_path for result in results}) if args.prune else 0


def _progress(total: int, disable: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="page", desc="ingest", disable=disable or None, file=sys.stderr)


def summary(results: Sequence[DocumentResult], db: str) -> str:
    """A few lines a person reads at the end of a run."""
    parsed = [result for result in results if result.parsed is not None and result.status != "failed"]
    failed = [result for result in results if result.status == "failed"]
    copies = [result for result in results if result.status == "copy"]
    projects = sum(len(result.parsed.projects) for result in parsed)
    indicators = sum(len(result.parsed.indicators) for result in parsed)
    tables = sum(len(result.parsed.tables) for result in parsed)
    warnings = sum(result.n_warnings for result in parsed)
    lines = [
        f"documents: {len(results)} ({len(parsed)} parsed, {len(failed)} failed"
        + (f", {len(copies)} identical copies of another file, not parsed again" if copies else "")
        + f") -> {db}",
        f"tables: {tables} ({projects} project performance tables), indicator rows: {indicators}, "
        f"warnings: {warnings} (see raw.parse_issues)",
    ]
    lines.extend(one_line(f"  failed: {result.error}") for result in sorted(failed, key=lambda r: r.file_name))
    return "\n".join(lines)


def one_line(text: str) -> str:
    """Text as one console line: a newline or other control character (even in a file name) is escaped."""
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode() for ch in text)
