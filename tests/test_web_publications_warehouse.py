"""Web-publication shapes through ingest and dbt build (exit 0): what an analyst reads of them in the marts."""

from __future__ import annotations

from decimal import Decimal

import pytest
import web_publications as web

from conftest import build_warehouse, read_only


@pytest.fixture(scope="module")
def web_marts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "transfer.txt").write_text(web.TRANSFER_TEXT, encoding="utf-8")
    (docs / "budget_targets.txt").write_text(web.BUDGET_TARGET_TEXT, encoding="utf-8")
    (docs / "final_accounts.html").write_text(web.final_accounts_html(), encoding="utf-8")
    (docs / "self_evaluation.txt").write_text(web.SELF_EVALUATION_TEXT, encoding="utf-8")
    yield from read_only(build_warehouse(docs, folder))


def test_a_page_without_tables_is_a_parsed_document_with_its_contents(web_marts):
    rows = web_marts.execute(
        """
        select file_name, status, layouts, doc_kind, budget_year, has_tables, n_tables, n_tables_announced,
            tables_announced, n_projects
        from marts.documents order by file_name
        """
    ).fetchall()
    assert rows == [
        ("budget_targets.txt", "parsed", "project_performance", "budget", 2024, True, 1, 0, None, 1),
        ("final_accounts.html", "parsed", "narrative,announced_tables", "final_accounts", 2024, False, 0, 9,
         "；".join(web.FINAL_ACCOUNTS_ANNOUNCED), 0),
        ("self_evaluation.txt", "parsed", "project_performance", "self_evaluation", 2023, True, 1, 0, None, 2),
        ("transfer.txt", "parsed", "project_performance", "self_evaluation", 2023, True, 1, 0, None, 1),
    ]  # fmt: skip
    claims = web_marts.execute(
        """
        select subject, amount_yuan from marts.narrative_amounts
        inner join marts.documents using (document_id)
        where file_name = 'final_accounts.html' order by claim_seq
        """
    ).fetchall()
    assert claims == [(subject, Decimal(amount.replace(",", "")) * 10000) for subject, amount, _ in
                      web.FINAL_ACCOUNTS_AMOUNTS]  # fmt: skip
    issues = web_marts.execute("select file_name, severity, code from marts.parse_issues order by all").fetchall()
    assert issues == [("final_accounts.html", "info", "no_tables_printed")]


def test_every_indicator_of_the_web_shapes_is_in_the_marts_with_its_level(web_marts):
    rows = web_marts.execute(
        """
        select documents.file_name, indicators.row_number, indicators.level1, indicators.level2, indicators.level3
        from marts.indicators
        inner join marts.projects using (project_id)
        inner join marts.documents on projects.document_id = documents.document_id
        where documents.file_name <> 'self_evaluation.txt'
        order by all
        """
    ).fetchall()
    spanned = [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "时效指标"),
        ("效益指标", "社会效益指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]
    transfer = [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "时效指标"),
        ("效益指标", "社会效益指标"),
        ("效益指标", "可持续影响指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]
    assert rows == [
        *[
            ("budget_targets.txt", n, *levels, web.BUDGET_TARGET_INDICATORS[n - 1][2])
            for n, levels in enumerate(spanned, start=1)
        ],
        *[
            ("transfer.txt", n, *levels, web.TRANSFER_INDICATORS[n - 1][2])
            for n, levels in enumerate(transfer, start=1)
        ],
    ]
    assert web_marts.execute(
        "select budget_yuan, central_fiscal_yuan, local_fiscal_yuan from marts.projects where project_name = ?",
        [web.TRANSFER_PROJECT[0]],
    ).fetchone() == (Decimal("528000000.00"), Decimal("408000000.00"), Decimal("120000000.00"))


def test_levels_printed_with_weights_or_unknown_are_canonical_with_the_print_kept(web_marts):
    rows = web_marts.execute(
        """
        select projects.table_seq, indicators.row_number, indicators.level1, indicators.level2,
            indicators.level1_printed, indicators.level1_basis, indicators.level1_weight_printed,
            indicators.is_level1_unmapped
        from marts.indicators
        inner join marts.projects using (project_id)
        inner join marts.documents on projects.document_id = documents.document_id
        where documents.file_name = 'self_evaluation.txt'
        order by all
        """
    ).fetchall()
    # 产出指标（50分）: the label and its weight apart, the weight carried with the label down its merged cell;
    # 项目完成 is no 一级 of the taxonomy: 产出指标 from its 二级 (数量指标, 时效指标), the basis saying so.
    assert rows == [
        (1, 1, "产出指标", "数量指标", "产出指标（50分）", "printed", "50分", False),
        (1, 2, "产出指标", "质量指标", None, "printed", "50分", False),
        (1, 3, "产出指标", "时效指标", None, "printed", "50分", False),
        (1, 4, "效益指标", "社会效益指标", "效益指标（30分）", "printed", "30分", False),
        (1, 5, "满意度指标", "服务对象满意度指标", "满意度指标（10分）", "printed", "10分", False),
        (2, 1, "产出指标", "数量指标", "项目完成", "inferred from 二级", None, True),
        (2, 2, "产出指标", "时效指标", None, "inferred from 二级", None, True),
        (2, 3, "效益指标", "可持续影响指标", "效益指标", "printed", None, False),
        (2, 4, "满意度指标", "服务对象满意度指标", "满意度指标", "printed", None, False),
    ]
    findings = web_marts.execute(
        "select file_name, check_name, severity, detail from marts.data_quality order by detail"
    ).fetchall()
    assert findings == [
        ("self_evaluation.txt", "level1 inferred", "info",
         f'table 2 (医保经办服务能力提升), annual row {n}: 一级 "项目完成" is not a known label; read as 产出指标, the '
         f"family of its 二级 {level2}")
        for n, level2 in ((1, "数量指标"), (2, "时效指标"))
    ]  # fmt: skip
