"""Vocabulary rows an analyst may add, and what they would change.

For a table no layout claimed: the labels printed in its first rows that the vocabulary does not know, each with the
scope and role of the known label it most resembles (资金项目名称 is like 项目名称: `field,project_name`; the scope of
the labels beside it in the row wins a near tie), and the words like a budget table's markers (科目代码 is like
科目编码: `budget_marker`); when neither gets the table read, its first unknown label as a budget marker itself
(财政拨款收入 atop a 财政拨款收支总表), kept if the budget layout then reads amounts. Each set is tried: the document
is read again with its rows in a vocabulary file, exactly as `--vocabulary` reads it, and the page says which layout
claims the region then, what it reads and how many warnings it raises, the best set first. For a claimed table: the
columns and header-block labels reported as having no known role, where a known label resembles them.
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
WORD_SIMILAR = 0.75  # how alike a part of a label and a budget marker must be (3 of 4 characters)
SAME_ROW = 0.15  # the bonus of a scope the row's other labels are in
MAX_TRIALS = 20  # unrecognised regions read again with their suggestions, at most
ISSUE_SCOPES = {"unknown_column": "column", "unknown_label": "field"}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def suggest(document: Document, explanation: Explanation) -> Explanation:
    """The explanation with each region's suggested vocabulary rows, those of unrecognised tables tried."""
    regions = []
    tried = 0
    for region in explanation.regions:
        options = [found for found in (label_rows(region), word_rows(region)) if found]
        trials: tuple[Trial, ...] = ()
        if region.unrecognised and tried < MAX_TRIALS:
            trials = tuple(try_rows(document, found, region.seq) for found in options)
            if not any(trial.layout for trial in trials):
                trials += as_marker(document, region)
            trials = tuple(sorted(trials, key=_better))
            tried += 1
        found = tuple(item for option in options for item in option) + issue_rows(region)
        found += tuple(item for trial in trials for item in trial.rows if item not in found)
        regions.append(replace(region, suggestions=found, unknown=unknown_labels(region), trials=trials))
    return replace(explanation, regions=tuple(regions))


def as_marker(document: Document, region: RegionView) -> tuple[Trial, ...]:
    """The first unknown label of an unrecognised table tried as a word that marks a budget table, when no resembling
    label gets it read: a budget table whose words resemble no marker (财政拨款收入 atop a 财政拨款收支总表). Offered
    only if the budget layout then reads amounts from it."""
    first = next(_header_cells(region), None)
    if first is None:
        return ()
    block, row, cell = first
    rows = (Suggestion(WORD_SCOPE, "marker", cell.text.strip(), "", row=row.number, block_seq=block.block_seq),)
    trial = try_rows(document, rows, region.seq)
    return (trial,) if dict(trial.counts).get("budget_amounts") else ()


def _better(trial: Trial) -> tuple:
    """Claimed before not, then fewer warnings, then more records."""
    return trial.layout is None, trial.warnings, -sum(count for _, count in trial.counts)


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


def label_rows(region: RegionView) -> tuple[Suggestion, ...]:
    """Rows for an unrecognised table's unknown labels, each in the scope and role of the known label like it."""
    found: dict[str, Suggestion] = {}
    for block, row, cell in _header_cells(region):
        beside = {other.role[0] for other in row.cells if other.role}
        near = nearest(cell.text.strip(), SCOPES, beside) if label_key(cell.text) not in found else None
        if near is not None:
            found[label_key(cell.text)] = replace(near, row=row.number, block_seq=block.block_seq)
    return tuple(found.values())


def word_rows(region: RegionView) -> tuple[Suggestion, ...]:
    """Rows for the words of an unrecognised table's first rows like a budget table's markers."""
    found: dict[str, Suggestion] = {}
    for block, row, cell in _header_cells(region):
        near = nearest_word(cell.text.strip())
        if near is not None and near.label not in found:
            found[near.label] = replace(near, row=row.number, block_seq=block.block_seq)
    return tuple(found.values())


def issue_rows(region: RegionView) -> tuple[Suggestion, ...]:
    """Rows for the columns and header-block labels of a claimed table reported as having no known role."""
    found: dict[str, Suggestion] = {}
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
    """The known label most like this one, as the row to add (its scope and role, this label), or None (also for a
    label the vocabulary knows in some scope)."""
    key = label_key(label)
    roles = vocabulary().roles
    if any(key in labels for labels in roles.values()):
        return None  # known in another scope (绩效 opens the indicators part): not a new label
    best: tuple[float, Suggestion] | None = None
    for scope in scopes:
        for known, role in roles.get(scope, {}).items():
            ratio = SequenceMatcher(None, key, known).ratio()
            score = ratio + (SAME_ROW if scope in beside else 0.0)
            if ratio >= SIMILAR and (best is None or score > best[0]):
                best = (score, Suggestion(scope, role, label, known))
    return best[1] if best else None


def nearest_word(label: str) -> Suggestion | None:
    """The part of a label most like a budget marker (科目代码 in 功能分类科目代码 is like 科目编码), or None."""
    key = label_key(label)
    best: tuple[float, Suggestion] | None = None
    for known, role in vocabulary().roles.get(WORD_SCOPE, {}).items():
        for start in range(len(key) - len(known) + 1):
            window = key[start : start + len(known)]
            ratio = SequenceMatcher(None, window, known).ratio()
            if ratio >= WORD_SIMILAR and window != known and (best is None or ratio > best[0]):
                best = (ratio, Suggestion(WORD_SCOPE, role, window, known))
    return best[1] if best else None


def _looks_like_label(key: str) -> bool:
    """Short Chinese text without figures: 资金项目名称, 考核目标值 (not 12.00, ≥10场, nor a sentence)."""
    return 2 <= len(key) <= 16 and bool(_CJK.search(key)) and not re.search(r"\d", key) and not is_placeholder(key)


def advice(region: RegionView) -> str | None:
    """What to do about an unrecognised table when no suggested row gets it read (the page and the summary say it)."""
    if not region.unrecognised or any(trial.layout for trial in region.trials):
        return None
    new_layout = "if no layout reads a table of this shape, write one (README, How a document flows)"
    if not region.unknown:
        return f"Every label in its first rows is known: no layout reads a table of this shape; {new_layout}"
    if not region.suggestions:
        return (
            "No known label resembles them: add the labels among them with the role each plays (README, Extending "
            f"the vocabulary), or, {new_layout}"
        )
    if region.trials and not any(trial.layout for trial in region.trials):
        return (
            "No set of rows tried gets it claimed: add the labels with the role each plays (README, Extending the "
            f"vocabulary), or, {new_layout}"
        )
    return None


def csv_rows(found: tuple[Suggestion, ...]) -> str:
    """The rows as a vocabulary file (scope,role,label,note), ready for `ingest --vocabulary`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["scope", "role", "label", "note"])
    writer.writerows([item.scope, item.role, item.label, ""] for item in found)
    return buffer.getvalue()


def outcome(trial: Trial) -> str:
    """What a set of rows did, in words: project_performance claims it and reads 1 project_tables, 0 warnings."""
    if trial.layout is None:
        return "no layout claims it yet"
    counts = ", ".join(f"{count} {name}" for name, count in trial.counts) or "no records"
    return f"{trial.layout} claims it and reads {counts}; {trial.warnings} warning{'' if trial.warnings == 1 else 's'}"


def try_rows(document: Document, found: tuple[Suggestion, ...], region_seq: int) -> Trial:
    """Read the document again with the rows in a vocabulary file: who claims the region, what it reads."""
    with tempfile.TemporaryDirectory(prefix="ingest-explain-") as folder:
        path = Path(folder) / "suggested.csv"
        path.write_text(csv_rows(found), encoding="utf-8")
        with with_vocabulary([str(path)]):
            again = saw(document, read(document, keep_going=True))
    region = next(region for region in again.regions if region.seq == region_seq)
    counts = tuple((records.raw_table, len(records.rows)) for records in region.records)
    return Trial(found, region.layout, counts, region.warnings())


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
