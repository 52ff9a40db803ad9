"""Read PDFs with both PDF backends and print where their Documents differ (there should be no difference).

Usage: .venv/bin/python scripts/pdf_backends_report.py FOLDER_OR_PDF ...   (or: make pdf-backends-report
PDFS=folder). Per file: pages, the pages the pdfium backend handed to pdfplumber, whether the Documents and the
records parsed from them are identical, the first differing block if not, and each backend's read time.
Pages without a text layer are compared as such (the OCR that reads them is the same for both backends).
Exit code 1 if any file differs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.errors import DocumentError  # noqa: E402
from ingest.layouts import parse_document  # noqa: E402
from ingest.readers.pdf import PdfPages, assemble_pdf, read_text_layers  # noqa: E402


def pdfs(arguments: list[str]) -> list[Path]:
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        found.extend(sorted(path.rglob("*.pdf")) if path.is_dir() else [path])
    return found


def texts(pages: PdfPages) -> list:
    """Each page's text lines and table rows (None for a page without a text layer)."""
    return [
        None if content is None else ([text for _, text in content.lines], [piece.rows for piece in content.pieces])
        for content in pages.contents
    ]


def compare(path: Path) -> tuple[bool, str]:
    data = path.read_bytes()
    read: dict[str, PdfPages | str] = {}
    seconds: dict[str, float] = {}
    for backend in ("pdfium", "pdfplumber"):
        started = time.perf_counter()
        try:
            read[backend] = read_text_layers(data, path.name, backend=backend)
        except DocumentError as error:
            read[backend] = str(error)
        seconds[backend] = time.perf_counter() - started
    fast, reference = read["pdfium"], read["pdfplumber"]
    if isinstance(fast, str) or isinstance(reference, str):
        return fast == reference, f"pdfium: {fast if isinstance(fast, str) else 'read'}; pdfplumber: " + (
            reference if isinstance(reference, str) else "read"
        )
    timing = f"{seconds['pdfplumber'] / max(seconds['pdfium'], 1e-9):4.1f}x faster"
    handed = f"handed to pdfplumber: {list(fast.reference_pages)}" if fast.reference_pages else "all read by PDFium"
    head = f"{fast.page_count:3d} pages, {handed}, {timing}"
    if texts(fast) != texts(reference):
        page = next(i for i, (a, b) in enumerate(zip(texts(fast), texts(reference), strict=True), 1) if a != b)
        return False, f"{head}; text layers differ, first on page {page}"
    if fast.scanned:
        return True, f"{head}; identical text layers (pages {list(fast.scanned)} without one, not recognised here)"
    document, expected = assemble_pdf([fast]), assemble_pdf([reference])
    if document != expected:
        block = next(i for i, (a, b) in enumerate(zip(document.blocks, expected.blocks, strict=False)) if a != b)
        return False, f"{head}; Documents differ from block {block}"
    try:
        same_records = parse_document(document) == parse_document(expected)
    except Exception as error:  # a layout bug hits both backends alike
        return True, f"{head}; identical Documents (layouts fail on both: {type(error).__name__}: {error})"
    return same_records, f"{head}; identical Documents" + ("" if same_records else ", records differ")


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if not arguments:
        print(__doc__)
        return 2
    differing = 0
    for path in pdfs(arguments):
        same, summary = compare(path)
        differing += not same
        print(f"{'same' if same else 'DIFF'}  {path.name}: {summary}")
    print(f"{differing} file(s) differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
