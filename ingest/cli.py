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
from ingest.files import Found, Plan, discover, parser_version, plan, source_of
from ingest.pdf_backend import BACKEND_ENV, BACKENDS, DEFAULT_BACKEND, pdf_backend
from ingest.records import DocumentRow

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
    parser.add_argument(
        "--reparse",
        action="store_true",
        help="parse every file again, even those the warehouse holds unchanged (a file is parsed again by itself "
        "when the readers, layouts or vocabulary changed)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 if any document failed")
    parser.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="where documents are parsed: local processes (default) or Ray tasks (pip install -e '.[ray]')",
    )
    parser.add_argument(
        "--ray-address",
        metavar="ADDRESS",
        help="Ray cluster to parse on (ray://head:10001; implies --engine ray); default: a local Ray instance",
    )
    parser.add_argument(
        "--raw-dir",
        metavar="FOLDER",
        help="also keep the raw layer as Parquet files, a folder per document (with --engine ray: required on a "
        "cluster, on storage every node sees; default <db>.raw beside the warehouse); a document whose set is "
        "there, from the same bytes and parser, is loaded from it without parsing",
    )
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
    for note in found.not_followed:
        print(one_line(f"ingest: {note}"), file=sys.stderr)
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
                with publish.building(db) as building:
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

    def stated_columns(self, source_path: str) -> dict:
        """The documents row's stated_ columns for a file: the options over what documents.csv states."""
        stated = self.options.over(self.found.stated.get(source_path, metadata.StatedFacts()))
        return {
            f"stated_{item.name}": None if stated.is_empty else getattr(stated, item.name)
            for item in dataclasses.fields(stated)
        }

    def updates(self) -> list[tuple[str, dict]]:
        """Columns of unchanged documents to bring up to date: the file's time, what the user states about it."""
        changes = []
        for known in self.batch.unchanged:
            values = {}
            wanted = self.stated_columns(known.source_path)
            if known.stated != tuple(wanted.values()):
                values.update(wanted)
            if known.file_modified_ns != self.batch.modified_ns.get(known.source_path):
                values["file_modified_ns"] = self.batch.modified_ns.get(known.source_path)
            if values:
                changes.append((known.document_id, values))
        return changes

    def has_work(self, stored: dict) -> bool:
        """Whether this run changes the warehouse at all (if not, it is not copied and swapped for nothing)."""
        kept = {result.source_path for result in self.found.unreadable + self.batch.settled}
        kept |= {source_of(path) for path in self.found.files}
        return bool(
            self.batch.to_parse
            or self.batch.settled
            or self.found.unreadable
            or self.updates()
            or any(path not in kept for path in stored)
        )

    def facts(self, source_path: str) -> dict:
        """The documents row's columns only this run knows: what is stated, the file's time, the parser."""
        modified = self.batch.modified_ns.get(source_path)
        return {**self.stated_columns(source_path), "file_modified_ns": modified, "parser_version": self.version}

    def raw_dir(self) -> Path | None:
        if self.args.raw_dir:
            return Path(self.args.raw_dir).absolute()
        if self.engine == "ray":
            return Path(self.args.db).absolute().with_name(Path(self.args.db).name + ".raw")
        return None

    @property
    def engine(self) -> str:
        return "ray" if self.args.ray_address else self.args.engine

    def load(self, con) -> None:
        """Parse and load every file to parse, load the settled ones, update the unchanged ones; prune if asked."""
        from ingest import load
        from ingest.raw import RawDocument, read_parquet, remove_parquet, write_parquet
        from ingest.readers import count_pages

        batch, args, raw_dir = self.batch, self.args, self.raw_dir()
        loader = load.Loader(con)
        for document_id, values in self.updates():
            loader.update(document_id, values)
        reused, to_parse = [], []
        for path in batch.to_parse:
            source = source_of(path)
            kept = read_parquet(raw_dir / batch.digests[source]) if raw_dir and not args.reparse else None
            if kept is not None and (kept.row.source_path, kept.row.parser_version) == (source, self.version):
                reused.append(kept)
            else:
                to_parse.append(path)
        pages = {source_of(path): count_pages(path) for path in to_parse}
        progress = _progress(sum(pages.values()) + len(reused), disable=args.quiet)
        settled = (RawDocument.of(result) for result in [*self.found.unreadable, *batch.settled])
        for document in itertools.chain(settled, reused, self.parse(to_parse, raw_dir)):
            source = document.row.source_path
            complete = document.with_row(**self.facts(source))
            if raw_dir is not None and (complete.row != document.row or document.row.parser_version is None):
                write_parquet(complete, raw_dir)
            self._stored(loader.add(complete), progress)
            progress.update(pages.get(source, 1))
        self._stored(loader.flush(), progress)
        progress.close()
        if args.prune:
            keep = {row.source_path for row in self.stored} | {known.source_path for known in batch.unchanged}
            self.pruned = loader.prune(keep)
        if raw_dir is not None:
            remove_parquet(raw_dir, loader.removed)

    def parse(self, paths: list[Path], raw_dir: Path | None):
        """The documents' rows as they are parsed: by local processes, or by Ray tasks writing Parquet sets."""
        if self.engine == "ray":
            from ingest.distributed import parse_on_ray

            return parse_on_ray(paths, self.facts, raw_dir, address=self.args.ray_address, workers=self.args.workers)
        from ingest.pipeline import parse_all

        return parse_all(paths, workers=self.args.workers)

    def _stored(self, rows: list[DocumentRow], progress) -> None:
        for row in rows:
            if row.status == "failed":
                progress.write(one_line(f"failed: {row.error}"))
            self.stored.append(dataclasses.replace(row, context_text=None))  # what the summary needs, no more


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
