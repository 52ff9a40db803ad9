"""Read PDF files: ruled tables as cell grids, the text around them as paragraphs.

Two backends read a page's text layer and ruling lines, and give the same result: `pdfium` (the default) reads
them through PDFium (ingest/readers/pdfium_layer.py) and finds tables with pdfplumber's algorithms
(ingest/readers/pdf_tables.py); `pdfplumber`, the reference, does it all in pdfplumber (pdfminer underneath),
several times slower. A page PDFium cannot give exactly as pdfplumber would is read by pdfplumber even on the
`pdfium` backend. Choose with read_pdf(backend=...), the INGEST_PDF_BACKEND environment variable or
`ingest --pdf-backend` (ingest/pdf_backend.py).

Per page, tables and the text outside them come from the same page, once, and the page is closed straight after.
Conventions shared with the other readers: a merged cell's text sits in its first row and column, the cells it
covers are blank; text wrapped inside a cell is joined. A table piece that opens a page right under a table that
ended the previous one is laid on that table's columns by their x positions, so a piece that lost a ruling line
still lines up.

A PDF can be read in page ranges (in separate processes) and assembled: read_pdf_pages() reads some pages,
assemble_pdf() puts the parts together, stitching tables across the parts' boundaries as across any page break;
the Document is the one read_pdf() gives.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ingest.document import Block, Cell, Document, Paragraph, Row, Table, is_page_marker
from ingest.errors import DocumentError, NeedsOCR
from ingest.pdf_backend import pdf_backend
from ingest.readers.ocr import ScannedPage
from ingest.readers.pdf_tables import LIGATURES, TABLE_SETTINGS, LayerPage

CLOSING = "）)】」』》〉，。、；：！？%％"
DEFAULT_SCAN_DPI = 200  # a scanned page whose image resolution cannot be read is rendered at this


@dataclass
class _Piece:
    """A table found on one page, with its column edges for stitching."""

    rows: list[list[str]]
    columns: list[tuple[float, float]]
    cell_boxes: list[list[tuple[float, float] | None]]
    top: float
    bottom: float = 0.0
    confidences: list[list[float | None]] | None = None  # recognition scores (scanned pages)


@dataclass
class _PageContent:
    """What one page holds before it is placed: text lines outside tables (top, text) and table pieces."""

    lines: list[tuple[float, str]]
    pieces: list[_Piece]
    line_confidences: list[float | None] | None = None


@dataclass(frozen=True)
class PdfPages:
    """Some pages of a PDF, read: each page's content in page order, and which of them were scanned (OCR)."""

    file_name: str
    page_count: int  # of the whole file
    numbers: tuple[int, ...]  # the pages read, 1-based
    contents: tuple[_PageContent | None, ...]  # None: no text layer, not recognised (read_text_layers)
    scanned: tuple[int, ...] = ()
    reference_pages: tuple[int, ...] = ()  # pages the pdfium backend left to pdfplumber
    blank: tuple[int, ...] = ()  # pages without text, images or curves: nothing to read, not sent to OCR


def read_pdf(data: bytes, file_name: str, backend: str | None = None) -> Document:
    """Parse a PDF into a Document; pages without a text layer are recognised (OCR), page by page.

    Encrypted and corrupt files raise a DocumentError naming the file, and so does a scan in which nothing
    could be recognised.
    """
    return assemble_pdf([read_pdf_pages(data, file_name, None, backend)])


def pdf_page_count(data: bytes, file_name: str = "") -> int:
    """How many pages the PDF has (to split it into ranges); a DocumentError if it cannot be opened."""
    return read_text_layers(data, file_name, (), "pdfium").page_count


def read_pdf_pages(
    data: bytes, file_name: str, pages: Iterable[int] | None = None, backend: str | None = None
) -> PdfPages:
    """Read the given pages (1-based; all when None) of a PDF, scanned ones by OCR, for assemble_pdf()."""
    layers = read_text_layers(data, file_name, pages, backend)
    if not layers.scanned:
        return layers
    from ingest.readers.ocr import scan_all

    recognised = scan_all(data, render_page, layers.scanned, file_name)
    contents = tuple(
        scanned_content(recognised[number]) if number in recognised else content
        for number, content in zip(layers.numbers, layers.contents, strict=True)
    )
    return replace(layers, contents=contents)


def read_text_layers(
    data: bytes, file_name: str, pages: Iterable[int] | None = None, backend: str | None = None
) -> PdfPages:
    """The given pages' text layers, read; a page without one is listed in `scanned`, its content None (unless
    nothing could be recognised on it either: no image, no curve, only straight ruling lines or nothing, which is
    listed in `blank`)."""
    _check_header(data, file_name)
    chosen = pdf_backend(backend)
    read = _read_with_pdfium(data, file_name, pages) if chosen == "pdfium" else None
    if read is None:  # the reference backend, or a file PDFium cannot open: pdfplumber reads it or says why
        read = _read_with_pdfplumber(data, file_name, pages)
    page_count, numbers, contents, reference_pages = read
    scanned = tuple(number for number, content in zip(numbers, contents, strict=True) if content is None)
    blank = tuple(number for number, content in zip(numbers, contents, strict=True) if content is _NOTHING)
    contents = [_PageContent([], []) if content is _NOTHING else content for content in contents]
    return PdfPages(file_name, page_count, tuple(numbers), tuple(contents), scanned, tuple(reference_pages), blank)


def assemble_pdf(parts: Sequence[PdfPages]) -> Document:
    """One Document from the parts of a PDF read separately (in any order), as read_pdf() would give it."""
    if not parts:
        raise ValueError("no pages to assemble")
    file_name, page_count = parts[0].file_name, parts[0].page_count
    by_number = {number: content for part in parts for number, content in zip(part.numbers, part.contents, strict=True)}
    if sorted(by_number) != list(range(1, page_count + 1)):
        missing = sorted(set(range(1, page_count + 1)) - set(by_number))
        raise ValueError(f"{file_name}: pages {missing} were not read")
    scanned = sorted(number for part in parts for number in part.scanned)
    unread = len(scanned) + sum(len(part.blank) for part in parts)
    blocks = assemble([by_number[number] for number in range(1, page_count + 1)])
    if page_count and unread == page_count and not blocks:
        raise NeedsOCR(
            f"{file_name}: no text layer on any of its {page_count} pages, and no text recognised in them "
            "(a blank or unreadable scan?)"
        )
    return Document(
        file_name=file_name, format="pdf+ocr" if scanned else "pdf", blocks=tuple(blocks), page_count=page_count
    )


def _check_header(data: bytes, file_name: str) -> None:
    if not data:
        raise DocumentError(f"{file_name}: the file is empty")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise DocumentError(f"{file_name}: not a PDF (no %PDF header)")


def _selected(pages: Iterable[int] | None, page_count: int, file_name: str) -> list[int]:
    numbers = list(range(1, page_count + 1)) if pages is None else list(pages)
    outside = [number for number in numbers if not 1 <= number <= page_count]
    if outside:
        raise IndexError(f"{file_name}: no page {outside[0]} (it has {page_count})")
    return numbers


def _read_with_pdfplumber(data: bytes, file_name: str, pages: Iterable[int] | None):
    """(page count, page numbers, contents with None for pages without a text layer, pages read here)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page_count = len(pdf.pages)
            numbers = _selected(pages, page_count, file_name)
            contents = [_plumber_content(pdf.pages[number - 1]) for number in numbers]
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise DocumentError(f"{file_name}: encrypted PDF ({type(error).__name__}); decrypt it first") from error
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise DocumentError(f"{file_name}: encrypted PDF; decrypt it first") from error
        raise DocumentError(f"{file_name}: corrupt PDF ({type(cause).__name__}: {cause})") from error
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
        raise DocumentError(f"{file_name}: corrupt PDF ({type(error).__name__}: {error})") from error
    return page_count, numbers, contents, numbers


_NOTHING = _PageContent([], [])  # a page with no text layer and nothing to recognise


def _plumber_content(page) -> _PageContent | None:
    """The page's text layer; None for a page to recognise (it has no text but an image or curves)."""
    if page.chars:
        content = _text_page(page)
    elif page.images or any(segment[0] in "cvy" for curve in page.curves for segment in curve["path"]):
        content = None
    else:
        content = _NOTHING
    page.close()
    return content


def _read_with_pdfium(data: bytes, file_name: str, pages: Iterable[int] | None):
    """As _read_with_pdfplumber, through PDFium; pages it cannot read exactly are read by pdfplumber. None if
    PDFium cannot open the file at all."""
    import pypdfium2 as pdfium

    from ingest.readers.pdfium_layer import Unsupported, read_layer

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    reference = None
    try:
        page_count = len(pdf)
        numbers = _selected(pages, page_count, file_name)
        contents: list[_PageContent | None] = []
        referred: list[int] = []
        for number in numbers:
            page = pdf[number - 1]
            try:
                layer = read_layer(page.raw)
            except Unsupported:
                layer = None
            finally:
                page.close()
            if layer is None:
                if reference is None:
                    import pdfplumber

                    reference = pdfplumber.open(io.BytesIO(data))
                contents.append(_plumber_content(reference.pages[number - 1]))
                referred.append(number)
            else:
                if layer.chars:
                    contents.append(_text_page(LayerPage(layer.chars, layer.edges, layer.bbox)))
                else:
                    contents.append(None if layer.drawn else _NOTHING)
    finally:
        if reference is not None:
            reference.close()
        pdf.close()
    return page_count, numbers, contents, referred


def _text_page(page) -> _PageContent:
    """Tables and the text lines outside them, from the page's text layer (a pdfplumber page or a LayerPage)."""
    found = sorted(page.find_tables(TABLE_SETTINGS), key=lambda table: table.bbox[1])
    boxes = [table.bbox for table in found]
    if not boxes:
        outside = page
    elif isinstance(page, LayerPage):
        outside = page.outside(boxes)
    else:
        outside = page.filter(lambda obj: not _inside(obj, boxes))
    lines = [
        (line["top"], line["text"].strip())
        for line in _baseline_merged(outside.extract_text_lines(layout=False, strip=True, return_chars=True))
        if line["text"].strip()
    ]
    return _PageContent(lines, [_piece(table) for table in found])


def _baseline_merged(lines: list[dict]) -> list[dict]:
    """Text lines with a line set on another baseline joined to the line it shares most of its height with.

    Digits in a Latin font beside Chinese text often sit a few points lower (本年收入合计 万元 at top 266.6, its
    2946.25 at 271.5): farther apart than the 3 pt that make one line, so they came out as a line of bare numbers
    under a sentence with gaps. Two consecutive lines are one when they overlap by at least half the smaller
    height and no character of one lies over a character of the other; their characters are read left to right.
    """
    merged: list[dict] = []
    for line in lines:
        if merged and _same_line(merged[-1], line):
            first = merged[-1]
            unique = {id(char): char for char in first["chars"] + line["chars"]}  # a ligature's letters share one
            chars = sorted(unique.values(), key=lambda char: char["x0"])
            merged[-1] = {**first, "text": _chars_text(chars), "chars": chars,
                          "x0": min(first["x0"], line["x0"]), "x1": max(first["x1"], line["x1"])}  # fmt: skip
        else:
            merged.append(line)
    return merged


def _same_line(line: dict, other: dict) -> bool:
    overlap = min(line["bottom"], other["bottom"]) - max(line["top"], other["top"])
    height = min(line["bottom"] - line["top"], other["bottom"] - other["top"])
    if height <= 0 or overlap < height / 2:
        return False
    spans = sorted((char["x0"], char["x1"]) for char in line["chars"] + other["chars"] if char["text"].strip())
    return all(right <= next_left + 0.5 for (_, right), (next_left, _) in itertools.pairwise(spans))


def _chars_text(chars: list[dict]) -> str:
    """The characters' text left to right, a space where pdfplumber's words part (a blank, or a gap over 3 pt)."""
    out: list[str] = []
    right = None
    for char in chars:
        if not char["text"].strip():
            right = None if right is None else -1.0  # a blank parts words
            continue
        if right is not None and (right < 0 or char["x0"] > right + 3):
            out.append(" ")
        out.append(LIGATURES.get(char["text"], char["text"]))
        right = char["x1"]
    return "".join(out).strip()


def assemble(contents: Sequence[_PageContent]) -> list[Block]:
    """Blocks of all pages in reading order, tables stitched across page breaks, rows and paragraphs numbered.

    A row's and a paragraph's `line` is its ordinal among the document's rows and paragraphs (as in DOCX), so
    records, which carry page and line, can be joined back to the cells they came from.
    """
    blocks: list[Block] = []
    previous: _Piece | None = None
    for number, content in enumerate(contents, start=1):
        page_blocks, previous = _place(content, number, previous)
        blocks.extend(page_blocks)
    return _numbered(blocks)


def _place(content: _PageContent, number: int, previous: _Piece | None):
    """A page's tables and text lines as blocks, top to bottom, and the piece a next page may continue."""
    lines = content.lines
    confidences = content.line_confidences or [None] * len(lines)
    items: list[tuple[float, Block]] = [
        (top, Paragraph(text=text, page=number, confidence=confidence))
        for (top, text), confidence in zip(lines, confidences, strict=True)
    ]
    for position, piece in enumerate(content.pieces, start=1):
        text_above = [text for top, text in lines if top < piece.top and not is_page_marker(text)]
        if previous is not None and position == 1 and not text_above and len(piece.columns) < len(previous.columns):
            piece.rows, piece.confidences = _aligned(piece, previous)
            piece.columns = previous.columns
        scores = piece.confidences or [[None] * len(cells) for cells in piece.rows]
        rows = tuple(
            Row(cells=tuple(Cell(text, None, score) for text, score in zip(cells, row_scores, strict=True)),
                line=None, page=number)
            for cells, row_scores in zip(piece.rows, scores, strict=True)
        )  # fmt: skip
        items.append((piece.top, Table(rows=rows, page=number, position=position)))
        previous = piece
    items.sort(key=lambda item: item[0])
    # A table continues onto the next page only if nothing but a page number follows it here.
    if content.pieces:
        last = content.pieces[-1].bottom
        if any(top > last and not is_page_marker(text) for top, text in lines):
            previous = None
    else:
        previous = None
    return [block for _, block in items], previous


def _numbered(blocks: list[Block]) -> list[Block]:
    ordinal = 0
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            ordinal += 1
            out.append(replace(block, line=ordinal))
            continue
        rows = []
        for row in block.rows:
            ordinal += 1
            rows.append(replace(row, line=ordinal, cells=tuple(replace(cell, line=ordinal) for cell in row.cells)))
        out.append(replace(block, rows=tuple(rows), line=rows[0].line if rows else None))
    return out


def render_page(data: bytes, number: int) -> tuple[np.ndarray, float]:
    """One page as an 8-bit grey image at its scan's own resolution (150-300 dpi), and pixels per point."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[number - 1]
        width_points = page.get_width()
        dpi = 0.0
        for image in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, _, right, _ = image.get_bounds()
            if right - left > width_points / 2:  # the scan, not a stamp or a logo
                dpi = max(dpi, image.get_px_size()[0] / ((right - left) / 72))
        dpi = min(max(dpi or DEFAULT_SCAN_DPI, 150.0), 300.0)
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        grey = np.array(bitmap.to_pil().convert("L"))
        page.close()
    finally:
        pdf.close()
    return grey, dpi / 72


def scanned_content(page: ScannedPage) -> _PageContent:
    """A recognised page in the text path's terms: wrapped lines joined, overflowing punctuation put back."""
    pieces = []
    for table in page.tables:
        rows = [_restore_punctuation([_join_wrapped(text) for text in texts]) for texts in table.rows]
        pieces.append(_Piece(rows, table.columns, table.cell_boxes, table.top, table.bottom, table.confidences))
    lines = [(line.top, line.text) for line in page.lines]
    return _PageContent(lines, pieces, [line.confidence for line in page.lines])


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
    return _Piece(rows, _column_edges(boxes), boxes, table.bbox[1], table.bbox[3])


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
    """Lay a continuation piece's cells on the previous piece's columns by x position."""
    return _aligned(piece, previous)[0]


def _aligned(piece: _Piece, previous: _Piece) -> tuple[list[list[str]], list[list[float | None]] | None]:
    """Lay a continuation piece's cells (and their scores) on the previous piece's columns by x position.

    Only a piece with fewer columns than the one it continues is re-laid: a ruling line it lost (a merged
    column with no divider on this page) must not shift the cells to its right.
    """
    if len(piece.columns) >= len(previous.columns):
        return piece.rows, piece.confidences
    scores = piece.confidences or [[None] * len(texts) for texts in piece.rows]
    aligned: list[list[str]] = []
    aligned_scores: list[list[float | None]] = []
    for texts, boxes, row_scores in zip(piece.rows, piece.cell_boxes, scores, strict=True):
        row = [""] * len(previous.columns)
        row_score: list[float | None] = [None] * len(previous.columns)
        for text, box, score in zip(texts, boxes, row_scores, strict=True):
            if box is None or (not text and score is None):
                continue
            target = max(
                range(len(previous.columns)),
                key=lambda c: min(box[1], previous.columns[c][1]) - max(box[0], previous.columns[c][0]),
            )
            row[target] = (row[target] + text) if row[target] else text
            if score is not None:
                row_score[target] = score if row_score[target] is None else min(score, row_score[target])
        aligned.append(row)
        aligned_scores.append(row_score)
    return aligned, aligned_scores if piece.confidences else None
