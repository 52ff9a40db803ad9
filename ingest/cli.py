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
from ingest.files import Found, Plan, discover, parser_version, plan
from ingest.records import DocumentRow
from ingest.result import DocumentResult

DEFAULT_DB = os.environ.get("WAREHOUSE_DB", "warehouse.duckdb")
STATED_COLUMNS = ("stated_issuer", "stated_region_code", "stated_year", "stated_doc_kind", "stated_basis")


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
    parser.add_argument(
        "--reparse",
        action="store_true",
        help="parse every file again, even those the warehouse holds unchanged (a file is parsed again by itself "
        "when the readers, layouts or vocabulary changed)",
    )
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
    try:
        with publish.writer_lock(args.db, "ingest") as db:
            version = parser_version()
            stored = load.read_stored(db)
            batch = plan(files, stored, version, reparse=args.reparse)
            run = Run(args, found, batch, options, version)
            if run.has_work(stored if args.prune else {}):
                with publish.building_copy(db) as building:
                    con = load.connect(building)
                    try:
                        run.load(con)
                    finally:
                        con.close()
    except publish.WarehouseBusy as error:
        print(one_line(f"ingest: {error}"), file=sys.stderr)
        return 4
    except load.WarehouseError as error:
        print(one_line(f"ingest: warehouse error, run stopped: {error}"), file=sys.stderr)
        print(f"ingest: nothing of this run was published; {Path(args.db).name} is as it was", file=sys.stderr)
        return 3
    if run.pruned:
        print(f"pruned {run.pruned} document(s) no longer in the given folders")
    print(summary(run.stored, args.db, batch))
    failed = [row for row in run.stored if row.status == "failed"]
    failed_before = [known for known in batch.unchanged if known.status == "failed"]
    total = len(run.stored) + len(batch.unchanged)
    if (failed or failed_before) and (args.strict or len(failed) + len(failed_before) == total):
        return 1
    return 0


class Run:
    """One run's loading: the results of the batch streamed into the warehouse, only their rows kept."""

    def __init__(self, args, found: Found, batch: Plan, options: metadata.StatedFacts, version: str):
        self.args, self.found, self.batch, self.options, self.version = args, found, batch, options, version
        self.stored: list[DocumentRow] = []
        self.pruned = 0

    def stated(self, source_path: str) -> metadata.StatedFacts:
        return self.options.over(self.found.stated.get(source_path, metadata.StatedFacts()))

    def updates(self) -> list[tuple[str, dict]]:
        """Columns of unchanged documents to bring up to date: the file's time, what the user states about it."""
        changes = []
        for known in self.batch.unchanged:
            stated = self.stated(known.source_path)
            values = {}
            wanted = (
                (None,) * 5 if stated.is_empty else tuple(getattr(stated, f.name) for f in dataclasses.fields(stated))
            )
            if known.stated != wanted:
                values.update(zip(STATED_COLUMNS, wanted, strict=True))
            if known.file_modified_ns != self.batch.modified_ns.get(known.source_path):
                values["file_modified_ns"] = self.batch.modified_ns.get(known.source_path)
            if values:
                changes.append((known.document_id, values))
        return changes

    def has_work(self, stored: dict) -> bool:
        """Whether this run changes the warehouse at all (if not, it is not copied and swapped for nothing)."""
        kept = {result.source_path for result in self.found.unreadable + self.batch.settled}
        kept |= {str(path.resolve()) for path in self.found.files}
        return bool(
            self.batch.to_parse
            or self.batch.settled
            or self.found.unreadable
            or self.updates()
            or any(path not in kept for path in stored)
        )

    def load(self, con) -> None:
        """Parse and load every file to parse, load the settled ones, update the unchanged ones; prune if asked."""
        from ingest import load
        from ingest.pipeline import parse_all
        from ingest.readers import count_pages

        batch, args = self.batch, self.args
        loader = load.Loader(con)
        for document_id, values in self.updates():
            loader.update(document_id, values)
        pages = {str(path.resolve()): count_pages(path) for path in batch.to_parse}
        progress = _progress(sum(pages.values()), disable=args.quiet)
        settled = [*self.found.unreadable, *batch.settled]
        for parsed in itertools.chain(settled, parse_all(batch.to_parse, workers=args.workers)):
            stated = self.stated(parsed.source_path)
            result = dataclasses.replace(
                parsed,
                stated=None if stated.is_empty else stated,
                modified_ns=batch.modified_ns.get(parsed.source_path),
                parser_version=self.version,
            )
            self._stored(loader.add(result), progress)
            progress.update(pages.get(result.source_path, 1))
        self._stored(loader.flush(), progress)
        progress.close()
        if args.prune:
            keep = {row.source_path for row in self.stored} | {known.source_path for known in batch.unchanged}
            self.pruned = loader.prune(keep)

    def _stored(self, results: list[DocumentResult], progress) -> None:
        for result in results:
            if result.status == "failed":
                progress.write(one_line(f"failed: {result.error}"))
            self.stored.append(result.document_row())


def _progress(total: int, disable: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="page", desc="ingest", disable=disable or None, file=sys.stderr)


def summary(rows: Sequence[DocumentRow], db: str, batch: Plan | None = None) -> str:
    """A few lines a person reads at the end of a run: what was loaded, what was skipped and what failed."""
    unchanged = batch.unchanged if batch else []
    parsed = [row for row in rows if row.status not in ("failed", "copy")]
    failed = [row for row in rows if row.status == "failed"]
    copies = [row for row in rows if row.status == "copy"]
    lines = [
        f"documents: {len(rows) + len(unchanged)} ({len(parsed)} parsed, {len(failed)} failed"
        + (f", {len(copies)} identical copies of another file, not parsed again" if copies else "")
        + (f", {len(unchanged)} unchanged, skipped" if unchanged else "")
        + f") -> {db}",
        f"tables: {sum(row.n_tables for row in parsed)} ({sum(row.n_projects for row in parsed)} project "
        f"performance tables), indicator rows: {sum(row.n_indicators for row in parsed)}, "
        f"warnings: {sum(row.n_warnings for row in parsed)} (see raw.parse_issues)",
    ]
    if unchanged:
        failed_before = sum(1 for known in unchanged if known.status == "failed")
        lines.append(
            f"skipped: {len(unchanged)} already loaded with the same bytes and parser ({batch.not_read} known by "
            f"path, size and time without reading them)"
            + (f"; {failed_before} of them failed before" if failed_before else "")
            + "; --reparse parses them again"
        )
    lines.extend(one_line(f"  failed: {row.error}") for row in sorted(failed, key=lambda r: r.file_name))
    return "\n".join(lines)


def one_line(text: str) -> str:
    """Text as one console line: a newline or other control character (even in a file name) is escaped."""
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode() for ch in text)
