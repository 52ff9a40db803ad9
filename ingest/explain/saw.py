"""What the parser saw in a document, region by region: a pure function of one parse (no I/O, no database).

For each region (ingest/layouts/segment.py): its table blocks as the reader gave them (cells with the vocabulary
role of each label, page and line of each row), or its paragraphs; every layout's detect score and what it looks
for; the layout that claimed it; the records read from it (by raw table); and the parse issues, each placed next to
the row it names, else on the block or region it names, else on the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from ingest.document import Document, Paragraph
from ingest.layouts.labels import label_key, vocabulary
from ingest.layouts.layout import Found, Layout
from ingest.layouts.registry import Reading
from ingest.layouts.segment import Region, TableRegion
from ingest.records import RAW_TABLES, DocumentMeta, ParsedDocument, ParseIssue, RawTable

# The scopes a table's cells are looked up in, in order: labels of target tables (level1 and level2 are values such
# as 产出指标, shown so that a reader sees why such a cell is not suggested as a new label), and the cells and words
# a budget table is read by (`budget_column` and `budget_marker` are words found inside a cell: 科目编码 holds 编码).
TABLE_SCOPES = ("column", "field", "execution", "execution_line", "task", "part", "level1", "level2")
BUDGET_SCOPES = ("budget_cell", "budget_column", "budget_marker")
WORD_SCOPES = ("budget_column", "budget_marker")
NOT_RECORDS = ("table_cells", "document_tables", "parse_issues")  # raw tables about blocks, not read from them


@dataclass(frozen=True)
class CellView:
    text: str
    role: tuple[str, str] | None  # (scope, role) the vocabulary gives the cell's text
    line: int | None = None


@dataclass(frozen=True)
class RowView:
    number: int  # 1-based, within its block (raw.table_cells.row_seq)
    cells: tuple[CellView, ...]
    line: int | None
    page: int | None
    issues: tuple[ParseIssue, ...] = ()


@dataclass(frozen=True)
class BlockView:
    """One table block of a region: raw.document_tables' block_seq, where it is printed, its rows."""

    block_seq: int
    kind: str
    page: int | None
    line: int | None
    sheet: str | None
    width: int
    rows: tuple[RowView, ...]
    issues: tuple[ParseIssue, ...] = ()  # about the block as a whole (unrecognised_table)


@dataclass(frozen=True)
class Score:
    layout: str
    score: float | None
    wants: str
    claimed: bool


@dataclass(frozen=True)
class Records:
    """The records of one raw table read from a region, as a small table of their non-blank columns."""

    raw_table: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Suggestion:
    """A vocabulary row an analyst may add: a label printed in the region that the vocabulary does not know."""

    scope: str
    role: str
    label: str
    like: str  # the known label it resembles
    row: int | None = None  # where it is printed: block row number
    block_seq: int | None = None


@dataclass(frozen=True)
class Trial:
    """The region read again with some suggested rows added to the vocabulary: who claims it, what it reads."""

    rows: tuple[Suggestion, ...]
    layout: str | None
    counts: tuple[tuple[str, int], ...]  # raw table -> records read from the region
    warnings: int  # the region's warnings then


@dataclass(frozen=True)
class RegionView:
    seq: int
    kind: str  # table or text
    layout: str | None  # the layout that claimed it; None: unrecognised (table) or read by none (text)
    scores: tuple[Score, ...]
    above: tuple[Paragraph, ...]  # a table region: the text printed above it
    paragraphs: tuple[Paragraph, ...]  # a text region: its paragraphs
    blocks: tuple[BlockView, ...]
    records: tuple[Records, ...]
    issues: tuple[ParseIssue, ...]  # about the region, on no row of it
    suggestions: tuple[Suggestion, ...] = ()
    unknown: tuple[str, ...] = ()  # an unrecognised table: the labels in its first rows the vocabulary lacks
    heads: int | None = None  # a text region: the table region it is printed above (its title, unit line)
    trials: tuple[Trial, ...] = ()  # an unrecognised table: each set of suggested rows tried, the best first
    failed: str | None = None  # the error its layout's parse raised (ingest fails the whole document on it)

    @property
    def unrecognised(self) -> bool:
        return self.kind == "table" and self.layout is None

    @property
    def pages(self) -> tuple[int, ...]:
        found = {row.page for block in self.blocks for row in block.rows if row.page is not None}
        found |= {paragraph.page for paragraph in self.paragraphs if paragraph.page is not None}
        return tuple(sorted(found))

    @property
    def lines(self) -> tuple[int, int] | None:
        found = [row.line for block in self.blocks for row in block.rows if row.line is not None]
        found += [paragraph.line for paragraph in self.paragraphs if paragraph.line is not None]
        return (min(found), max(found)) if found else None

    def warnings(self) -> int:
        """The warnings about the region, wherever they are placed."""
        issues = [issue for block in self.blocks for row in block.rows for issue in row.issues]
        issues += [issue for block in self.blocks for issue in block.issues] + list(self.issues)
        return sum(1 for issue in issues if issue.severity == "warning")

    def count(self, raw_table: str) -> int:
        return next((len(records.rows) for records in self.records if records.raw_table == raw_table), 0)


@dataclass(frozen=True)
class Explanation:
    file_name: str
    format: str
    page_count: int | None
    meta: DocumentMeta
    layouts: tuple[str, ...]
    regions: tuple[RegionView, ...]
    issues: tuple[ParseIssue, ...]  # about the document, in no region
    vocabulary: tuple[str, ...]  # the vocabulary files in force


def saw(document: Document, reading: Reading) -> Explanation:
    """The explanation of one parse, region by region (suggestions are added by ingest/explain/suggest.py)."""
    parsed = reading.parsed
    placed = _Placement(reading)
    regions = []
    for position, region in enumerate(reading.regions):
        owner = reading.owners[region.seq]
        scores = tuple(
            Score(layout.name, score, layout.wants or _first_line(type(layout).__doc__), layout is owner)
            for layout, score in zip(reading.layouts, reading.scores[region.seq], strict=True)
        )
        made = reading.made.get(region.seq, Found())
        regions.append(
            RegionView(
                seq=region.seq,
                kind="table" if isinstance(region, TableRegion) else "text",
                layout=owner.name if owner else None,
                scores=scores,
                above=region.above if isinstance(region, TableRegion) else (),
                paragraphs=() if isinstance(region, TableRegion) else region.paragraphs,
                blocks=tuple(placed.blocks(region, owner)),
                records=tuple(_records(region, made, parsed, placed)),
                issues=placed.region_issues(region.seq),
                heads=_heads(region, reading.regions[position + 1 : position + 2]),
                failed=reading.failed.get(region.seq),
            )
        )
    return Explanation(
        file_name=document.file_name,
        format=document.format,
        page_count=document.page_count,
        meta=parsed.meta,
        layouts=parsed.layouts,
        regions=tuple(regions),
        issues=placed.left_over(),
        vocabulary=vocabulary().sources,
    )


def cell_role(text: str, scopes: Iterable[str] = TABLE_SCOPES) -> tuple[str, str] | None:
    """The (scope, role) the vocabulary gives a cell's text: exactly, as a label carrying its value (年度资金总额：
    520.00), or (budget scopes) as a word inside it."""
    if not label_key(text):
        return None
    words = vocabulary()
    for scope in scopes:
        role = words.role(scope, text) if scope not in WORD_SCOPES else words.mentions(scope, text)
        if role is not None:
            return scope, role
    split = words.split("field", text) if "field" in scopes else None
    return ("field", split[0]) if split else None


class _Placement:
    """Which region, block and row each issue is about; block_seq numbering as raw.document_tables has it."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self.block_seq: dict[int, int] = {}  # document block index -> block_seq
        self.region_of_block: dict[int, int] = {}  # block_seq -> region seq
        self.row_at: dict[tuple[int | None, int | None], tuple[int, int]] = {}  # (line, page) -> (block_seq, row)
        self.line_region: dict[int, int] = {}  # a paragraph's line -> region seq
        self.project_region: dict[int, int] = {}  # project table_seq -> region seq
        for region in reading.regions:
            if isinstance(region, TableRegion):
                for piece in region.pieces:
                    seq = self.block_seq[piece.index] = len(self.block_seq) + 1
                    self.region_of_block[seq] = region.seq
                    for number, row in enumerate(piece.table.rows, start=1):
                        self.row_at.setdefault((row.line, row.page), (seq, number))
                        self.row_at.setdefault((row.line, None), (seq, number))
                    seen = reading.parsed.tables[seq - 1]
                    if seen.project_table_seq is not None:
                        self.project_region.setdefault(seen.project_table_seq, region.seq)
                paragraphs: Iterable[Paragraph] = region.above
            else:
                paragraphs = region.paragraphs
            for paragraph in paragraphs:
                if paragraph.line is not None:
                    self.line_region.setdefault(paragraph.line, region.seq)
        for region_seq, made in reading.made.items():
            for project in made["projects"]:
                self.project_region.setdefault(project.table_seq, region_seq)
        for project in reading.parsed.projects:  # read when the layout finished (an export's projects): by its row
            at = self.row_at.get((project.first_line, project.first_page)) or self.row_at.get(
                (project.first_line, None)
            )
            if project.table_seq not in self.project_region and at is not None:
                self.project_region[project.table_seq] = self.region_of_block[at[0]]
        self.on_row: dict[tuple[int, int], list[ParseIssue]] = {}
        self.on_block: dict[int, list[ParseIssue]] = {}
        self.on_region: dict[int, list[ParseIssue]] = {}
        self.on_document: list[ParseIssue] = []
        for issue in reading.parsed.issues:
            self._place(issue)

    def _place(self, issue: ParseIssue) -> None:
        if issue.block_seq is not None and issue.code == "unrecognised_table":
            self.on_block.setdefault(issue.block_seq, []).append(issue)
            return
        if issue.line is not None:
            at = self.row_at.get((issue.line, issue.page)) or self.row_at.get((issue.line, None))
            if at is not None:
                self.on_row.setdefault(at, []).append(issue)
                return
            if issue.line in self.line_region:
                self.on_region.setdefault(self.line_region[issue.line], []).append(issue)
                return
        if issue.block_seq is not None and issue.block_seq in self.region_of_block:
            self.on_block.setdefault(issue.block_seq, []).append(issue)
        elif issue.table_seq is not None and issue.table_seq in self.project_region:
            self.on_region.setdefault(self.project_region[issue.table_seq], []).append(issue)
        else:
            self.on_document.append(issue)

    def blocks(self, region: Region, owner: Layout | None) -> Iterable[BlockView]:
        if not isinstance(region, TableRegion):
            return
        budget = owner is not None and owner.name == "budget_disclosure"
        scopes = BUDGET_SCOPES if budget else TABLE_SCOPES
        for piece in region.pieces:
            seq = self.block_seq[piece.index]
            table = piece.table
            rows = tuple(
                RowView(
                    number,
                    tuple(CellView(cell.text, cell_role(cell.text, scopes), cell.line) for cell in row.cells),
                    row.line,
                    row.page,
                    tuple(self.on_row.get((seq, number), ())),
                )
                for number, row in enumerate(table.rows, start=1)
            )
            yield BlockView(
                block_seq=seq,
                kind=self.reading.parsed.tables[seq - 1].kind,
                page=table.page,
                line=table.line,
                sheet=table.sheet,
                width=max((len(row.cells) for row in table.rows), default=0),
                rows=rows,
                issues=tuple(self.on_block.get(seq, ())),
            )

    def region_issues(self, seq: int) -> tuple[ParseIssue, ...]:
        return tuple(self.on_region.get(seq, ()))

    def left_over(self) -> tuple[ParseIssue, ...]:
        return tuple(self.on_document)


def _records(region: Region, made: Found, parsed: ParsedDocument, placed: _Placement) -> Iterable[Records]:
    """The records read from a region, per raw table: by project (table_seq) or budget table (budget_table_seq)
    where the records have one, else those the region's parse returned that the document kept."""
    projects = {project.table_seq for project in made["projects"]}
    projects |= {seq for seq, region_seq in placed.project_region.items() if region_seq == region.seq}
    budget_tables = {table.budget_table_seq for table in made["budget_tables"]}
    for raw in RAW_TABLES:
        if raw.name in NOT_RECORDS:
            continue
        kept: tuple = getattr(parsed, raw.field)
        if raw.key[0] == "table_seq":
            mine = [record for record in kept if record.table_seq in projects]
        elif raw.key[0] == "budget_table_seq":
            mine = [record for record in kept if record.budget_table_seq in budget_tables]
        else:
            returned = set(made[raw.field])
            mine = [record for record in kept if record in returned]
        if mine:
            yield _table(raw, mine)


def _table(raw: RawTable, records: list) -> Records:
    """Records as a small table: the columns any of them fills."""
    names = [item.name for item in fields(raw.record)]
    values = [[_shown(getattr(record, name)) for name in names] for record in records]
    keep = [index for index, name in enumerate(names) if any(row[index] for row in values)]
    return Records(
        raw.name, tuple(names[index] for index in keep), tuple(tuple(row[index] for index in keep) for row in values)
    )


def _shown(value: object) -> str:
    if value is None or value is False:
        return ""
    return "true" if value is True else str(value)


def _heads(region: Region, following: tuple[Region, ...]) -> int | None:
    """The table region a text region is printed right above (its paragraphs are that table's text above)."""
    if isinstance(region, TableRegion) or not following or not isinstance(following[0], TableRegion):
        return None
    above = set(following[0].above)
    printed = [paragraph for paragraph in region.paragraphs if paragraph.text.strip()]
    return following[0].seq if printed and all(paragraph in above for paragraph in printed) else None


def _first_line(text: str | None) -> str:
    return (text or "").strip().split("\n")[0]
