"""Read CSV files (system exports): comma- or tab-separated, UTF-8 with or without BOM, or GBK/GB18030.

The rows are laid out as a sheet without borders and cut into tables and text lines the way the spreadsheet
readers do (`ingest.readers.spreadsheet`): blank lines end a table; where an export writes its text lines as
one-field records and its table rows with all their fields (`合计,,,`), the one-field records around a table are
text lines (a title, `单位：万元`, `注：…`); where every record has the same length (Excel pads them), a first or
last row with a single filled cell is. A row's `line` is the file line its record starts on.
"""

from __future__ import annotations

import csv
import io
import re

from ingest.document import Document
from ingest.errors import DocumentError
from ingest.readers.spreadsheet import Sheet, sheet_blocks
from ingest.readers.text import decode

DELIMITERS = ",\t;"
_SEP_HINT = re.compile(r"sep=(.)\r?\n")


def read_csv(data: bytes, file_name: str) -> Document:
    """Parse a CSV file into a Document."""
    text = decode(data, file_name)
    hint = _SEP_HINT.match(text)  # Excel's "sep=;" first line names the delimiter
    delimiter = hint.group(1) if hint else sniff_delimiter(text)
    texts: dict[tuple[int, int], str] = {}
    lengths: dict[int, int] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        if hint:
            next(reader)
            start = 2
        for record in reader:
            for column, value in enumerate(record, start=1):
                if value.strip():
                    texts[(start, column)] = value
            lengths[start] = len(record)
            start = reader.line_num + 1
    except csv.Error as error:
        raise DocumentError(f"{file_name}: not readable as CSV near line {reader.line_num} ({error})") from error
    padded = len({length for length in lengths.values() if length}) <= 1
    ruled = set() if padded else {row for row, length in lengths.items() if length > 1}
    blocks = sheet_blocks(Sheet("", texts, ruled_rows=ruled), None)
    return Document(file_name=file_name, format="csv", blocks=tuple(blocks))


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most of the first lines alike: comma, tab or semicolon."""
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {delimiter: sample.count(delimiter) for delimiter in DELIMITERS}
        return max(counts, key=counts.get) if any(counts.values()) else ","
