"""Render the five samples in every format the readers take and print what ingest reads from each.

Usage: .venv/bin/python scripts/formats_report.py   (or: make formats-report). The .xls, .ods and .doc/.wps files
are saved by LibreOffice from the rendered XLSX and DOCX; without `soffice` those rows say so.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import SAMPLE_PREFIXES, sample_path  # noqa: E402
from ingest.errors import DocumentError  # noqa: E402
from ingest.layouts import parse_document  # noqa: E402
from ingest.readers import office, read_document  # noqa: E402
from render_samples import render_csv, render_docx, render_html, render_pdf, render_web_text, render_xlsx  # noqa: E402


def renderings(parsed):
    """(file suffix, label, bytes) for each format, made lazily."""
    yield ".pdf", "pdf", lambda: render_pdf(parsed)
    yield ".docx", "docx", lambda: render_docx(parsed)
    yield ".xlsx", "xlsx", lambda: render_xlsx(parsed)
    yield ".csv", "csv gbk tab", lambda: render_csv(parsed, "\t").encode("gbk")
    yield ".html", "html", lambda: render_html(parsed).encode()
    yield ".txt", "text pipes", lambda: render_web_text(parsed, "pipes").encode()
    yield ".txt", "text cell_bars", lambda: render_web_text(parsed, "cell_bars_bar").encode()
    yield ".xls", "xls", lambda: office.convert(render_xlsx(parsed), "x.xlsx", ".xlsx", "xls")
    yield ".ods", "ods", lambda: office.convert(render_xlsx(parsed), "x.xlsx", ".xlsx", "ods")
    yield ".doc", "doc", lambda: office.convert(render_docx(parsed), "x.docx", ".docx", "doc")


def main() -> int:
    print(f"{'sample':6} {'format':15} {'document':14} {'tables':>6} {'rows':>5}  {'projects':>8} {'indicators':>10} "
          f"{'budget_lines':>12}  same as text")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        for prefix in SAMPLE_PREFIXES:
            original = parse_document(read_document(sample_path(prefix)))
            expected = (len(original.projects), len(original.indicators), len(original.budget_lines))
            print(f"{prefix:6} {'text export':15} {'':14} {'':>6} {'':>5}  {expected[0]:8} {expected[1]:10} "
                  f"{expected[2]:12}")  # fmt: skip
            for suffix, label, render in renderings(original):
                path = Path(folder) / f"{prefix}-{label.replace(' ', '_')}{suffix}"
                try:
                    path.write_bytes(render())
                    document = read_document(path)
                except DocumentError as error:
                    print(f"{prefix:6} {label:15} not read: {error}")
                    continue
                again = parse_document(document)
                tables = document.tables()
                found = (len(again.projects), len(again.indicators), len(again.budget_lines))
                same = _records(again) == _records(original)
                print(f"{prefix:6} {label:15} {document.format:14} {len(tables):6} "
                      f"{sum(len(t.rows) for t in tables):5}  {found[0]:8} {found[1]:10} {found[2]:12}  "
                      f"{'yes' if same else 'NO'}")  # fmt: skip
    return 0


def _records(parsed) -> tuple:
    from test_readers_pdf_docx import budget, filled, projects

    return projects(parsed), filled(parsed), budget(parsed)


if __name__ == "__main__":
    raise SystemExit(main())
