"""部门预算公开 and 部门决算 tables: every line with its code, name and amount cells, as printed.

Kinds: 'two_sided' (收入 | 支出 side by side: 表1, 表4, 收入支出决算总表), 'coded' (科目编码 + 科目名称: functional or
economic classification, 表3, 表5, 表6, 表8, 表9, 财政拨款支出决算表, 基本支出决算表), 'by_unit' (部门(单位)编码: 表2),
'project_list' (项目支出表: 表10), and 'matrix' (no label columns, e.g. 三公经费: 表7). A coded table printed in
column groups side by side, each with its own 科目编码 (the MoF 基本支出决算表: 人员经费 | 公用经费), gives a line per
group and row, its side the group's header. Headers of two rows are joined into paths ("基本支出/人员经费").
决算 tables carry a 栏次 row under the headers (1, 2, 3 ...: skipped) and 行次 columns (the row's number, kept on
the line, never an amount), and may print the 科目编码 in 类 | 款 | 项 columns (210 | 11 | 01 is 2101101); their
number, department and unit often share one line (`部门：XX医疗保障局    公开05表    金额单位：元`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ingest.document import Row, Table
from ingest.layouts.contents import is_table_of_contents
from ingest.layouts.labels import compact, once_per_reading, vocabulary
from ingest.layouts.layout import Found, Layout, unread
from ingest.layouts.preamble import NOTE, is_title_line, read_title_line
from ingest.layouts.segment import Region, TableRegion, keeps_columns, repeated_header_rows
from ingest.records import BudgetAmount, BudgetLine, BudgetTable, ParseIssue

AMOUNT = re.compile(r"^-?[\d,]+(?:\.\d+)?$")
CODE = re.compile(r"^\d{3,}$")


def _context(region: TableRegion) -> dict[str, str | None]:
    """Label, number, title, department and amount unit from the lines above the region's first table."""
    return dict(_read_context(region))


@once_per_reading  # asked in detect and again in parse
def _read_context(region: TableRegion) -> dict[str, str | None]:
    context: dict[str, str | None] = {}
    for paragraph in region.above:
        read_title_line(context, paragraph.text.strip())
    return context


def _is_budget_table(table: Table) -> bool:
    """Its first rows (after title lines printed inside it) print a budget word (科目编码, 本年收入, 经济分类, 栏次,
    决算数, ...), or it is two-sided."""
    rows = table.rows[_title_rows(table)[0] :]
    header = " ".join(compact(cell) for row in rows[:3] for cell in row.texts)
    if vocabulary().mentions("budget_marker", header) is not None:
        return True
    return _expenditure_side([text.strip() for text in rows[0].texts] if rows else []) is not None


def _title_rows(table: Table) -> tuple[int, dict[str, str | None]]:
    """The rows a table opens with that are its title lines, not its header (a spreadsheet export prints the title,
    `编制单位：XX    单位：元` and blank rows inside the grid), and the context they give; (0, {}) if none."""
    context: dict[str, str | None] = {}
    count = 0
    for position, row in enumerate(table.rows):
        texts = [text.strip() for text in row.texts if text.strip()]
        if not texts:
            continue
        line = "    ".join(texts)
        if len(texts) > 2 or any(AMOUNT.match(text) for text in texts) or not is_title_line(line):
            break
        read_title_line(context, line)
        count = position + 1
    if not context:
        return 0, {}
    while count < len(table.rows) and not any(text.strip() for text in table.rows[count].texts):
        count += 1
    return count, context


def _expenditure_side(first_row: list[str]) -> int | None:
    """The column a two-sided table's expenditure side starts at: its first header row opens with an income label
    (收入, 本年收入, 财政拨款收入) and names an expenditure side further right (支出, 本年支出, 财政拨款支出), which
    may be wider than the income side (收入 | 决算数 | 支出 | 合计 | 一般公共预算财政拨款 | ...)."""
    if not first_row or _cell_role(first_row[0]) != "income":
        return None
    return next((column for column, text in enumerate(first_row) if _cell_role(text) == "expenditure"), None)


class BudgetTables(Layout):
    """Every budget disclosure table: its lines and amount cells; a continuation of the same width goes on with it."""

    name = "budget_disclosure"
    wants = (
        "a table number above the table (预算公开表N, 公开05表) or a budget_marker word "
        "(科目编码, 本年收入, 栏次 ...) in its first three rows; not a table of contents"
    )

    def detect(self, region: Region) -> float | None:
        if not isinstance(region, TableRegion) or is_table_of_contents(region.pieces[0].table):
            return None
        return 1.0 if _context(region).get("label") or _is_budget_table(region.pieces[0].table) else None

    def parse(self, region: Region, found: Found) -> Found:
        assert isinstance(region, TableRegion)
        before: tuple[BudgetTable, ...] = found["budget_tables"]
        tables: list[BudgetTable] = []
        lines: list[BudgetLine] = []
        amounts: list[BudgetAmount] = []
        issues: list[ParseIssue] = []
        titles: dict[int, int] = {}
        context = _context(region)
        numbers = [table.table_number for table in before if table.table_number]
        last_number = numbers[-1] if numbers else 0
        open_table: _Shape | None = None  # the table a next piece may continue
        shapes: list[_Shape] = []
        for position, piece in enumerate(region.pieces):
            block = piece.table
            lead, printed = _title_rows(block)
            if open_table is not None and not lead and keeps_columns(piece, open_table.width):
                table = tables[-1]
                repeated = repeated_header_rows(block, open_table.header_rows)
                more_lines, more_amounts = _read_rows(open_table, block, repeated)
                lines.extend(more_lines)
                amounts.extend(more_amounts)
                tables[-1] = replace(
                    table, line_count=table.line_count + len(more_lines), is_empty=table.is_empty and not more_amounts
                )
                titles[piece.index] = open_table.seq
                continue
            if position > 0 and not _is_budget_table(block):
                issues.append(unread(piece, "a budget table"))
                continue
            if printed:  # a title printed inside the grid names this table (and wins over the text above)
                context = {**context, **printed} if position == 0 else printed
            seq = len(before) + len(tables) + 1
            label = context.get("label")
            number = int(context["number"]) if label else None
            if number is None:  # numbered after the table before it (the first one 1): the order the tables print
                number = last_number + 1
                issues.append(
                    ParseIssue(
                        "info",
                        f"budget table '{context.get('title')}' has no table number printed; taken as 表{number}",
                        None,
                        block.line,
                        block.page,
                    )
                )
            last_number = number or last_number
            shape = _shape(seq, block, lead)
            table_lines, table_amounts = _read_rows(shape, block, lead + shape.header_count)
            previous = (tables or before)[-1].statement if tables or before else None
            table = _table_record(shape, block, context, number, label is None, table_lines, table_amounts, previous)
            open_table = shape
            shapes.append(shape)
            tables.append(table)
            lines.extend(table_lines)
            amounts.extend(table_amounts)
            titles[piece.index] = seq
            if table.amount_unit is None:
                issues.append(
                    ParseIssue(
                        "warning", f"budget table '{table.title}' has no 单位 line", None, block.line, block.page
                    )
                )
            context = {}
        for shape in shapes:
            lines = _named_groups(shape, lines)
        note = region.below.text.strip() if region.below is not None else ""
        if tables and NOTE.match(note) and tables[-1].note is None:
            tables[-1] = replace(tables[-1], note=note)
        return Found(
            records={"budget_tables": tuple(tables), "budget_lines": tuple(lines), "budget_amounts": tuple(amounts)},
            issues=tuple(issues),
            titles={index: _title(tables[seq - len(before) - 1]) for index, seq in titles.items()},
            layouts=(self.name,),
        )


def _title(table: BudgetTable) -> str | None:
    return " ".join(part for part in (table.table_label, table.title) if part) or None


def _cell_role(text: str) -> str | None:
    """What a budget table's cell says exactly: ruler (栏次), total (合计), income, expenditure, code_part (类),
    empty (无)."""
    return vocabulary().role("budget_cell", text)


def _is_ruler(cells: list[str]) -> bool:
    """The 栏次 row under a 决算 table's headers: 栏次 first, or only the column numbers 1, 2, 3 ..."""
    texts = [compact(cell) for cell in cells if compact(cell)]
    rulers = [_cell_role(text) == "ruler" for text in texts]
    if texts and (rulers[0] or any(rulers[1:]) and compact(cells[0]) == ""):
        return True
    numbers = [text for text, ruler in zip(texts, rulers, strict=True) if not ruler]
    return len(numbers) >= 3 and numbers == [str(n) for n in range(1, len(numbers) + 1)]


def _header_rows(table: Sequence[Row]) -> int:
    """Rows before the first data row (one with an amount, a code, the 合计 line, or an empty table's 无).

    A 合计 that shares its row with column headers (`合计 | | 合计 | 基本支出 | 项目支出`: an empty 决算 table's
    total line printed on the headers' last row) leaves the row a header row.
    """
    for position, row in enumerate(table):
        cells = [text.strip() for text in row.texts]
        if _is_ruler(cells):
            return position
        if any(AMOUNT.match(cell) for cell in cells[1:] if cell) or (cells and CODE.match(cells[0])):
            return position
        printed = [cell for cell in cells if cell]
        if position > 0 and len(printed) == 1 and _cell_role(printed[0]) == "empty":  # 无 under the headers
            return position
        if any(_cell_role(cell) == "total" for cell in cells[:2]) and position > 0:
            following = table[position + 1].texts if position + 1 < len(table) else []
            beside = [cell for cell in cells[2:] if cell and _cell_role(cell) != "total"]
            if not _is_ruler([text.strip() for text in following]) and not beside:  # a 合计 header above 栏次
                return position
    return len(table)


def _code_labels(row: list[str]) -> list[str]:
    """The 类 | 款 | 项 labels a first data row may open with (the 合计 line printed on the labels' row), else []."""
    labels: list[str] = []
    for text in row:
        if _cell_role(text) != "code_part":
            break
        labels.append(text)
    return labels


def _header_paths(rows: list[list[str]], width: int) -> list[str]:
    """Join stacked header cells into one path per column; a blank upper cell continues the span to its left, within
    the span above it (under `科目名称 | 本年支出合计`, a blank below 本年支出合计 does not continue 科目名称). A 合计
    printed in a label column (科目编码, 科目名称) is the total line's label, not a header."""
    paths: list[list[str]] = [[] for _ in range(width)]
    spans: list[tuple[int, int]] = [(-1, 0)] * width  # the span each column is in, at the row above
    words = vocabulary()
    for depth, row in enumerate(rows):
        last = ""
        current: list[tuple[int, int]] = []
        for column in range(width):
            text = compact(row[column]) if column < len(row) else ""
            within = column > 0 and spans[column] == spans[column - 1]
            if not text and depth < len(rows) - 1 and within:
                text = last
                current.append(current[-1])
            else:
                last = text
                current.append((depth, column))
            if text and _cell_role(text) == "total" and words.mentions("budget_column", "/".join(paths[column])):
                continue
            if text and (not paths[column] or paths[column][-1] != text):
                paths[column].append(text)
        spans = current
    return ["/".join(path) for path in paths]


@dataclass
class _Shape:
    """How a budget table's columns read: header paths, label columns, sides; shared by its continuations."""

    seq: int
    width: int
    header_count: int
    header_rows: list[list[str]]
    paths: list[str]
    kind: str
    label_columns: dict[str, list[int]] = field(default_factory=dict)
    next_line_seq: int = 1
    # Column groups of a table printed in groups side by side, each with its own 科目编码 (the MoF 基本支出决算表:
    # 人员经费 | 公用经费): (group header, first column, end column).
    groups: list[tuple[str | None, int, int]] = field(default_factory=list)
    code_parts: list[str] = field(default_factory=list)  # the 类, 款 last printed, for rows that leave them blank
    unnamed_groups: bool = False  # column groups with no header of their own (named by their total lines)
    line_groups: dict[int, int] = field(default_factory=dict)  # line -> its column group, where groups are unnamed


def _shape(seq: int, block: Table, lead: int = 0) -> _Shape:
    """How a table's columns read, from its header rows (after the `lead` rows of title lines printed inside it)."""
    rows = [[text.strip() for text in row.texts] for row in block.rows[lead:]]
    width = max(len(row) for row in rows)
    header_count = _header_rows(block.rows[lead:])
    header = rows[:header_count]
    if header_count < len(rows) and _code_labels(rows[header_count]):  # 类 | 款 | 项 | 合计 | 2,940.05 | ...
        header = [*header, _code_labels(rows[header_count])]
    paths = _header_paths(header, width)
    label_columns = _label_columns(paths)
    split = _expenditure_side(rows[0]) if header_count >= 1 else None
    if split is not None:
        row_numbers = {"row_number": label_columns["row_number"]} if "row_number" in label_columns else {}
        shape = _Shape(seq, width, header_count, rows[:header_count], paths, "two_sided", row_numbers)
        shape.groups = [("income", 0, split), ("expenditure", split, width)]
        return shape
    if "project_type" in label_columns:
        kind = "project_list"
    elif any(vocabulary().mentions("budget_word", paths[c], "unit") for c in label_columns.get("code", ())):
        kind = "by_unit"
    else:
        kind = "coded" if "code" in label_columns or "code_part" in label_columns else "matrix"
    shape = _Shape(seq, width, header_count, rows[:header_count], paths, kind, label_columns)
    parts = label_columns.get("code_part", [])
    starts = label_columns.get("code", []) or [column for column in parts if column - 1 not in parts]
    if kind == "coded" and len(starts) >= 2:
        ends = [*starts[1:], width]
        headers = [paths[start].split("/")[0] if "/" in paths[start] else None for start in starts]
        shape.unnamed_groups = len(set(headers)) < len(headers)  # no header of their own: named by their totals
        shape.groups = [
            (None if shape.unnamed_groups else header, start, end)
            for header, start, end in zip(headers, starts, ends, strict=True)
        ]
    return shape


def _named_groups(shape: _Shape, lines: list[BudgetLine]) -> list[BudgetLine]:
    """Column groups printed without a header of their own (经济分类科目编码 | 科目名称 | 决算数, twice) take their
    side from their total line (人员经费合计 -> 人员经费), so that each group's columns stay apart."""
    if not shape.unnamed_groups:
        return lines
    names: dict[int, str] = {}
    for line in lines:
        group = shape.line_groups.get(line.line_seq)
        name = compact(line.name)
        if group is not None and line.code is None and name.endswith(("合计", "总计")) and len(name) > 2:
            names.setdefault(group, name[:-2])
    if len(set(names.values())) < len(names):
        return lines
    return [
        replace(line, side=names.get(shape.line_groups.get(line.line_seq, -1), line.side))
        if line.budget_table_seq == shape.seq
        else line
        for line in lines
    ]


def _read_rows(shape: _Shape, block: Table, skip: int) -> tuple[list[BudgetLine], list[BudgetAmount]]:
    lines: list[BudgetLine] = []
    amounts: list[BudgetAmount] = []
    width = shape.width
    sides = shape.groups or ((None, 0, width),)
    label_set = {column for columns in shape.label_columns.values() for column in columns}
    row_number_columns = shape.label_columns.get("row_number", [])
    for source in block.rows[skip:]:
        row = [text.strip() for text in source.texts]
        if _is_ruler(row):
            continue
        for group, (side, start, end) in enumerate(sides):
            cells = row[start:end] + [""] * (end - start - len(row[start:end]))
            if not any(cells):
                continue
            line_seq = shape.next_line_seq
            shape.next_line_seq += 1
            if shape.unnamed_groups:
                shape.line_groups[line_seq] = group
            if shape.kind == "two_sided":
                numbered = [column for column in row_number_columns if start <= column < end]
                values = [(column, cells[column - start]) for column in range(start + 1, end) if column not in numbered]
                line = BudgetLine(
                    shape.seq,
                    line_seq,
                    side,
                    None,
                    cells[0] or None,
                    None,
                    None,
                    source.line,
                    source.page,
                    row_number_printed=(cells[numbered[0] - start] or None) if numbered else None,
                )
            else:
                labels: dict[str, str | None] = {}
                for key, columns in shape.label_columns.items():
                    inside = [column for column in columns if start <= column < end]
                    if inside:
                        labels[key] = cells[inside[0] - start] or None
                parts = [
                    "" if _cell_role(cells[column - start]) == "code_part" else cells[column - start]
                    for column in shape.label_columns.get("code_part", [])
                    if start <= column < end
                ]
                if any(parts):
                    labels["code"] = _joined_code(shape, parts)
                if labels.get("code") and not CODE.match(labels["code"]):
                    labels["name"] = labels.get("name") or labels["code"]
                    labels["code"] = None
                values = [(column, cells[column - start]) for column in range(start, end) if column not in label_set]
                line = BudgetLine(
                    shape.seq,
                    line_seq,
                    side,
                    labels.get("code"),
                    labels.get("name"),
                    labels.get("unit_name"),
                    labels.get("project_type"),
                    source.line,
                    source.page,
                    row_number_printed=labels.get("row_number"),
                )
            lines.append(line)
            amounts.extend(
                BudgetAmount(shape.seq, line_seq, column + 1, shape.paths[column] or None, value)
                for column, value in values
                if value
            )
    return lines, amounts


def _joined_code(shape: _Shape, parts: list[str]) -> str:
    """类 | 款 | 项 cells as one code (210 | 11 | 01 -> 2101101); a blank 类 or 款 is the one printed above."""
    if not all(part.isdigit() for part in parts if part):
        return "".join(parts)
    deepest = max(index for index, part in enumerate(parts) if part)
    filled = [part or (shape.code_parts[index] if index < len(shape.code_parts) else "") for index, part in
              enumerate(parts[: deepest + 1])]  # fmt: skip
    shape.code_parts = filled
    return "".join(filled)


def _table_record(
    shape: _Shape,
    block: Table,
    context: dict[str, str | None],
    number: int | None,
    number_inferred: bool,
    lines: list[BudgetLine],
    amounts: list[BudgetAmount],
    previous_statement: str | None,
) -> BudgetTable:
    codes = [line.code for line in lines if line.code]
    # 经济分类 codes start with 3 (301 工资福利支出) or 5 (政府预算支出经济分类); 功能分类 codes with 2 (210).
    economic = any(vocabulary().mentions("budget_word", path, "economic") for path in shape.paths) or (
        bool(codes) and 2 * sum(code[0] in "35" for code in codes) > len(codes)
    )
    classification = {
        "two_sided": "income_expenditure",
        "by_unit": "unit",
        "project_list": "project",
        "matrix": "other",
    }.get(shape.kind) or ("economic" if economic else "functional")
    return BudgetTable(
        budget_table_seq=shape.seq,
        table_label=context.get("label"),
        table_number=number,
        is_number_inferred=number_inferred and number is not None,
        title=context.get("title"),
        department=context.get("department"),
        amount_unit=context.get("amount_unit"),
        kind=shape.kind,
        classification=classification,
        is_empty=not amounts,
        note=None,
        header_rows=shape.header_count,
        column_headers=" | ".join(shape.paths),
        line_count=len(lines),
        first_line=block.line,
        page=block.page,
        statement=_statement(context.get("title"), context.get("label"), shape.paths, previous_statement),
    )


def _statement(title: str | None, label: str | None, paths: list[str], previous: str | None) -> str:
    """决算 or 预算, from the title, then the 预算公开表 label, then the headers, else as the table before."""
    numbered = "budget" if (label or "").startswith("预算公开表") else None  # 预算公开表N numbers only budgets
    return _said(title or "") or numbered or _said(" ".join(paths)) or previous or "budget"


def _said(text: str) -> str | None:
    """final_accounts or budget, for the first of 决算, 预算 the text says."""
    words = vocabulary()
    return next((kind for kind in ("final_accounts", "budget") if words.mentions("budget_word", text, kind)), None)


def _label_columns(paths: list[str]) -> dict[str, list[int]]:
    """Role -> the columns whose header names it (科目编码 -> code, 科目名称 -> name, 行次 -> row_number)."""
    words = vocabulary()
    found: dict[str, list[int]] = {}
    for column, path in enumerate(paths):
        leaf = path.split("/")[-1] if path else ""
        if _cell_role(leaf) == "code_part" and words.mentions("budget_column", path, "code"):
            found.setdefault("code_part", []).append(column)  # 科目编码 printed in 类 | 款 | 项 columns
            continue
        key = words.mentions("budget_column", leaf)
        if key is not None:
            found.setdefault(key, []).append(column)
    return found
