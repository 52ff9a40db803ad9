"""Read the text exports other tools write: tab-separated rows, one-cell-per-line rows, Markdown."""

from __future__ import annotations

import re

from ingest.document import Block, Cell, Document, Paragraph, Row, Table
from ingest.errors import DocumentError

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_MATH = re.compile(r"\$([^$]+)\$")
_LATEX_SYMBOLS = {
    r"\geqslant": "≥",
    r"\leqslant": "≤",
    r"\geq": "≥",
    r"\leq": "≤",
    r"\ge": "≥",
    r"\le": "≤",
    r"\neq": "≠",
    r"\times": "×",
    r"\sim": "~",
    r"\%": "%",
    r"\pm": "±",
}
_LATEX_WRAPPERS = re.compile(r"\\(?:text|mathrm|mathbf|rm)\{([^{}]*)\}")


def decode(data: bytes, file_name: str) -> str:
    """Decode a text export: UTF-8 (with or without BOM), else GB18030 (which covers GBK)."""
    if not data.strip():
        raise DocumentError(f"{file_name}: the file is empty")
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{file_name}: binary content (NUL bytes), not a text export")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise DocumentError(f"{file_name}: not decodable as UTF-8 or GBK text")


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls <= len(sample) * 0.01


def detect_style(text: str) -> str:
    """Tell the three export styles apart: 'markdown', 'cell_lines' (DOCX export) or 'tsv' (PDF export)."""
    lines = text.splitlines()
    markdown_marks = sum(
        1 for line in lines if line.startswith("#") or "<b>" in line or "$\\" in line or line.startswith("|")
    )
    if markdown_marks >= 3:
        return "markdown"
    tab_lines = [line for line in lines if "\t" in line]
    if not tab_lines:
        return "tsv"
    single_cell = sum(1 for line in tab_lines if line.startswith("\t") and "\t" not in line[1:].rstrip("\t"))
    return "cell_lines" if single_cell >= 0.8 * len(tab_lines) else "tsv"


def read_text(data: bytes, file_name: str) -> Document:
    """Parse a text export into a Document, choosing the reader by the export style."""
    text = decode(data, file_name).replace("\r\n", "\n").replace("\r", "\n")
    style = detect_style(text)
    lines = text.split("\n")
    if style == "cell_lines":
        blocks = _read_cell_lines(lines)
    elif style == "markdown":
        blocks = _read_delimited(lines, markdown=True)
    else:
        blocks = _read_delimited(lines, markdown=False)
    return Document(file_name=file_name, format=f"text/{style}", blocks=tuple(blocks))


def clean_markup(text: str) -> str:
    """Remove Markdown/HTML emphasis and turn LaTeX comparators into the characters they print."""
    text = _HTML_TAG.sub("", text)
    text = _MATH.sub(lambda match: _latex_to_text(match.group(1)), text)
    text = text.replace("**", "").replace("__", "")
    return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _latex_to_text(expr: str) -> str:
    expr = _LATEX_WRAPPERS.sub(r"\1", expr)
    for command in sorted(_LATEX_SYMBOLS, key=len, reverse=True):
        expr = expr.replace(command, _LATEX_SYMBOLS[command])
    expr = expr.replace("{", "").replace("}", "")
    return re.sub(r"\s+", "", expr)


def _read_delimited(lines: list[str], markdown: bool) -> list[Block]:
    """Rows are lines holding tabs (or Markdown pipes); a table runs on across blank lines."""
    blocks: list[Block] = []
    rows: list[Row] = []

    def flush() -> None:
        if rows:
            blocks.append(Table(rows=tuple(rows), line=rows[0].line))
            rows.clear()

    for number, raw in enumerate(lines, start=1):
        line = _BOOKMARK.sub("", raw)
        if markdown and _is_pipe_separator(line):
            continue
        if "\t" in line or (markdown and line.lstrip().startswith("|")):
            cells = _split_pipe(line) if "\t" not in line else line.split("\t")
            if markdown:
                cells = [clean_markup(cell) for cell in cells]
            rows.append(Row(cells=tuple(Cell(cell.strip(), number) for cell in cells), line=number))
            continue
        if not line.strip():
            continue
        flush()
        heading_level = None
        text = line.strip()
        if markdown:
            heading = re.match(r"^(#{1,6})\s+(.*)$", text)
            if heading:
                heading_level = len(heading.group(1))
                text = heading.group(2)
            text = clean_markup(text).strip()
            if text.startswith("- "):
                text = text[2:].strip()
        if text:
            blocks.append(Paragraph(text=text, line=number, heading_level=heading_level))
    flush()
    return blocks


def _is_pipe_separator(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") and set(stripped) <= set("|-: ")


def _split_pipe(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|"):
        stripped = stripped[:-1]
    return stripped.split("|")


def _read_cell_lines(lines: list[str]) -> list[Block]:
    """DOCX exports: each cell is a line opening with a tab, rows are separated by blank lines."""
    blocks: list[Block] = []
    rows: list[Row] = []
    cells: list[Cell] = []

    def end_row() -> None:
        if cells:
            rows.append(Row(cells=tuple(cells), line=cells[0].line))
            cells.clear()

    def end_table() -> None:
        end_row()
        if rows:
            blocks.append(Table(rows=tuple(rows), line=rows[0].line))
            rows.clear()

    for number, raw in enumerate(lines, start=1):
        line = _BOOKMARK.sub("", raw)
        if line.startswith("\t"):
            cells.append(Cell(line[1:].replace("\t", " ").strip(), number))
        elif not line.strip():
            end_row()
        else:
            end_table()
            blocks.append(Paragraph(text=line.strip(), line=number))
    end_table()
    return blocks
