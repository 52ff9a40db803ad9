"""Read XLSX workbooks with openpyxl: every sheet's cells as displayed, merged ranges, borders, hidden sheets.

openpyxl rather than python-calamine: calamine returns values without their number formats (a `#,##0.00`
amount comes back as 1234.0) and without cell borders, and the tables here are told from their titles by
borders. Formulas are read as the values Excel cached when it last saved the file; a file saved by a program
that does not calculate (a generated export, `=100%` typed as a target) holds formulas without values: such a cell
shows its formula text, as the sheet printed before calculation would, and is noted (info issue
formula_without_value, with its sheet and row).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile

from ingest import limits
from ingest.document import Block, Document
from ingest.errors import DocumentError
from ingest.readers.spreadsheet import Sheet, display, formula_notes, sheet_blocks

# A formula cell closing with no value saved: <f>SUM(B1:B2)</f><v></v></c>, <f .../></c>.
_UNCACHED = re.compile(rb"(?:</f>|<f\b[^>]*/>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")


def read_xlsx(data: bytes, file_name: str) -> Document:
    """Parse an .xlsx workbook into a Document: one sheet after the other, tables and the text around them."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not data:
        raise DocumentError(f"{file_name}: the file is empty")
    try:
        limits.check_zip(data, file_name)  # a zip bomb fails here, before openpyxl inflates it
        with warnings.catch_warnings():  # openpyxl warns about extensions it drops (data validation, ...)
            warnings.simplefilter("ignore", UserWarning)
            workbook = load_workbook(io.BytesIO(data), data_only=True)
    except limits.LimitExceeded:
        raise
    except (DocumentError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise DocumentError(f"{file_name}: not a readable XLSX file ({type(error).__name__}: {error})") from error
    # Formulas without a saved value are read from the workbook as written (loaded again only when there are any).
    formulas = _load_formulas(data) if _uncached_formulas(data) else None
    blocks: list[Block] = []
    notes: list[str] = []
    cell_notes = []
    for ordinal, worksheet in enumerate(workbook.worksheets, start=1):
        sheet = _sheet(worksheet, formulas.worksheets[ordinal - 1] if formulas is not None else None)
        if sheet.hidden:
            notes.append(f"sheet {ordinal} '{sheet.name}' is hidden in the workbook; read like the others")
        blocks.extend(sheet_blocks(sheet, ordinal))
        cell_notes.extend(formula_notes(sheet, ordinal))
    workbook.close()
    return Document(
        file_name=file_name,
        format="xlsx",
        blocks=tuple(blocks),
        page_count=len(workbook.worksheets),
        warnings=tuple(notes),
        notes=tuple(cell_notes),
    )


def _load_formulas(data: bytes):
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return load_workbook(io.BytesIO(data), data_only=False)


def _sheet(worksheet, formulas=None) -> Sheet:
    """A worksheet's displayed texts; with the same sheet loaded with its formulas, a formula cell that has no saved
    value shows its formula text (and is listed in Sheet.formulas)."""
    texts: dict[tuple[int, int], str] = {}
    ruled: set[int] = set()
    shown_formulas: set[tuple[int, int]] = set()
    # The cells the file holds, not the bounding box iter_rows() walks: one styled cell at XFD1048576 (whole
    # columns formatted) would make that billions of empty cells.
    for cell in worksheet._cells.values():
        if cell.value is not None:
            texts[(cell.row, cell.column)] = display(cell.value, cell.number_format)
        if cell.has_style and _has_border(cell.border):
            ruled.add(cell.row)
    for key, cell in formulas._cells.items() if formulas is not None else ():
        if cell.data_type == "f" and key not in texts:
            texts[key] = str(getattr(cell.value, "text", None) or cell.value)  # an array formula keeps its text
            shown_formulas.add(key)
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in worksheet.merged_cells.ranges]
    return Sheet(
        worksheet.title, texts, merges, ruled, hidden=worksheet.sheet_state != "visible", formulas=shown_formulas
    )


def _has_border(border) -> bool:
    return any(getattr(getattr(border, side), "style", None) for side in ("left", "right", "top", "bottom"))


def _uncached_formulas(data: bytes) -> int:
    """Formula cells saved without their value, over all worksheets."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(
            len(_UNCACHED.findall(archive.read(name)))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )
