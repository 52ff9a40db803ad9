"""Command line: ingest-explain FILE [--html OUT] [--vocabulary CSV] (also python -m ingest.explain, make explain)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ingest.cli import one_line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ingest-explain",
        description="Show what the parser saw in one document, without loading it: each region (a table with the "
        "text above it, or a run of text), the layout that claimed it or why none did, the role of each label, the "
        "records read and the issues next to the rows they name. For a table no layout claimed, the vocabulary rows "
        "to add (tried on the document). Nothing is written but --html OUT.",
        epilog="example: ingest-explain report.pdf --html report.html; then ingest-explain --vocabulary my.csv "
        "report.pdf to check the rows added to my.csv",
    )
    parser.add_argument("file", metavar="FILE", help="the document (any format ingest reads)")
    parser.add_argument("--html", metavar="OUT", help="write the page here (one self-contained HTML file)")
    parser.add_argument(
        "--vocabulary",
        action="append",
        default=[],
        metavar="CSV",
        help="extra label vocabulary (CSV: scope,role,label,note), as ingest --vocabulary; repeatable",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from ingest.errors import DocumentError
    from ingest.explain import explain
    from ingest.explain.page import page
    from ingest.explain.suggest import with_vocabulary
    from ingest.explain.summary import summary
    from ingest.layouts.labels import vocabulary
    from ingest.readers import read_document

    path = Path(args.file)
    if not path.is_file():
        print(one_line(f"ingest-explain: no such file: {path}"), file=sys.stderr)
        return 2
    with with_vocabulary([os.path.abspath(name) for name in args.vocabulary]):
        try:
            vocabulary()  # a bad file is reported before the document is read
        except DocumentError as error:
            print(one_line(f"ingest-explain: {error}"), file=sys.stderr)
            return 2
        try:
            explanation = explain(read_document(path))
        except DocumentError as error:
            print(one_line(f"ingest-explain: {error}"), file=sys.stderr)
            return 1
        except Exception as error:  # a reader bug (a layout's is shown in its region)
            print(one_line(f"ingest-explain: {path.name}: unexpected {type(error).__name__}: {error}"), file=sys.stderr)
            return 1
    if args.html:
        Path(args.html).write_text(page(explanation), encoding="utf-8")
        tables = sum(1 for region in explanation.regions if region.kind == "table")
        unrecognised = sum(1 for region in explanation.regions if region.unrecognised)
        failed = sum(1 for region in explanation.regions if region.failed)
        print(
            f"{args.html}: {len(explanation.regions)} regions ({tables} tables, {unrecognised} unrecognised"
            + (f", {failed} failed: ingest fails this document" if failed else "")
            + ")"
        )
    else:
        print(summary(explanation))
    return 0
