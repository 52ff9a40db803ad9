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
from dataclasses import dataclass, field, replace

from ingest.document import Document, Paragraph, Table, is_page_marker
from ingest.layouts.contents import is_table_of_contents
from ingest.layouts.labels import norm
from ingest.records import BudgetAmount, BudgetLine, BudgetTable, ParseIssue

TABLE_MARK = re.compile(r"^预算公开表(\d+)$")
# Title-line parts; a PDF may print them with or without whitespace between ("...医疗保障局公开01表金额单位：元").
PUBLIC_MARK = re.compile(r"((?:部门)?公开\s*0*(\d{1,2})\s*表)(?!格)")  # 公开05表
DEPARTMENT = re.compile(
    r"(?:^|\s)(?:部门名称|部门|单位名称|编制单位|填报单位)\s*[:：]\s*(.+?)"
    r"(?=\s{2,}|\s*(?:部门)?公开\s*\d{1,2}\s*表|\s*(?:金额)?单位\s*[:：]\s*(?:万元|千元|元)|$)"
)
AMOUNT_UNIT = re.compile(r"(?<!编制)(?<!填报)(?:金额)?单位\s*[:：]\s*(万元|千元|元)(?![\u4e00-\u9fa5])")
RULER_LABEL = "栏次"
CODE_PARTS = ("类", "款", "项")
SENTENCE = re.compile(r"[。，；]|详见|参见")
NOTE = re.compile(r"^注\s*[:：]")
AMOUNT = re.compile(r"^-?[\d,]+(?:\.\d+)?$")
CODE = re.compile(r"^\d{3,}$")
BUDGET_HEADER_WORDS = ("科目编码", "项目类型", "本年收入", "经济分类", "三公", "栏次", "行次", "决算数")
LABEL_COLUMNS = {
    "code": ("编码",),
    "name": ("名称",),
    "unit_name": ("项目单位",),
    "project_type": ("项目类型",),
    "row_number": ("行次",),
}


@dataclass(frozen=True)
class BudgetResult:
    tables: tuple[BudgetTable, ...]
    lines: tuple[BudgetLine, ...]
    amounts: tuple[BudgetAmount, ...]
    issues: tuple[ParseIssue, ...]
    blocks: dict[int, int]  # block index -> budget_table_seq


def parse_budget_tables(document: Document, skip_blocks: set[int]) -> BudgetResult:
    """Read every budget disclosure table not already taken by another layout."""
    tables: list[BudgetTable] = []
    lines: list[BudgetLine] = []
    amounts: list[BudgetAmount] = []
    issues: list[ParseIssue] = []
    blocks: dict[int, int] = {}
    context: dict[str, str | None] = {}
    last_number = 0
    open_table: _Shape | None = None  # the table a next block may continue (nothing but page numbers between)
    for index, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            if not is_page_marker(block.text):
                open_table = None
            _read_context(context, block.text.strip())
            if tables and NOTE.match(block.text.strip()) and tables[-1].note is None and blocks.get(index - 1):
                tables[-1] = replace(tables[-1], note=block.text.strip())
            continue
        if index in skip_blocks or is_table_of_contents(block):
            context.clear()
            open_table = None
            continue
        if open_table is not None and not context and _continues(block, open_table):
            table = tables[open_table.seq - 1]
            more_lines, more_amounts = _read_rows(open_table, block, _repeated_header_rows(block, open_table))
            lines.extend(more_lines)
            amounts.extend(more_amounts)
            tables[open_table.seq - 1] = replace(
                table, line_count=table.line_count + len(more_lines), is_empty=table.is_empty and not more_amounts
            )
            blocks[index] = open_table.seq
            continue
        header_text = " ".join(norm(cell) for row in block.rows[:3] for cell in row.texts)
        if not (context.get("label") or any(word in header_text for word in BUDGET_HEADER_WORDS)):
            context.clear()
            continue
        seq = len(tables) + 1
        label = context.get("label")
        number = int(context["number"]) if label else None
        if number is None and last_number:
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
        shape = _shape(seq, block)
        table_lines, table_amounts = _read_rows(shape, block, shape.header_count)
        previous = tables[-1].statement if tables else None
        table = _table_record(shape, block, context, number, label is None, table_lines, table_amounts, previous)
        open_table = shape
        tables.append(table)
        lines.extend(table_lines)
        amounts.extend(table_amounts)
        blocks[index] = seq
        if table.amount_unit is None:
            issues.append(
                ParseIssue("warning", f"budget table '{table.title}' has no 单位 line", None, block.line, block.page)
            )
        context.clear()
    return BudgetResult(tuple(tables), tuple(lines), tuple(amounts), tuple(issues), blocks)


def _read_context(context: dict[str, str | None], text: str) -> None:
    if is_page_marker(text):
        return
    marked = TABLE_MARK.match(norm(text))
    if marked:
        context.clear()
        context["label"] = f"预算公开表{marked.group(1)}"
        context["number"] = marked.group(1)
        return
    # A title line may hold several of title, number, department and unit: `部门：XX局    公开05表    金额单位：元`,
    # `收入支出决算总表    公开01表`. A sentence naming a table (详见公开05表。) is not one.
    if len(text) > 100:
        context.pop("title", None)
        return
    public = None if SENTENCE.search(text) else PUBLIC_MARK.search(text)
    department = DEPARTMENT.search(text)
    unit = AMOUNT_UNIT.search(text)
    if public:
        if context.get("label"):  # an earlier number no table took
            context.clear()
        context["label"] = norm(public.group(1))
        context["number"] = public.group(2)
    if department and department.group(1).strip():
        context["department"] = department.group(1).strip()
    if unit:
        context["amount_unit"] = unit.group(1)
    if public or (department and department.group(1).strip()) or unit:
        rest = text
        for match in (public, department, unit):
            if match:
                rest = rest.replace(match.group(0), " ")
        rest = rest.strip()
        if rest.endswith("表") and len(rest) <= 40 and not re.search(r"[:：]", rest):
            context["title"] = rest
        return
    if text.endswith("表") and len(text) <= 40:
        context["title"] = text
    elif NOTE.match(text):
        return
    else:
        context.pop("title", None)


def _is_ruler(cells: list[str]) -> bool:
    """The 栏次 row under a 决算 table's headers: 栏次 first, or only the column numbers 1, 2, 3 ..."""
    texts = [norm(cell) for cell in cells if norm(cell)]
    if texts and (texts[0] == RULER_LABEL or RULER_LABEL in texts[1:] and norm(cells[0]) == ""):
        return True
    numbers = [text for text in texts if text != RULER_LABEL]
    return len(numbers) >= 3 and numbers == [str(n) for n in range(1, len(numbers) + 1)]


def _header_rows(table: Table) -> int:
    """Rows before the first data row (one with an amount, a code, or the 合计 line)."""
    for position, row in enumerate(table.rows):
        cells = [text.strip() for text in row.texts]
        if _is_ruler(cells):
            return position
        if any(AMOUNT.match(cell) for cell in cells[1:] if cell) or (cells and CODE.match(cells[0])):
            return position
        if any(norm(cell) in ("合计", "总计") for cell in cells[:2]) and position > 0:
            following = table.rows[position + 1].texts if position + 1 < len(table.rows) else []
            if not _is_ruler([text.strip() for text in following]):  # a 合计 header above a 栏次 row
                return position
    return len(table.rows)


def _header_paths(rows: list[list[str]], width: int) -> list[str]:
    """Join stacked header cells into one path per column; a blank upper cell continues the span to its left."""
    paths: list[list[str]] = [[] for _ in range(width)]
    for depth, row in enumerate(rows):
        last = ""
        for column in range(width):
            text = norm(row[column]) if column < len(row) else ""
            if not text and depth < len(rows) - 1:
                text = last
            else:
                last = text
            if text and (not paths[column] or paths[column][-1] != text):
                paths[column].append(text)
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


def _shape(seq: int, block: Table) -> _Shape:
    rows = [[text.strip() for text in row.texts] for row in block.rows]
    width = max(len(row) for row in rows)
    header_count = _header_rows(block)
    paths = _header_paths(rows[:header_count], width)
    label_columns = _label_columns(paths)
    if header_count >= 1 and {"收入", "支出"} <= {norm(cell) for cell in rows[0]}:
        row_numbers = {"row_number": label_columns["row_number"]} if "row_number" in label_columns else {}
        return _Shape(seq, width, header_count, rows[:header_count], paths, "two_sided", row_numbers)
    if "project_type" in label_columns:
        kind = "project_list"
    elif any("单位" in paths[c] for c in label_columns.get("code", ())):
        kind = "by_unit"
    else:
        kind = "coded" if "code" in label_columns or "code_part" in label_columns else "matrix"
    shape = _Shape(seq, width, header_count, rows[:header_count], paths, kind, label_columns)
    codes = label_columns.get("code", [])
    if kind == "coded" and len(codes) >= 2:
        ends = [*codes[1:], width]
        shape.groups = [
            (paths[start].split("/")[0] if "/" in paths[start] else None, start, end)
            for start, end in zip(codes, ends, strict=True)
        ]
    return shape


def _continues(block: Table, shape: _Shape) -> bool:
    """A table block right after a budget table (only page numbers between) with its width goes on with it."""
    return max(len(row.texts) for row in block.rows) == shape.width


def _repeated_header_rows(block: Table, shape: _Shape) -> int:
    """Header rows a continuation repeats at the top of the new page."""
    count = 0
    for row, header in zip(block.rows, shape.header_rows, strict=False):
        if [norm(text) for text in row.texts] != [norm(text) for text in header]:
            break
        count += 1
    return count


def _read_rows(shape: _Shape, block: Table, skip: int) -> tuple[list[BudgetLine], list[BudgetAmount]]:
    lines: list[BudgetLine] = []
    amounts: list[BudgetAmount] = []
    width = shape.width
    if shape.kind == "two_sided":
        sides = (("income", 0, width // 2), ("expenditure", width // 2, width))
    else:
        sides = shape.groups or ((None, 0, width),)
    label_set = {column for columns in shape.label_columns.values() for column in columns}
    row_number_columns = shape.label_columns.get("row_number", [])
    for source in block.rows[skip:]:
        row = [text.strip() for text in source.texts]
        if _is_ruler(row):
            continue
        for side, start, end in sides:
            cells = row[start:end] + [""] * (end - start - len(row[start:end]))
            if not any(cells):
                continue
            line_seq = shape.next_line_seq
            shape.next_line_seq += 1
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
                parts = [cells[column - start] for column in shape.label_columns.get("code_part", [])]
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
    economic = any("经济分类" in path for path in shape.paths) or (
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
    for text in (title or "", "预算" if (label or "").startswith("预算公开表") else "", " ".join(paths)):
        if "决算" in text:
            return "final_accounts"
        if "预算" in text:
            return "budget"
    return previous or "budget"


def _label_columns(paths: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for column, path in enumerate(paths):
        leaf = path.split("/")[-1] if path else ""
        if leaf in CODE_PARTS and "编码" in path:  # 科目编码 printed in 类 | 款 | 项 columns
            found.setdefault("code_part", []).append(column)
            continue
        for key, words in LABEL_COLUMNS.items():
            if any(word in leaf for word in words):
                found.setdefault(key, []).append(column)
                break
    return found
