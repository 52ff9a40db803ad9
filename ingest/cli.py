"""Command line: ingest documents into a DuckDB warehouse."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ingest import __version__
from ingest.pipeline import DocumentResult, expand, parse_all
from ingest.readers import count_pages

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
    parser.add_argument(
        "--vocabulary",
        action="append",
        default=[],
        metavar="CSV",
        help="extra label vocabulary (CSV: scope,role,label; see README) added to ingest/vocabulary.csv; repeatable",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar, summary only")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from ingest import load  # imported here so `ingest --help` stays fast

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
    files = expand(args.paths)
    missing = [str(path) for path in files if not path.exists()]
    if missing:
        print(f"ingest: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    if not files:
        print("ingest: no documents found in the given folders", file=sys.stderr)
        return 2
    results: list[DocumentResult] = []
    con = load.connect(args.db)
    try:
        pages = {str(path.resolve()): count_pages(path) for path in files}
        progress = _progress(sum(pages.values()), disable=args.quiet)
        for result in parse_all(files, workers=args.workers):
            load.load_document(con, result)
            results.append(result)
            if result.status == "failed":
                progress.write(f"failed: {result.error}")
            progress.update(pages.get(result.source_path, 1))
        progress.close()
        if args.prune:
            pruned = load.remove_missing(con, {result.source_path for result in results})
            if pruned:
                print(f"pruned {pruned} document(s) no longer in the given folders")
    finally:
        con.close()
    print(summary(results, args.db))
    failed = [result for result in results if result.status == "failed"]
    if failed and (args.strict or len(failed) == len(results)):
        return 1
    return 0


def _progress(total: int, disable: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="page", desc="ingest", disable=disable or None, file=sys.stderr)


def summary(results: Sequence[DocumentResult], db: str) -> str:
    """A few lines a person reads at the end of a run."""
    parsed = [result for result in results if result.parsed is not None and result.status != "failed"]
    failed = [result for result in results if result.status == "failed"]
    projects = sum(len(result.parsed.projects) for result in parsed)
    indicators = sum(len(result.parsed.indicators) for result in parsed)
    tables = sum(len(result.parsed.tables) for result in parsed)
    warnings = sum(result.n_warnings for result in parsed)
    lines = [
        f"documents: {len(results)} ({len(parsed)} parsed, {len(failed)} failed) -> {db}",
        f"tables: {tables} ({projects} project performance tables), indicator rows: {indicators}, "
        f"warnings: {warnings} (see raw.parse_issues)",
    ]
    lines.extend(f"  failed: {result.error}" for result in sorted(failed, key=lambda r: r.file_name))
    return "\n".join(lines)
