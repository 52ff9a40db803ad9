"""Vocabulary rows an analyst may add, and what they would change.

For a table no layout claimed: the labels printed in its first rows that the vocabulary does not know, each with the
scope and role of the known label it most resembles (资金项目名称 is like 项目名称: `field,project_name`), the
scope of the labels beside it in the row winning a near tie. For a claimed table: the columns and header-block
labels reported as having no known role, where a known label resembles them. The rows suggested for an unrecognised
table are then tried: the document is read again with them in a vocabulary file, exactly as `--vocabulary` would
read it, and the page says which layout claims the region then and what it reads.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from difflib import SequenceMatcher
from pathlib import Path

from ingest.document import Document
from ingest.explain.saw import BlockView, CellView, Explanation, RegionView, RowView, Suggestion, Trial, saw
from ingest.layouts.labels import VOCABULARY_ENV, is_placeholder, label_key, vocabulary
from ingest.layouts.registry import read

SCOPES = ("field", "column", "execution", "task")  # the scopes a table's labels are read in
WORD_SCOPE = "budget_marker"  # words marking a budget table, found inside a cell
HEADER_ROWS = 3  # the rows of an unrecognised table searched for labels: its first non-blank ones
SIMILAR = 0.6  # how alike (difflib ratio) an unknown label and a known one must be for a suggestion
SAME_ROW = 0.15  # the bonus of a scope the row's other labels are in
MAX_TRIALS = 20  # unrecognised regions read again with their suggestions, at most
ISSUE_SCOPES = {"unknown_column": "column", "unknown_label": "field"}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def suggest(document: Document, explanation: Explanation) -> Explanation:
    """The explanation with each region's suggested vocabulary rows, those of unrecognised tables tried."""
    regions = []
    tried = 0
    for region in explanation.regions:
        found = suggestions(region)
        trial = None
        if found and region.unrecognised and tried < MAX_TRIALS:
            trial = try_rows(document, found, region.seq)
            tried += 1
        regions.append(replace(region, suggestions=found, unknown=unknown_labels(region), trial=trial))
    return replace(explanation, regions=tuple(regions))


def unknown_labels(region: RegionView) -> tuple[str, ...]:
    """An unrecognised table's labels the vocabulary does not know, in its first rows: what an analyst would add."""
    labels = {label_key(cell.text): cell.text.strip() for _, _, cell in _header_cells(region)}
    return tuple(labels.values())


def _header_cells(region: RegionView) -> Iterator[tuple[BlockView, RowView, CellView]]:
    """The cells of an unrecognised table's first rows that look like labels and have no role."""
    if not region.unrecognised:
        return
    for block in region.blocks:
        for row in [row for row in block.rows if any(cell.text.strip() for cell in row.cells)][:HEADER_ROWS]:
            for cell in row.cells:
                if cell.role is None and _looks_like_label(label_key(cell.text)):
                    yield block, row, cell


def suggestions(region: RegionView) -> tuple[Suggestion, ...]:
    """The vocabulary rows suggested for a region's labels the vocabulary does not know, in reading order."""
    found: dict[str, Suggestion] = {}
    for block, row, cell in _header_cells(region):
        key = label_key(cell.text)
        beside = {other.role[0] for other in row.cells if other.role}
        near = nearest(cell.text.strip(), SCOPES, beside) if key not in found else None
        if near is not None:
            found[key] = replace(near, row=row.number, block_seq=block.block_seq)
    issues = [issue for block in region.blocks for row in block.rows for issue in row.issues] + list(region.issues)
    for issue in issues:
        scope = ISSUE_SCOPES.get(issue.code or "")
        key = label_key(issue.subject)
        if scope and key and key not in found:
            near = nearest(issue.subject or "", (scope,), {scope})
            if near is not None:
                found[key] = near
    return tuple(found.values())


def nearest(label: str, scopes: tuple[str, ...], beside: set[str]) -> Suggestion | None:
    """The known label most like this one, as the row to add (its scope and role, this label), or None."""
    key = label_key(label)
    roles = vocabulary().roles
    best: tuple[float, Suggestion] | None = None
    for scope in scopes:
        for known, role in roles.get(scope, {}).items():
            ratio = SequenceMatcher(None, key, known).ratio()
            score = ratio + (SAME_ROW if scope in beside else 0.0)
            if ratio >= SIMILAR and (best is None or score > best[0]):
                best = (score, Suggestion(scope, role, label, known))
    for known, role in roles.get(WORD_SCOPE, {}).items():  # a budget table's word: the part of the cell like it
        for start in range(len(key) - len(known) + 1):
            window = key[start : start + len(known)]
            ratio = SequenceMatcher(None, window, known).ratio()
            if ratio >= 0.75 and window != known and (best is None or ratio > best[0]):
                best = (ratio, Suggestion(WORD_SCOPE, role, window, known))
    return best[1] if best else None


def _looks_like_label(key: str) -> bool:
    """Short Chinese text without figures: 资金项目名称, 考核目标值 (not 12.00, ≥10场, nor a sentence)."""
    return 2 <= len(key) <= 16 and bool(_CJK.search(key)) and not re.search(r"\d", key) and not is_placeholder(key)


def csv_rows(found: tuple[Suggestion, ...]) -> str:
    """The rows as a vocabulary file (scope,role,label,note), ready for `ingest --vocabulary`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["scope", "role", "label", "note"])
    writer.writerows([item.scope, item.role, item.label, ""] for item in found)
    return buffer.getvalue()


def try_rows(document: Document, found: tuple[Suggestion, ...], region_seq: int) -> Trial:
    """Read the document again with the rows in a vocabulary file: who claims the region, what it reads."""
    with tempfile.TemporaryDirectory(prefix="ingest-explain-") as folder:
        path = Path(folder) / "suggested.csv"
        path.write_text(csv_rows(found), encoding="utf-8")
        with with_vocabulary([str(path)]):
            again = saw(document, read(document))
    region = next(region for region in again.regions if region.seq == region_seq)
    return Trial(region.layout, tuple((records.raw_table, len(records.rows)) for records in region.records))


@contextmanager
def with_vocabulary(paths: list[str]) -> Iterator[None]:
    """The vocabulary files added to those in force ($INGEST_VOCABULARY) while the block runs."""
    before = os.environ.get(VOCABULARY_ENV)
    if paths:
        os.environ[VOCABULARY_ENV] = os.pathsep.join(
            [part for part in (before or "").split(os.pathsep) if part] + paths
        )
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(VOCABULARY_ENV, None)
        else:
            os.environ[VOCABULARY_ENV] = before
