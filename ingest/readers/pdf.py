"""Read PDF files with pdfplumber: ruled tables as cell grids, the text around them as paragraphs.

Per page, tables and the text outside them come from the same page object, once, and the page is closed
straight after (pdfplumber keeps every page's objects until then). Conventions shared with the other readers:
a merged cell's text sits in its first row and column, the cells it covers are blank; text wrapped inside a
cell is joined. A table piece that opens a page right under a table that ended the previous one is laid on
that table's columns by their x positions, so a piece that lost a ruling line still lines up.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from ingest.document import Block, Cell, Document, Paragraph, Row, Table, is_page_marker
from ingest.errors import DocumentError, NeedsOCR

CLOSING = "）)】」』》〉，。、；：！？%％"
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass
class _Piece:
    """A table found on one page, with its column edges for stitching."""

    rows: list[list[str]]
    columns: list[tuple[float, float]]
    cell_boxes: list[list[tuple[float, float] | None]]
    top: float


def read_pdf(data: bytes, file_name: str) -> Document:
    """Parse a PDF into a Document; scans, encrypted and corrupt files raise a DocumentError naming the file."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    if not data:
        raise DocumentError(f"{file_name}: the file is empty")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise DocumentError(f"{file_name}: not a PDF (no %PDF header)")
    blocks: list[Block] = []
    text_chars = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page_count = len(pdf.pages)
            previous: _Piece | None = None
            for number, page in enumerate(pdf.pages, start=1):
                page_blocks, chars, previous = _read_page(page, number, previous)
                blocks.extend(page_blocks)
                text_chars += chars
                page.close()
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise DocumentError(f"{file_name}: encrypted PDF ({type(error).__name__}); decrypt it first") from error
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise DocumentError(f"{file_name}: encrypted PDF; decrypt it first") from error
        raise DocumentError(f"{file_name}: corrupt PDF ({type(cause).__name__}: {cause})") from error
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
        raise DocumentError(f"{file_name}: corrupt PDF ({type(error).__name__}: {error})") from error
    if page_count and text_chars == 0:
        raise NeedsOCR(f"{file_name}: no text layer on any of its {page_count} pages (a scan?); needs OCR")
    return Document(file_name=file_name, format="pdf", blocks=tuple(blocks), page_count=page_count)


def _read_page(page, number: int, previous: _Piece | None):
    """Tables and the text lines outside them, in reading order (top to bottom)."""
    found = sorted(page.find_tables(TABLE_SETTINGS), key=lambda table: table.bbox[1])
    boxes = [table.bbox for table in found]
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    lines = [
        (line["top"], line["text"].strip())
        for line in outside.extract_text_lines(layout=False, strip=True, return_chars=False)
        if line["text"].strip()
    ]
    items: list[tuple[float, Block]] = [(top, Paragraph(text=text, page=number)) for top, text in lines]
    for position, table in enumerate(found, start=1):
        piece = _piece(table)
        text_above = [text for top, text in lines if top < piece.top and not is_page_marker(text)]
        if previous is not None and position == 1 and not text_above and len(piece.columns) < len(previous.columns):
            piece.rows = _align(piece, previous)
            piece.columns = previous.columns
        rows = tuple(
            Row(cells=tuple(Cell(text, None) for text in cells), line=None, page=number) for cells in piece.rows
        )
        items.append((piece.top, Table(rows=rows, page=number, position=position)))
        previous = piece
    items.sort(key=lambda item: item[0])
    # A table continues onto the next page only if nothing but a page number follows it here.
    if found:
        last = found[-1].bbox[3]
        if any(top > last and not is_page_marker(text) for top, text in lines):
            previous = None
    else:
        previous = None
    return [block for _, block in items], len(page.chars), previous


def _inside(obj, boxes) -> bool:
    x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return any(x0 - 1 <= x <= x1 + 1 and top - 1 <= y <= bottom + 1 for x0, top, x1, bottom in boxes)


def _piece(table) -> _Piece:
    """Cell texts (wraps joined, overflowing closing punctuation put back) and column edges of one table."""
    rows: list[list[str]] = []
    boxes: list[list[tuple[float, float] | None]] = []
    for texts, row in zip(table.extract(), table.rows, strict=True):
        rows.append(_restore_punctuation([_join_wrapped(text or "") for text in texts]))
        boxes.append([(cell[0], cell[2]) if cell is not None else None for cell in row.cells])
    return _Piece(rows, _column_edges(boxes), boxes, table.bbox[1])


def _join_wrapped(text: str) -> str:
    """Join the lines of a wrapped cell: nothing between Chinese characters, a space between Latin words."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return ""
    joined = lines[0]
    for line in lines[1:]:
        # Only two Latin words were ever separated by the wrap; digits, Chinese and punctuation join directly.
        glue = " " if joined[-1].isascii() and joined[-1].isalpha() and line[0].isascii() and line[0].isalpha() else ""
        joined += glue + line
    return joined


def _restore_punctuation(texts: list[str]) -> list[str]:
    """Closing punctuation drawn past a cell's right edge lands at the start of the next cell: move it back."""
    fixed = list(texts)
    for index in range(1, len(fixed)):
        text = fixed[index]
        moved = 0
        while moved < len(text) and text[moved] in CLOSING and fixed[index - 1]:
            moved += 1
        if moved and text[:moved] not in ("%", "％"):
            fixed[index - 1] += text[:moved]
            fixed[index] = text[moved:]
    return fixed


def _column_edges(boxes: list[list[tuple[float, float] | None]]) -> list[tuple[float, float]]:
    """The x extent of each column, from the narrowest cell seen in it (a spanning cell is wider)."""
    width = max((len(row) for row in boxes), default=0)
    edges: list[tuple[float, float]] = []
    for column in range(width):
        spans = [row[column] for row in boxes if column < len(row) and row[column] is not None]
        if spans:
            edges.append(min(spans, key=lambda span: span[1] - span[0]))
        else:
            edges.append(edges[-1] if edges else (0.0, 0.0))
    return edges


def _align(piece: _Piece, previous: _Piece) -> list[list[str]]:
    """Lay a continuation piece's cells on the previous piece's columns by x position.

    Only a piece with fewer columns than the one it continues is re-laid: a ruling line it lost (a merged
    column with no divider on this page) must not shift the cells to its right.
    """
    if len(piece.columns) >= len(previous.columns):
        return piece.rows
    aligned: list[list[str]] = []
    for texts, boxes in zip(piece.rows, piece.cell_boxes, strict=True):
        row = [""] * len(previous.columns)
        for text, box in zip(texts, boxes, strict=True):
            if box is None or not text:
                continue
            target = max(
                range(len(previous.columns)),
                key=lambda c: min(box[1], previous.columns[c][1]) - max(box[0], previous.columns[c][0]),
            )
            row[target] = (row[target] + text) if row[target] else text
        aligned.append(row)
    return aligned
