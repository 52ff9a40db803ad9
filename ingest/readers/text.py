"""Read the text exports other tools write: tab-separated rows, one-cell-per-line rows, Markdown, web-page text.

Web mirrors of the bureaus' documents print tables in two more ways: pipe tables without the outer pipes
(`一级指标 | 二级指标 | 指标值`, style `pipes`), and one cell per line ending in ` |` (style `cell_bars`), a row
ending at a blank line or at a line of only `|` (then an empty cell is a line ` |`, indented).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.document import Block, Cell, Document, Paragraph, Row, Table
from ingest.errors import DocumentError

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# What text is not made of: control characters other than tab, newline, carriage return and form feed; U+FFFD.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")
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


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Characters frequent in these documents, simplified and traditional: a right decoding of Chinese text is full of
# them, a wrong one (Big5 read as GBK, or GBK as Big5) is not.
_COMMON_HAN = frozenset(
    "的一是在不了有和人中为為年项項目指标標医醫疗療保障局资資金预預算务務费費用数數量质質时時效满滿意度产產出益社会會"
    "经經济濟服对對象成本开開展提高完进進行工作管理部门門单單位财財政支付计計划劃合总總元万萬其他基础礎障参參"
    "加率民众眾群宣传傳督检檢查审審核办辦公信息化系统統建设設务务实實施"
)


def decode(data: bytes, file_name: str) -> str:
    """Decode a text export: UTF-8, UTF-16 or UTF-32 (with or without BOM), GB18030 (which covers GBK) or Big5;
    a file that is none of them fails and says so."""
    if not data.strip():
        raise DocumentError(f"{file_name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError:
                raise DocumentError(
                    f"{file_name}: starts with a {encoding} byte-order mark but is not {encoding}"
                ) from None
    sample = data[:8192]
    if b"\x00" in sample:
        for encoding in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
            text = _strict(data, encoding)
            if text is not None and _looks_like_text(text) and _mostly_chinese_or_ascii(text):
                return text
        raise DocumentError(f"{file_name}: binary content (NUL bytes), not a text export in UTF-16 or UTF-32")
    text = _strict(data, "utf-8")
    if text is not None and _looks_like_text(text):
        return text
    readings = [
        (_han_score(text), encoding, text)
        for encoding in ("gb18030", "big5")
        if (text := _strict(data, encoding)) is not None and _looks_like_text(text)
    ]
    if readings:
        score, _, text = max(readings, key=lambda reading: reading[0])
        if score > 0 or not any(_is_han(ch) for ch in text[:20000]):
            return text
    raise DocumentError(f"{file_name}: not text in UTF-8, UTF-16, UTF-32, GB18030/GBK or Big5")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _han_score(text: str) -> float:
    """Share of Chinese characters that are common ones (see _COMMON_HAN)."""
    han = [ch for ch in text[:20000] if _is_han(ch)]
    return sum(1 for ch in han if ch in _COMMON_HAN) / len(han) if han else 0.0


def _mostly_chinese_or_ascii(text: str) -> bool:
    """UTF-16/32 without a BOM is told from binary by what it decodes to: ASCII, Chinese and their punctuation."""
    sample = text[:20000]
    plausible = sum(1 for ch in sample if " " <= ch <= "~" or ch in "\t\n\r" or _is_cjk(ch))
    return plausible >= len(sample) * 0.95


def _is_cjk(ch: str) -> bool:
    """A Chinese character, CJK punctuation, a full-width form or general punctuation (“”、……)."""
    return _is_han(ch) or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or "\u2000" <= ch <= "\u206f"


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    return len(_CONTROLS.findall(sample)) <= len(sample) * 0.01


def detect_style(text: str) -> str:
    """Tell the export styles apart: 'markdown', 'pipes', 'cell_bars', 'cell_lines' (DOCX export) or 'tsv'."""
    lines = text.splitlines()
    tab_lines = [line for line in lines if "\t" in line]
    leading_pipes = sum(1 for line in lines if line.startswith("|"))
    inner_pipes = sum(1 for line in lines if not line.startswith("|") and "|" in line.rstrip().rstrip("|"))
    cell_bars = sum(1 for line in lines if _is_cell_bar(line))
    others = max(inner_pipes, leading_pipes, len(tab_lines))  # a bar inside a tab-separated cell is text
    if cell_bars >= 3 and cell_bars > others:
        return "cell_bars"
    if inner_pipes >= 3 and inner_pipes > max(leading_pipes, len(tab_lines)):
        return "pipes"
    markdown_marks = sum(1 for line in lines if line.startswith("#") or "<b>" in line or "$\\" in line) + leading_pipes
    if markdown_marks >= 3:
        return "markdown"
    if not tab_lines:
        return "tsv"
    single_cell = sum(1 for line in tab_lines if line.startswith("\t") and "\t" not in line[1:].rstrip("\t"))
    return "cell_lines" if single_cell >= 0.8 * len(tab_lines) else "tsv"


def _is_cell_bar(line: str) -> bool:
    """A line holding one cell and ending in its bar: `预算数 |`, or `|` alone."""
    stripped = line.rstrip()
    return stripped.endswith("|") and "|" not in stripped[:-1] and (stripped == "|" or stripped[-2:-1].isspace())


def read_text(data: bytes, file_name: str) -> Document:
    """Parse a text export into a Document, choosing the reader by the export style."""
    text = decode(data, file_name).replace("\r\n", "\n").replace("\r", "\n")
    style = detect_style(text)
    lines = text.split("\n")
    if style == "cell_lines":
        blocks = _read_cell_lines(lines)
    elif style == "cell_bars":
        blocks = _read_cell_bars(lines)
    else:
        blocks = _read_delimited(lines, markdown=style == "markdown", pipes=style == "pipes")
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


def _read_delimited(lines: list[str], markdown: bool, pipes: bool = False) -> list[Block]:
    """Rows are lines holding tabs (or Markdown pipes, or any pipes); a table runs on across blank lines."""
    blocks: list[Block] = []
    rows: list[Row] = []

    def flush() -> None:
        if rows:
            blocks.append(Table(rows=tuple(rows), line=rows[0].line))
            rows.clear()

    for number, raw in enumerate(lines, start=1):
        line = _without_bookmarks(raw)
        if (markdown or pipes) and _is_pipe_separator(line):
            continue
        if "\t" in line or (markdown and line.lstrip().startswith("|")) or (pipes and "|" in line):
            # Without outer pipes (style pipes) a row's leading or trailing bar is an empty cell's edge.
            splitter = "\t" if "\t" in line else "|" if pipes else None
            cells = line.split(splitter) if splitter else _split_pipe(line)
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


def _without_bookmarks(line: str) -> str:
    """The line without [bookmark:...] anchors (looked for only where one may be: most lines have none)."""
    return _BOOKMARK.sub("", line) if "[bookmark:" in line else line


def _is_pipe_separator(line: str) -> bool:
    stripped = line.strip()
    return "|" in stripped and "-" in stripped and set(stripped) <= set("|-: ")


def _split_pipe(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|"):
        stripped = stripped[:-1]
    return stripped.split("|")


def _read_cell_lines(lines: list[str]) -> list[Block]:
    """DOCX exports: each cell is a line opening with a tab, rows are separated by blank lines."""

    def classify(line: str) -> tuple[str, str]:
        if line.startswith("\t"):
            return "cell", line[1:].replace("\t", " ").strip()
        return ("end_row", "") if not line.strip() else ("text", line.strip())

    return _one_cell_per_line(lines, classify)


def _read_cell_bars(lines: list[str]) -> list[Block]:
    """Web-page text: each cell a line ending in ` |`; rows end at a blank line, or at a line of only `|`.

    Rows end at blank lines where a blank line follows a filled cell; otherwise, where lines of only `|` occur,
    those end rows (and a blank line ends the table). A document every row of which ends in an empty cell is
    ambiguous and read the second way.
    """
    filled = [_is_cell_bar(line) and line.strip() != "|" for line in lines]
    between = zip(filled, lines[1:], filled[2:], strict=False)
    blank_rows = any(before and after and not line.strip() for before, line, after in between)
    bar_rows = not blank_rows and any(line == "|" for line in lines)

    def classify(line: str) -> tuple[str, str]:
        line = line.rstrip()
        if bar_rows and line == "|":
            return "end_row", ""
        if _is_cell_bar(line):
            return "cell", line[:-1].strip()
        if not line.strip():
            return ("end_table" if bar_rows else "end_row"), ""
        return "text", line.strip()

    return _one_cell_per_line(lines, classify)


def _one_cell_per_line(lines: list[str], classify: Callable[[str], tuple[str, str]]) -> list[Block]:
    """Build rows from lines that `classify` calls a cell, a row's end, a table's end or a text line."""
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
        kind, text = classify(_without_bookmarks(raw))
        if kind == "cell":
            cells.append(Cell(text, number))
        elif kind == "end_row":
            end_row()
        else:
            end_table()
            if kind == "text":
                blocks.append(Paragraph(text=text, line=number))
    end_table()
    return blocks
