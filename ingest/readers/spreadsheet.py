"""What every spreadsheet reader shares: a sheet as a grid of displayed texts, cut into tables and text lines.

The format readers (xlsx, xls, ods) open their files into `Sheet` grids; `sheet_blocks` turns a grid into the
blocks every other reader gives. Conventions shared with them: a merged range's text sits in its top-left cell,
the cells it covers are blank. A sheet holds one or more tables, separated by blank rows. Rows at the top or
bottom of a run of rows that are not part of the table (a title, `单位：万元`, `注：…`) become Paragraphs, as the
PDF reader gives the text around ruled tables: where the format marks table rows (a sheet's cell borders, a CSV
whose table records are longer than its text lines), a row not so marked that fills at most half the table's
width; elsewhere a row with a single filled cell. Rows inside a table stay rows however few cells they fill.
Provenance: a Table's and a Row's `page` is the sheet's ordinal (1-based) and `line` the sheet's row number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ingest.document import Block, Cell, Note, Paragraph, Row, Table


@dataclass
class Sheet:
    """One worksheet as displayed: texts by (row, column), 1-based; merged ranges as (row0, col0, row1, col1).

    `ruled_rows` are the rows the format marks as table rows (a bordered cell); empty where it marks none.
    """

    name: str
    texts: dict[tuple[int, int], str]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    ruled_rows: set[int] = field(default_factory=set)
    hidden: bool = False
    formulas: set[tuple[int, int]] = field(default_factory=set)  # cells showing their formula: no value was saved


def formula_notes(sheet: Sheet, ordinal: int) -> list[Note]:
    """An info note per cell whose formula had no saved value and is kept as its text (`=100%` typed as a target is
    the target `=100%`; `=SUM(B2:B3)` is left for the reader to see, not computed)."""
    return [
        Note(
            "formula_without_value",
            f"formula cell {column_letter(column)}{row} of sheet '{sheet.name}' has no saved value (the file was saved "
            f"by a program that does not calculate): kept as its formula text {sheet.texts[(row, column)]}",
            ordinal,
            row,
            sheet.texts[(row, column)],
        )
        for row, column in sorted(sheet.formulas)
    ]


def column_letter(column: int) -> str:
    """A 1-based column number as a spreadsheet names it: 1 -> A, 27 -> AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_blocks(sheet: Sheet, ordinal: int | None) -> list[Block]:
    """The sheet's tables and text lines, top to bottom (ordinal None for a grid with no pages, a CSV file)."""
    texts = {key: text.strip() for key, text in sheet.texts.items() if text and text.strip()}
    for row0, col0, row1, col1 in sheet.merges:  # covered cells are blank, whatever the file stored there
        if (row1 - row0 + 1) * (col1 - col0 + 1) > len(texts):  # a huge range: look at the cells there are
            covered = [(r, c) for r, c in texts if row0 <= r <= row1 and col0 <= c <= col1]
        else:
            covered = [(r, c) for r in range(row0, row1 + 1) for c in range(col0, col1 + 1)]
        for key in covered:
            if key != (row0, col0):
                texts.pop(key, None)
    by_row: dict[int, dict[int, str]] = {}
    for (row, col), text in sorted(texts.items()):
        by_row.setdefault(row, {})[col] = text
    ruled = sheet.ruled_rows
    name = sheet.name or None
    blocks: list[Block] = []
    for run in _runs(sorted(by_row.keys() | ruled)):
        rows = [row for row in run if row in by_row]
        if not rows:
            continue
        marked = [row for row in rows if row in ruled]
        width = _width(by_row, marked) if marked else 0

        def is_text_line(row: int, marked: bool = bool(marked), width: int = width) -> bool:
            # An unruled row filling more than half the ruled rows' width is a data row whose border was not
            # drawn (sheets that rule only their header), not a title or a note.
            return row not in ruled and len(by_row[row]) * 2 <= width if marked else len(by_row[row]) == 1

        start, end = 0, len(rows)
        while start < end and is_text_line(rows[start]):
            start += 1
        while end > start and is_text_line(rows[end - 1]):
            end -= 1
        blocks.extend(_paragraph(by_row[row], row, ordinal, name) for row in rows[:start])
        if start < end:
            blocks.append(_table(by_row, rows[start:end], ordinal, name))
        blocks.extend(_paragraph(by_row[row], row, ordinal, name) for row in rows[end:])
    return blocks


def _runs(rows: list[int]) -> list[list[int]]:
    """Consecutive row numbers grouped; a blank row not marked as a table row ends a run."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def _width(by_row: dict[int, dict[int, str]], rows: list[int]) -> int:
    """How many columns the given rows span, first filled column to last."""
    return max(max(by_row[row]) for row in rows) - min(min(by_row[row]) for row in rows) + 1


def _paragraph(cells: dict[int, str], row: int, ordinal: int | None, sheet: str | None) -> Paragraph:
    return Paragraph(text="  ".join(cells.values()), line=row, page=ordinal, sheet=sheet)


def _table(by_row: dict[int, dict[int, str]], rows: list[int], ordinal: int | None, sheet: str | None) -> Table:
    first = min(min(by_row[row]) for row in rows)
    last = first + _width(by_row, rows) - 1
    grid = tuple(
        Row(
            cells=tuple(Cell(by_row[row].get(col, ""), row) for col in range(first, last + 1)),
            line=row,
            page=ordinal,
        )
        for row in rows
    )
    return Table(rows=grid, line=rows[0], page=ordinal, position=None, sheet=sheet)


# --- number formats: a cell's value shown as the sheet shows it -------------------------------------------------

_QUOTED = re.compile(r'"[^"]*"|\\.')
_BRACKET = re.compile(r"\[[^\]]*\]")
_CURRENCY = re.compile(r"\[\$([^-\]]*)[^\]]*\]")  # [$¥-804] prints ¥
_DATE_TOKEN = re.compile(r"yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM/PM|A/P|上午/下午", re.IGNORECASE)
_NUMBER = re.compile(r"[#0?][#0?,]*(?:\.[#0?]*)?(?:[eE][+-][0#]+)?|\.[#0?]+")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def display(value: object, number_format: str | None) -> str:
    """A cell's value as the sheet displays it under its number format (`#,##0.00`, `0%`, dates, General)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return value
    fmt = number_format or "General"
    sections = _sections(fmt)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        section = sections[0]
        return _date(value, section) if _is_date_section(section) else _general(value)
    if not isinstance(value, int | float):
        return str(value)
    # Sections: positive;negative;zero. A negative number's own section prints its sign (or brackets) itself.
    if len(sections) >= 3 and value == 0:
        section, number, signed = sections[2], 0.0, False
    elif len(sections) >= 2 and value < 0:
        section, number, signed = sections[1], -value, False
    else:
        section, number, signed = sections[0], value, True
    bare = _BRACKET.sub("", section).strip()
    if bare.lower() in ("general", "") or bare == "@":
        return _general(value)
    if _is_date_section(section):
        return _date(_from_serial(float(number)), section)
    return _numeric(number, section, signed=signed)


def _from_serial(serial: float) -> dt.datetime:
    """An Excel date serial (1900 system) as a datetime."""
    return dt.datetime(1899, 12, 30) + dt.timedelta(days=serial)


def _sections(fmt: str) -> list[str]:
    sections, current, quoted, escaped = [], "", False, False
    for char in fmt:
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            current += char
            escaped = True
        elif char == '"':
            quoted = not quoted
            current += char
        elif char == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += char
    sections.append(current)
    return sections


def _general(value: object) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".15g")
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return str(value)


def _is_date_section(section: str) -> bool:
    bare = _QUOTED.sub("", _BRACKET.sub("", section))
    return bool(re.search(r"[ymdhs]", bare, re.IGNORECASE)) and "general" not in bare.lower()


def _date(value: dt.date | dt.time, section: str) -> str:
    if isinstance(value, dt.time):
        value = dt.datetime.combine(dt.date(1899, 12, 31), value)
    elif not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    section = _BRACKET.sub("", section)
    twelve = bool(re.search(r"AM/PM|A/P|上午/下午", section, re.IGNORECASE))
    out: list[str] = []
    previous = ""
    tokens = list(_tokens(section))
    for index, (kind, text) in enumerate(tokens):
        if kind == "literal":
            out.append(text)
            continue
        lower = text.lower()
        following = next((t.lower() for k, t in tokens[index + 1 :] if k == "token"), "")
        if lower in ("m", "mm") and (previous.startswith("h") or following.startswith("s")):
            out.append(f"{value.minute:0{len(lower)}d}")
        elif lower.startswith("y"):
            out.append(f"{value.year % 100:02d}" if len(lower) == 2 else str(value.year))
        elif lower in ("m", "mm"):
            out.append(f"{value.month:0{len(lower)}d}")
        elif lower == "mmm":
            out.append(_MONTHS[value.month - 1][:3])
        elif lower.startswith("mmmm"):
            out.append(_MONTHS[value.month - 1] if lower == "mmmm" else _MONTHS[value.month - 1][0])
        elif lower in ("d", "dd"):
            out.append(f"{value.day:0{len(lower)}d}")
        elif lower == "ddd":
            out.append(_DAYS[value.weekday()][:3])
        elif lower == "dddd":
            out.append(_DAYS[value.weekday()])
        elif lower.startswith("h"):
            hour = (value.hour % 12 or 12) if twelve else value.hour
            out.append(f"{hour:0{len(lower)}d}")
        elif lower.startswith("s"):
            out.append(f"{value.second:0{len(lower)}d}")
        elif lower in ("am/pm", "a/p"):
            mark = "AM" if value.hour < 12 else "PM"
            out.append(mark if lower == "am/pm" else mark[0])
        elif lower == "上午/下午":
            out.append("上午" if value.hour < 12 else "下午")
        previous = lower
    return "".join(out)


def _tokens(section: str, token: re.Pattern[str] = _DATE_TOKEN):
    """A format section's tokens (date parts, or a number pattern) and the literal text between them."""
    index = 0
    while index < len(section):
        char = section[index]
        if char == '"':
            end = section.find('"', index + 1)
            end = len(section) if end < 0 else end
            yield "literal", section[index + 1 : end]
            index = end + 1
        elif char == "\\" and index + 1 < len(section):
            yield "literal", section[index + 1]
            index += 2
        elif char in "_*" and index + 1 < len(section):
            index += 2  # padding and fill characters take no place in plain text
        else:
            match = token.match(section, index)
            if match:
                yield "token", match.group(0)
                index = match.end()
            else:
                yield "literal", char
                index += 1


def _numeric(number: float, section: str, signed: bool) -> str:
    """Format a number under one section of a number format: decimals, thousands, percent, literals."""
    section = _BRACKET.sub("", _CURRENCY.sub(lambda match: f'"{match.group(1)}"', section))
    literals: list[str] = []
    pattern = ""
    prefix_done = False
    suffix: list[str] = []
    for kind, text in _tokens(section, _NUMBER):
        if kind == "token" and not prefix_done:
            pattern = text
            prefix_done = True
        elif kind == "token" or prefix_done:
            suffix.append(text)
        else:
            literals.append(text)
    if not pattern:
        return "".join(literals + suffix) or _general(number)
    percent = "".join(literals + suffix).count("%")
    try:
        exact = Decimal(repr(number)) * (Decimal(100) ** percent)
    except InvalidOperation:
        return _general(number)
    text = _apply_pattern(exact, pattern)
    sign = "-" if signed and exact < 0 and text.strip("0.,") else ""
    return (sign + "".join(literals) + text.lstrip("-") + "".join(suffix)).strip()


def _apply_pattern(number: Decimal, pattern: str) -> str:
    scientific = re.search(r"[eE][+-]", pattern)
    if scientific:
        decimals = pattern[: scientific.start()].partition(".")[2]
        return f"{float(number):.{len(decimals)}E}".replace("E", pattern[scientific.start()])
    integer, _, fraction = pattern.partition(".")
    while integer.endswith(","):  # a trailing comma scales by a thousand
        number /= 1000
        integer = integer[:-1]
    thousands = "," in integer
    minimum = len(fraction.rstrip("#?"))
    maximum = len(fraction)
    rounded = number.quantize(Decimal(1).scaleb(-maximum), rounding=ROUND_HALF_UP)
    digits = f"{abs(rounded):f}"
    whole, _, decimals = digits.partition(".")
    decimals = decimals.ljust(maximum, "0")[:maximum]
    while len(decimals) > minimum and decimals.endswith("0"):
        decimals = decimals[:-1]
    width = integer.replace(",", "").count("0")
    whole = whole.lstrip("0").rjust(width, "0")
    if thousands and whole:
        whole = f"{int(whole):,}"
    text = whole + ("." + decimals if decimals else "")
    return ("-" if rounded < 0 else "") + text
