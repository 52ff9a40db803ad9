"""Read OpenDocument spreadsheets (.ods) from their content.xml: cells as displayed, merges, borders, hidden sheets.

An .ods file stores each cell's displayed text (`<text:p>`) beside its value, so the text is read as the sheet
shows it without interpreting number formats (python-calamine would give the bare values: 1234.0 for
`1,234.00`). Merges are `number-columns-spanned`/`number-rows-spanned` on the top-left cell; borders and hidden
sheets come from the cell, column and table styles. The grid then goes through the step all spreadsheet
readers share (`ingest.readers.spreadsheet`). A formula cell written without its value or text (a generated file)
shows its formula (`of:=100%` as `=100%`) and is noted, as in an XLSX.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from ingest import limits
from ingest.document import Block, Document
from ingest.errors import DocumentError
from ingest.readers.spreadsheet import Sheet, formula_notes, sheet_blocks

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}
TABLE, TEXT, STYLE, FO, OFFICE = (f"{{{NS[key]}}}" for key in ("table", "text", "style", "fo", "office"))
MAX_REPEAT = 1000  # repeated empty rows/columns pad a sheet to its full size; content never repeats that often


def read_ods(data: bytes, file_name: str) -> Document:
    """Parse an .ods workbook into a Document, one sheet after the other."""
    if not data:
        raise DocumentError(f"{file_name}: the file is empty")
    try:
        limits.check_zip(data, file_name)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = ET.fromstring(archive.read("content.xml"))
            styles = ET.fromstring(archive.read("styles.xml")) if "styles.xml" in archive.namelist() else None
    except limits.LimitExceeded:
        raise
    except (DocumentError, zipfile.BadZipFile, KeyError, ET.ParseError) as error:
        raise DocumentError(f"{file_name}: not a readable ODS file ({type(error).__name__}: {error})") from error
    bordered, hidden_tables = _styles([content, styles] if styles is not None else [content])
    blocks: list[Block] = []
    warnings: list[str] = []
    notes = []
    tables = content.findall("office:body/office:spreadsheet/table:table", NS)
    for ordinal, table in enumerate(tables, start=1):
        sheet = _sheet(table, bordered, hidden_tables)
        if sheet.hidden:
            warnings.append(f"sheet {ordinal} '{sheet.name}' is hidden in the workbook; read like the others")
        blocks.extend(sheet_blocks(sheet, ordinal))
        notes.extend(formula_notes(sheet, ordinal))
    return Document(
        file_name=file_name,
        format="ods",
        blocks=tuple(blocks),
        page_count=len(tables),
        warnings=tuple(warnings),
        notes=tuple(notes),
    )


def _styles(roots: list[ET.Element]) -> tuple[set[str], set[str]]:
    """Names of the cell styles that draw a border (directly or through a parent) and of hidden table styles."""
    parents: dict[str, str] = {}
    bordered: set[str] = set()
    hidden: set[str] = set()
    for root in roots:
        for style in root.iter(f"{STYLE}style"):
            name = style.get(f"{STYLE}name", "")
            if style.get(f"{STYLE}parent-style-name"):
                parents[name] = style.get(f"{STYLE}parent-style-name", "")
            cell = style.find("style:table-cell-properties", NS)
            if cell is not None and any(
                (cell.get(f"{FO}{side}") or "none") != "none"
                for side in ("border", "border-top", "border-bottom", "border-left", "border-right")
            ):
                bordered.add(name)
            table = style.find("style:table-properties", NS)
            if table is not None and table.get(f"{TABLE}display") == "false":
                hidden.add(name)
    for name in list(parents):
        seen = {name}
        parent = parents.get(name)
        while parent and parent not in seen:
            if parent in bordered:
                bordered.add(name)
                break
            seen.add(parent)
            parent = parents.get(parent)
    return bordered, hidden


def _rows(element: ET.Element):
    """A table's rows, through header-row and row-group wrappers."""
    for child in element:
        if child.tag == f"{TABLE}table-row":
            yield child
        elif child.tag in (f"{TABLE}table-header-rows", f"{TABLE}table-row-group", f"{TABLE}table-rows"):
            yield from _rows(child)


def _columns(table: ET.Element) -> list[str | None]:
    """Each column's default cell style, for cells that name none."""
    defaults: list[str | None] = []
    for column in table.iter(f"{TABLE}table-column"):
        repeat = min(int(column.get(f"{TABLE}number-columns-repeated", "1")), MAX_REPEAT)
        defaults.extend([column.get(f"{TABLE}default-cell-style-name")] * repeat)
    return defaults


def _sheet(table: ET.Element, bordered: set[str], hidden_tables: set[str]) -> Sheet:
    texts: dict[tuple[int, int], str] = {}
    merges: list[tuple[int, int, int, int]] = []
    ruled: set[int] = set()
    formulas: set[tuple[int, int]] = set()
    defaults = _columns(table)
    row_number = 0
    for row in _rows(table):
        repeat = int(row.get(f"{TABLE}number-rows-repeated", "1"))
        cells = _cells(row, defaults, bordered)
        if not any(text or border or span for _, text, border, span, _ in cells):
            row_number += repeat  # empty padding rows, however many
            continue
        for _ in range(min(repeat, MAX_REPEAT)):
            row_number += 1
            for column, text, border, span, formula in cells:
                if text:
                    texts[(row_number, column)] = text
                if formula:
                    formulas.add((row_number, column))
                if border:
                    ruled.add(row_number)
                if span:
                    merges.append((row_number, column, row_number + span[0] - 1, column + span[1] - 1))
    hidden = table.get(f"{TABLE}style-name") in hidden_tables
    return Sheet(table.get(f"{TABLE}name", ""), texts, merges, ruled, hidden=hidden, formulas=formulas)


def _cells(row: ET.Element, defaults: list[str | None], bordered: set[str]):
    """(column, displayed text, has a border, (rows, columns) spanned or None, shows its formula) for each cell of a
    row."""
    out = []
    column = 0
    for cell in row:
        if cell.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{TABLE}number-columns-repeated", "1"))
        text = _text(cell) if cell.tag == f"{TABLE}table-cell" else ""
        formula = _unsaved_formula(cell) if not text else None
        text = formula or text
        style = cell.get(f"{TABLE}style-name") or (defaults[column] if column < len(defaults) else None)
        border = style in bordered
        rows = int(cell.get(f"{TABLE}number-rows-spanned", "1"))
        columns = int(cell.get(f"{TABLE}number-columns-spanned", "1"))
        span = (rows, columns) if rows > 1 or columns > 1 else None
        if not text and not span and not border:
            column += repeat
            continue
        for _ in range(min(repeat, MAX_REPEAT)):
            column += 1
            out.append((column, text, border, span, formula is not None))
    return out


def _unsaved_formula(cell: ET.Element) -> str | None:
    """The formula of a cell written without its value or text (`of:=100%` -> `=100%`), else None."""
    formula = cell.get(f"{TABLE}formula")
    if not formula or cell.get(f"{OFFICE}value-type") is not None:
        return None
    namespace, _, rest = formula.partition(":")
    return rest if rest.startswith("=") and namespace.isalpha() else formula


def _text(cell: ET.Element) -> str:
    """A cell's displayed text: its paragraphs joined by newlines, spaces and tabs as written."""
    return "\n".join(_inline(paragraph) for paragraph in cell.findall("text:p", NS))


def _inline(element: ET.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1")))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)
