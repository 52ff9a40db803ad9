"""Real web-publication shapes (tests/web_publications.py), each as a web mirror prints it and in one more format:
every indicator row with its levels, targets and actuals; a page whose tables are attachments parsed, not failed."""

from __future__ import annotations

from pathlib import Path

import pytest
import web_publications as web

from ingest.layouts import parse_document
from ingest.pipeline import parse_file
from ingest.readers import read_document
from render_templates import RENDERERS, Grid


def _parse(name: str, data: bytes):
    document = read_document(Path(name), data)
    return document, parse_document(document)


SELF_EVALUATION = {
    "self_evaluation.txt": lambda: web.SELF_EVALUATION_TEXT.encode(),
    "self_evaluation.xlsx": lambda: RENDERERS["xlsx"](web.SELF_EVALUATION_BLOCKS),
}


@pytest.mark.parametrize("name", SELF_EVALUATION)
def test_self_evaluation_with_split_target_columns_reads_every_row(name):
    document, parsed = _parse(name, SELF_EVALUATION[name]())
    assert document.format == {"txt": "text/pipes", "xlsx": "xlsx"}[name.rsplit(".", 1)[1]]
    assert [
        (p.table_seq, p.table_kind, p.project_name, p.unit_name, p.budget, p.fiscal, p.other, p.total_score)
        for p in parsed.projects
    ] == web.SELF_EVALUATION_PROJECTS
    assert [
        (r.table_seq, r.level1, r.level2, r.level3, r.target, r.target_comparator, r.target_value, r.target_unit,
         r.weight, r.actual, r.score, r.deviation_reason)
        for r in parsed.indicators
    ] == web.SELF_EVALUATION_INDICATORS  # fmt: skip
    # 项目完成 | 数量指标 and the row under it (时效指标) are two rows, nothing joined, nothing to report.
    assert [issue for issue in parsed.issues if issue.severity == "warning"] == []


TRANSFER = {
    "transfer.txt": lambda: web.TRANSFER_TEXT.encode(),
    "transfer.pdf": lambda: RENDERERS["pdf"](web.TRANSFER_BLOCKS),
}


@pytest.mark.parametrize("name", TRANSFER)
def test_transfer_self_evaluation_keeps_every_indicator_when_its_levels_wrap(name):
    _, parsed = _parse(name, TRANSFER[name]())
    (project,) = parsed.projects
    assert (project.project_name, project.unit_name, project.budget, project.central_fiscal, project.local_fiscal,
            project.total_score) == web.TRANSFER_PROJECT  # fmt: skip
    assert project.table_kind == "project_self_evaluation"
    assert [(line.role, line.full_year) for line in parsed.budget_execution] == [
        ("total", "52,800.00"),
        ("central_fiscal", "40,800.00"),
        ("local_fiscal", "12,000.00"),
    ]
    assert [
        (r.level1, r.level2, r.level3, r.target, r.actual, r.weight, r.score, r.deviation_reason)
        for r in parsed.indicators
    ] == web.TRANSFER_INDICATORS
    assert [issue for issue in parsed.issues if issue.severity == "warning"] == []


BUDGET_TARGETS = {
    "budget_targets.txt": lambda: web.BUDGET_TARGET_TEXT.encode(),
    "budget_targets.docx": lambda: RENDERERS["docx"](web.BUDGET_TARGET_BLOCKS),
}


@pytest.mark.parametrize("name", BUDGET_TARGETS)
def test_budget_target_table_one_cell_per_line_carries_its_spanning_labels(name):
    document, parsed = _parse(name, BUDGET_TARGETS[name]())
    assert document.format == {"txt": "text/cell_bars", "docx": "docx"}[name.rsplit(".", 1)[1]]
    assert [(p.project_name, p.unit_name, p.amount_unit, p.budget, p.fiscal, p.other) for p in parsed.projects] == [
        ("城乡居民医保参保工作经费", "大英县医疗保障局", "万元", "20.00", "20.00", "0.00")
    ]
    # A 一级 label on its own short row is the label of the rows under it, not an indicator of its own.
    assert [(r.level1, r.level2, r.level3, r.target) for r in parsed.indicators] == web.BUDGET_TARGET_INDICATORS
    assert [issue for issue in parsed.issues if issue.severity == "warning"] == []


FINAL_ACCOUNTS = {
    "final_accounts.txt": lambda: web.FINAL_ACCOUNTS_TEXT.encode(),
    "final_accounts.html": lambda: web.final_accounts_html().encode(),
}


@pytest.mark.parametrize("name", FINAL_ACCOUNTS)
def test_a_page_whose_tables_are_attachments_is_parsed_with_its_amounts_and_contents(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(FINAL_ACCOUNTS[name]())
    result = parse_file(path)
    parsed = result.parsed
    assert (result.status, result.error, parsed.layouts) == ("parsed", None, ("narrative", "announced_tables"))
    assert (parsed.meta.issuer, parsed.meta.budget_year, parsed.meta.doc_kind) == (
        "天津市西青区医疗保障局",
        2024,
        "final_accounts",
    )
    assert [entry.title for entry in parsed.announced_tables] == web.FINAL_ACCOUNTS_ANNOUNCED
    assert [(n.subject, n.amount, n.amount_unit) for n in parsed.narrative_amounts] == web.FINAL_ACCOUNTS_AMOUNTS
    assert [(i.severity, i.code, i.message) for i in parsed.issues] == [
        (
            "info",
            "no_tables_printed",
            "no table printed: 9 tables announced (收入支出决算总表、收入决算表、支出决算表、财政拨款收入支出决算总表、"
            "一般公共预算财政拨款支出决算表…), 7 amounts stated in the narrative; the tables are attachments or "
            "printed elsewhere",
        )
    ]
    row = result.document_row()
    assert (row.status, row.n_tables, row.has_tables, row.n_tables_announced) == ("parsed", 0, False, 9)


def test_attachments_listed_on_one_line_are_each_announced(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(
        "天津市西青区医疗保障局2024年度部门决算\n第二部分 2024年度部门决算情况说明\n"
        "2024年度收入总计1,234.56万元。\n第三部分 2024年度部门决算表（见附件）\n"
        "附件：1.收入支出决算总表 2.收入决算表；3、支出决算表（详见附件）\n",
        encoding="utf-8",
    )
    result = parse_file(path)
    assert result.status == "parsed"
    assert [(e.entry_seq, e.title, e.line) for e in result.parsed.announced_tables] == [
        (1, "收入支出决算总表", 5),
        (2, "收入决算表", 5),
        (3, "支出决算表", 5),
    ]


def test_text_with_no_amount_and_no_table_list_still_fails(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("关于开展医保政策宣传月活动的通知\n各定点医药机构：\n请按要求开展宣传。\n", encoding="utf-8")
    result = parse_file(path)
    assert (result.status, result.error) == (
        "failed",
        "notice.txt: no known layout found (0 tables, none a performance-target or budget table)",
    )


def test_a_document_that_prints_tables_announces_none():
    # Sample-like: a budget narrative followed by its tables keeps its contents out of announced_tables.
    _, parsed = _parse("with_tables.txt", web.TRANSFER_TEXT.encode())
    assert parsed.announced_tables == ()


# 一级 and 二级 labels as tables print them: spaces inside, with or without 指标, weights in brackets (full- and
# half-width), and 项目完成 (a 一级 the taxonomy does not list). Each pair is read as printed, in every format.
LEVEL_LABELS = [
    ("产出指标", "数量指标"),
    ("产出", "数量"),
    ("产 出 指 标", "数 量 指 标"),
    ("产 出", "数 量"),
    ("产出指标（50分）", "数量指标（20分）"),
    ("产出指标(50分)", "数量(20分)"),
    ("产出（50分）", "数量指标"),
    ("产出指标 （50分）", "数 量（20分）"),
    ("项目完成", "数量指标"),
    ("项目完成（40分）", "时效指标"),
]


def _variant_rows(level1: str, level2: str) -> list[list[str]]:
    return [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        [level1, level2, "检查次数", "≥5次"],
        ["", "质量指标", "违规问题整改率", "100%"],
        ["满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"],
    ]


def _variant(level1: str, level2: str, fmt: str) -> tuple[str, bytes]:
    head = ["湘潭市医疗保障局", "2025年项目支出绩效目标表", "单位：万元"]
    top = [["项目名称", "医保基金监管专项", "", ""], ["预算数", "30.00", "其中：财政资金", "30.00"]]
    rows = _variant_rows(level1, level2)
    if fmt == "pipes":
        lines = [" | ".join(row) for row in [*top, *rows]]
        return "variant.txt", "\n".join([*head, *lines, ""]).encode()
    if fmt == "label_rows":  # one cell per line; the 一级 label on its own row, the rows under it without the cell
        text = "\n".join(head) + "\n"
        for row in top + rows[:1]:
            text += "".join(f"{cell} |\n" for cell in row if cell) + "|\n"
        for row in rows[1:]:
            if row[0]:
                text += f"{row[0]} |\n|\n"
            text += "".join(f"{cell} |\n" for cell in row[1:]) + "|\n"
        return "variant.txt", text.encode()
    grid = Grid([*top, *rows], [((1, 0), (3, 0)), ((0, 3), (0, 4))])
    return f"variant.{fmt}", RENDERERS[fmt]([*head, grid])


@pytest.mark.parametrize("fmt", ["pipes", "label_rows", "docx", "xlsx"])
@pytest.mark.parametrize(("level1", "level2"), LEVEL_LABELS)
def test_level_labels_are_read_as_printed_in_every_format(level1, level2, fmt):
    _, parsed = _parse(*_variant(level1, level2, fmt))
    assert [(p.project_name, p.budget) for p in parsed.projects] == [("医保基金监管专项", "30.00")]
    assert [(r.row_number, r.level1, r.level2, r.level3, r.target) for r in parsed.indicators] == [
        (1, level1, level2, "检查次数", "≥5次"),
        (2, None, "质量指标", "违规问题整改率", "100%"),
        (3, "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"),
    ]
    assert [issue.message for issue in parsed.issues if issue.severity == "warning"] == []


def test_a_level_label_on_its_own_row_that_no_row_takes_is_reported():
    text = (
        "2025年项目支出绩效目标表\n单位：万元\n项目名称 | 医保宣传经费 |  | \n预算数 | 12.00 |  | \n"
        "一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 宣传活动场次 | ≥10场\n"
        "满 意 度 指 标 |  |  | \n效益指标 |  |  | \n社会效益指标 | 群众知晓率 | ≥90% | \n"
    )
    _, parsed = _parse("cut.txt", text.encode())
    assert [(r.level1, r.level2, r.level3, r.target) for r in parsed.indicators] == [
        ("产出指标", "数量指标", "宣传活动场次", "≥10场"),
        ("效益指标", "社会效益指标", "群众知晓率", "≥90%"),
    ]
    assert [(i.severity, i.code, i.line, i.subject) for i in parsed.issues if i.code] == [
        ("warning", "spanning_label_unused", 7, None)
    ]
