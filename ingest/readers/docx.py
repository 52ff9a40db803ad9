"""Read DOCX files with python-docx: body paragraphs and tables in document order.

Merged cells follow the text exports' convention so the same layouts read them: a horizontally spanned cell
(gridSpan) gives its text to its first grid column and blanks to the rest; a vertically merged continuation
cell (vMerge) is blank, meaning "same as above". Several paragraphs in one cell are joined with a newline.
DOCX has no pages: a row's `line` is its ordinal among the body's paragraphs and table rows.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ingest import limits
from ingest.document import Block, Cell, Document, Paragraph, Row, Table
from ingest.errors import DocumentError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, file_name: str) -> Document:
    """Parse a .docx file into a Document."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as error:  # pragma: no cover - python-docx is a dependency
        raise DocumentError(f"{file_name}: python-docx is not installed") from error
    if not data:
        raise DocumentError(f"{file_name}: the file is empty")
    try:
        limits.check_zip(data, file_name)
    except limits.LimitExceeded:
        raise
    except DocumentError as error:
        raise DocumentError(f"{file_name}: not a readable DOCX file (BadZipFile)") from error
    try:
        word = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(f"{file_name}: not a readable DOCX file ({type(error).__name__})") from error
    except etree.XMLSyntaxError as error:
        raise DocumentError(f"{file_name}: not a readable DOCX file (its XML is malformed: {error})") from error
    blocks: list[Block] = []
    ordinal = 0
    tables = 0
    for element in word.element.body.iterchildren():
        if element.tag == f"{W}p":
            ordinal += 1
            text = _text(element).strip()
            if text:
                blocks.append(Paragraph(text=text, line=ordinal, heading_level=_heading_level(element)))
        elif element.tag == f"{W}tbl":
            tables += 1
            rows: list[Row] = []
            n_cells = 0
            for tr in element.iterchildren(f"{W}tr"):
                ordinal += 1
                cells = _row_cells(tr, ordinal, file_name, f"table {tables} row {len(rows) + 1}")
                n_cells += len(cells)
                limits.check_cells(n_cells, file_name, f"table {tables}")
                rows.append(Row(cells=tuple(cells), line=ordinal))
            if rows:
                blocks.append(Table(rows=tuple(rows), line=rows[0].line, position=tables))
    return Document(file_name=file_name, format="docx", blocks=tuple(blocks))


def _text(element) -> str:
    """Text of a paragraph element, tabs and breaks as whitespace."""
    parts: list[str] = []
    for node in element.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            parts.append(" ")
    return "".join(parts)


def _heading_level(paragraph) -> int | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    value = style.get(f"{W}val") if style is not None else None
    if value and value.lower().startswith("heading") and value[7:].isdigit():
        return int(value[7:])
    return None


def _row_cells(tr, ordinal: int, file_name: str, where: str) -> list[Cell]:
    cells: list[Cell] = []
    columns = 0
    for tc in tr.iterchildren(f"{W}tc"):
        properties = tc.find(f"{W}tcPr")
        span = 1
        continued = False
        if properties is not None:
            grid_span = properties.find(f"{W}gridSpan")
            if grid_span is not None:
                value = grid_span.get(f"{W}val", "1")
                if not value.strip().isdigit() or int(value) < 1:
                    raise DocumentError(f"{file_name}: {where} has a cell with an invalid gridSpan {value[:20]!r}")
                span = int(value)
                limits.check_columns(columns + span, file_name, where)
            v_merge = properties.find(f"{W}vMerge")
            continued = v_merge is not None and v_merge.get(f"{W}val", "continue") != "restart"
        paragraphs = [_text(p).strip() for p in tc.iterchildren(f"{W}p")]
        text = "" if continued else "\n".join(p for p in paragraphs if p)
        cells.append(Cell(text, ordinal))
        cells.extend(Cell("", ordinal) for _ in range(span - 1))
        columns += span
    return cells
