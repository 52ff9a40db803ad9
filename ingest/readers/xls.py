"""Read old binary Excel workbooks (.xls, BIFF8) with xlrd: cells as displayed, merges, borders, hidden sheets.

xlrd with `formatting_info=True` gives what the XLSX reader gets from openpyxl: each cell's number format,
merged ranges, cell borders and sheet visibility, so the same grid-to-blocks step applies
(`ingest.readers.spreadsheet`). A .xlsx file saved under a .xls name is read as XLSX, and a web page saved as
.xls (some systems export HTML tables so) as HTML.
"""

from __future__ import annotations

import io

from ingest.document import Block, Document
from ingest.errors import DocumentError
from ingest.readers.html import looks_like_html, read_html
from ingest.readers.spreadsheet import Sheet, display, sheet_blocks
from ingest.readers.xlsx import read_xlsx

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_xls(data: bytes, file_name: str) -> Document:
    """Parse an .xls workbook into a Document, one sheet after the other."""
    import xlrd
    from xlrd.compdoc import CompDocError

    if not data:
        raise DocumentError(f"{file_name}: the file is empty")
    if data[:2] == b"PK":
        return read_xlsx(data, file_name)
    if looks_like_html(data):
        return read_html(data, file_name)
    if not data.startswith(OLE_MAGIC):
        raise DocumentError(f"{file_name}: not an Excel .xls workbook (no OLE2 header)")
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO())
    except (xlrd.XLRDError, CompDocError, AssertionError, IndexError, KeyError, ValueError, TypeError) as error:
        raise DocumentError(f"{file_name}: not a readable .xls workbook ({type(error).__name__}: {error})") from error
    blocks: list[Block] = []
    warnings: list[str] = []
    try:
        for ordinal in range(1, book.nsheets + 1):
            sheet = _sheet(book, book.sheet_by_index(ordinal - 1))
            if sheet.hidden:
                warnings.append(f"sheet {ordinal} '{sheet.name}' is hidden in the workbook; read like the others")
            blocks.extend(sheet_blocks(sheet, ordinal))
            book.unload_sheet(ordinal - 1)
    finally:
        book.release_resources()
    return Document(
        file_name=file_name, format="xls", blocks=tuple(blocks), page_count=book.nsheets, warnings=tuple(warnings)
    )


def _sheet(book, sheet) -> Sheet:
    import xlrd

    texts: dict[tuple[int, int], str] = {}
    ruled: set[int] = set()
    for r in range(sheet.nrows):
        for c in range(sheet.row_len(r)):
            cell = sheet.cell(r, c)
            xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
            if xf is not None and _has_border(xf.border):
                ruled.add(r + 1)
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            number_format = book.format_map[xf.format_key].format_str if xf is not None else None
            if cell.ctype == xlrd.XL_CELL_DATE:
                value: object = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(cell.value)
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                value = xlrd.error_text_from_code.get(cell.value, "#ERR")
            else:
                value = cell.value
            texts[(r + 1, c + 1)] = display(value, number_format)
    merges = [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells]
    return Sheet(sheet.name, texts, merges, ruled, hidden=sheet.visibility != 0)


def _has_border(border) -> bool:
    return any(getattr(border, f"{side}_line_style", 0) for side in ("left", "right", "top", "bottom"))
