"""Read HTML pages and the HTML tables some systems save under an .xls name, with the standard library's parser.

Tables become grids with `rowspan`/`colspan` laid out as the other readers lay out merges (text in the top-left
cell, covered cells blank); the text outside tables becomes one Paragraph per block element (`<p>`, `<div>`,
headings, list items, `<br>`), headings with their level. A table nested in a cell gives its text to that cell.
`line` is the source line a row or paragraph starts on. Scripts and styles are skipped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ingest.document import Block, Cell, Document, Paragraph, Row, Table
from ingest.readers.text import decode

BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "title"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def read_html(data: bytes, file_name: str) -> Document:
    """Parse an HTML page into a Document."""
    parser = _Parser()
    parser.feed(_decode(data, file_name))
    parser.close()
    return Document(file_name=file_name, format="html", blocks=tuple(parser.blocks))


def looks_like_html(data: bytes) -> bool:
    """An HTML document or fragment (what some systems save as .xls)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body"))


def _decode(data: bytes, file_name: str) -> str:
    match = _CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, file_name)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.text_line: int | None = None
        self.heading: int | None = None
        self.skip = 0
        self.depth = 0  # table nesting; only the outermost table makes a grid
        self.rows: list[tuple[int, list[tuple[str, int, int]]]] = []
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self._flush_text()
                self.rows = []
        elif self.depth == 1 and tag == "tr":
            self.rows.append((self.getpos()[0], []))
        elif self.depth == 1 and tag in ("td", "th"):
            values = dict(attrs)
            self.cell = []
            self.cell_span = (_int(values.get("rowspan")), _int(values.get("colspan")))
        elif self.depth == 0 and tag in BLOCK_TAGS:
            self._flush_text()
            self.heading = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else None
        elif self.depth >= 1 and tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self._end_cell()
                self._flush_table()
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self.depth == 0 and tag in BLOCK_TAGS:
            self._flush_text()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.depth:
            if self.cell is not None:
                self.cell.append(data)
            return
        if data.strip() and self.text_line is None:
            self.text_line = self.getpos()[0]
        self.text.append(data)

    def close(self) -> None:
        super().close()
        self._flush_text()

    def _end_cell(self) -> None:
        if self.cell is None:
            return
        text = "\n".join(" ".join(part.split()) for part in "".join(self.cell).split("\n")).strip()
        if not self.rows:
            self.rows.append((self.getpos()[0], []))
        self.rows[-1][1].append((text, *self.cell_span))
        self.cell = None

    def _flush_text(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.blocks.append(Paragraph(text=text, line=self.text_line, heading_level=self.heading))
        self.text, self.text_line, self.heading = [], None, None

    def _flush_table(self) -> None:
        grid: dict[tuple[int, int], str] = {}
        for r, (_, cells) in enumerate(self.rows):
            c = 0
            for text, rowspan, colspan in cells:
                while (r, c) in grid:
                    c += 1
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid[(r + dr, c + dc)] = text if (dr, dc) == (0, 0) else ""
                c += colspan
        width = max((c for _, c in grid), default=-1) + 1
        rows = tuple(
            Row(cells=tuple(Cell(grid.get((r, c), ""), line) for c in range(width)), line=line)
            for r, (line, _) in enumerate(self.rows)
            if any(grid.get((r, c)) for c in range(width))
        )
        if rows:
            self.blocks.append(Table(rows=rows, line=rows[0].line))
        self.rows = []


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1
