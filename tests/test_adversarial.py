"""The adversarial corpus (tests/adversarial.py) through ingest and dbt build: no printed text fails the build.

Every document is read alike in both of its formats; the whole corpus (with sample 001 as text beside a PDF and a
DOCX of its 第二部分) builds with exit 0, and so do a few documents alone; each variation shows up where an analyst
looks (data_quality, parse_issues, duplicate_tables) with exactly the rows asserted here, and every dbt test of
severity warn reports its failing rows in data_quality.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import duckdb
import pytest
from adversarial import CORPUS, render, write_corpus

from conftest import build_warehouse, read_only, sample_path
from ingest.layouts import parse_document
from ingest.readers import read_document

SAMPLE_001 = sample_path("001").name


def _records(path) -> tuple:
    """What a document says, as the layouts read it (provenance aside)."""
    parsed = parse_document(read_document(path))
    return (
        (parsed.meta.issuer, parsed.meta.budget_year, parsed.meta.doc_kind, parsed.layouts),
        [(p.table_kind, p.project_name, p.unit_name, p.amount_unit, p.budget, p.fiscal) for p in parsed.projects],
        [(r.table_seq, r.level1, r.level2, r.level3, r.target, r.actual) for r in parsed.indicators],
        [(t.title, t.table_number, t.column_headers) for t in parsed.budget_tables],
        [(a.line_seq, a.column_number, a.value) for a in parsed.budget_amounts],
        [(n.subject, n.amount, n.amount_unit) for n in parsed.narrative_amounts],
    )


@pytest.mark.parametrize("name", [name for name, (_, formats) in CORPUS.items() if len(formats) == 2])
def test_each_document_reads_alike_in_both_formats(tmp_path, name):
    first, second = (tmp_path / f"{name}.{fmt}" for fmt in CORPUS[name][1])
    for path in (first, second):
        path.write_bytes(render(name, path.suffix[1:]))
    assert _records(first) == _records(second)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, parsed):
    """The corpus in every format, and sample 001 as text beside a PDF and a DOCX of its 第二部分 (project tables)."""
    from render_samples import render_docx, render_pdf

    folder = tmp_path_factory.mktemp("adversarial")
    docs = folder / "docs"
    docs.mkdir()
    write_corpus(docs)
    shutil.copy(sample_path("001"), docs)
    (docs / "001_part2.pdf").write_bytes(render_pdf(parsed["001"]))
    (docs / "001_part2.docx").write_bytes(render_docx(parsed["001"]))
    return build_warehouse(docs, folder)


@pytest.fixture()
def corpus(corpus_db):
    yield from read_only(corpus_db)


FINDINGS = [
    ("budget.docx", "budget column without measure", "warning",
     '表5 部门支出总体情况表: column 3 "2025年预算数" (3 amounts): column 4 "2026年预算数" has measure total (this '
     "column is of 2025, not the budget year 2026)"),
    ("final_accounts.pdf", "budget column without measure", "warning",
     '表5 财政拨款支出决算表: column 6 "结转下年" (4 amounts): header not in the budget_measures seed'),
    ("levels.docx", "level1 inferred", "info",
     'table 1 (医保经办服务能力提升), annual row 3: 一级 "项目完成" is not a known label; read as 产出指标, the '
     "family of its 二级 数量指标"),
    ("levels.docx", "level1 unknown", "warning",
     'table 4 (医保政策宣传), annual row 1: 一级 "项目完成" is not a known label, nor is its 二级 "完成情况"'),
    ("levels.docx", "level2 unknown", "warning",
     'table 4 (医保政策宣传), annual row 1: 二级 "完成情况" is not a known label'),
    ("levels_reissued.pdf", "near-duplicate table", "warning",
     'project_table "医保政策宣传" (project_target) prints 预算数 90000.00 元, 2 indicator rows here and 预算数 '
     "80000.00 元, 1 indicator rows in levels.docx; both are counted"),
    ("no_unit.pdf", "amount unit missing", "warning",
     "table 2 (医保档案整理): no amount unit (单位：万元 / 元) printed; its amounts are not converted to yuan"),
    ("no_unit.pdf", "unit not printed", "warning",
     "table 1 (医保信息系统运维): no 预算单位 / 实施单位 printed; the project is in no unit (units, the unit rows of "
     "the summaries)"),
    ("no_unit.pdf", "unit not printed", "warning",
     "table 2 (医保档案整理): no 预算单位 / 实施单位 printed; the project is in no unit (units, the unit rows of "
     "the summaries)"),
]  # fmt: skip


def test_every_variation_is_a_finding_and_the_samples_none(corpus):
    rows = corpus.execute("select file_name, check_name, severity, detail from marts.data_quality order by all")
    assert rows.fetchall() == FINDINGS


def test_parse_issues_name_what_the_parser_doubted(corpus):
    rows = corpus.execute(
        "select file_name, severity, message, count(*) from marts.parse_issues group by all order by all"
    ).fetchall()
    cut_off = "no 效益指标 or 满意度指标 rows: the table may be cut off"
    three_cells = "row has 3 value cells for 2 columns (level3, target); first taken as 三级指标, last as 指标值"
    no_unit = "no amount unit (单位：万元/元) found above the table; amounts left unconverted"
    no_table = (
        "no table printed: 3 tables announced (收入支出决算总表、收入决算表、支出决算表), 2 amounts stated in the "
        "narrative; the tables are attachments or printed elsewhere"
    )
    # The 项目完成 | 完成情况 row of levels is read in place (an unknown label in its column beside a known one), so no
    # row has more value cells than columns.
    assert three_cells not in {message for _, _, message, _ in rows}
    assert rows == [
        ("extreme.txt", "warning", cut_off, 1),
        ("extreme.xlsx", "warning", cut_off, 1),
        ("levels.docx", "warning", cut_off, 1),
        ("levels.txt", "warning", cut_off, 1),
        ("narrative_only.docx", "info", no_table, 1),
        ("narrative_only.txt", "info", no_table, 1),
        ("no_unit.pdf", "warning", no_unit, 1),
        ("no_unit.pdf", "warning", cut_off, 1),
        ("no_unit.txt", "warning", no_unit, 1),
        ("no_unit.txt", "warning", cut_off, 1),
    ]


def test_every_warn_test_reports_its_failing_rows_in_data_quality(corpus_db, corpus):
    """A dbt test on printed text is a warning whose failing rows are data_quality rows (its meta names the check)."""
    target = corpus_db.parent / "target"
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    failures = {
        result["unique_id"]: result["failures"] or 0
        for result in json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    }
    tests = [node for node in manifest["nodes"].values() if node["resource_type"] == "test"]
    warn = {node["unique_id"]: node["config"] for node in tests if node["config"]["severity"].lower() == "warn"}
    # Two warn tests are not about printed text: the count of data_quality itself, and a link between documents.
    unlisted = sorted(name.split(".")[2] for name, config in warn.items() if "finding" not in config["meta"])
    assert unlisted == [
        "expression_is_true_data_quality_false",
        "relationships_documents_duplicate_of_document_id__document_id__ref_documents_",
    ]
    found = dict(corpus.execute("select check_name, count(*) from marts.data_quality group by 1").fetchall())
    reported = {
        config["meta"]["finding"]: (failures[name], found.get(config["meta"]["finding"], 0))
        for name, config in warn.items()
        if "finding" in config["meta"]
    }
    assert reported == {
        "fiscal above budget": (0, 0),
        "project name missing": (0, 0),
        "amount unit missing": (1, 1),
        "unit not printed": (2, 2),
        "level1 unknown": (1, 1),
        "level2 unknown": (1, 1),
        "project key shared": (0, 0),
    }
    assert failures[next(name for name in warn if "data_quality_false" in name)] == len(FINDINGS)


def test_each_table_is_counted_once_whichever_documents_print_it(corpus):
    rows = corpus.execute(
        """
        select documents.file_name, documents.is_kept, documents.n_duplicate_tables, kept.file_name
        from marts.documents
        left join marts.documents as kept on documents.duplicate_of_document_id = kept.document_id
        order by 1
        """
    ).fetchall()
    assert rows == [
        (SAMPLE_001, True, 0, None),
        ("001_part2.docx", False, 54, SAMPLE_001),
        ("001_part2.pdf", False, 54, SAMPLE_001),
        ("budget.docx", True, 0, None),
        ("budget.txt", False, 3, "budget.docx"),
        ("evaluated_self.docx", True, 0, None),
        ("evaluated_self.pdf", False, 1, "evaluated_self.docx"),
        ("evaluated_target.pdf", True, 0, None),
        ("evaluated_target.txt", False, 1, "evaluated_target.pdf"),
        ("extreme.txt", True, 0, None),
        ("extreme.xlsx", False, 2, "extreme.txt"),
        ("final_accounts.pdf", True, 0, None),
        ("final_accounts.txt", False, 1, "final_accounts.pdf"),
        ("levels.docx", True, 0, None),
        ("levels.txt", False, 4, "levels.docx"),
        ("levels_reissued.pdf", True, 0, None),
        ("levels_reissued.txt", False, 1, "levels_reissued.pdf"),
        ("monitoring_july.docx", True, 0, None),
        ("monitoring_july.txt", False, 1, "monitoring_july.docx"),
        ("monitoring_september.pdf", True, 0, None),
        ("narrative_only.docx", True, 0, None),
        ("narrative_only.txt", False, 1, "narrative_only.docx"),  # parsed now: the same 说明 in two formats
        ("no_unit.pdf", True, 0, None),
        ("no_unit.txt", False, 2, "no_unit.pdf"),
        ("other_unit.pdf", True, 0, None),
        ("other_unit.txt", False, 1, "other_unit.pdf"),
        ("years_2025.txt", True, 0, None),
        ("years_2025_copy.pdf", False, 2, "years_2025.txt"),
        ("years_2026.docx", True, 0, None),
        ("years_2026.xlsx", False, 2, "years_2026.docx"),
    ]
    # Sample 001 as text (with its 第一部分) beside a PDF and a DOCX of its 54 project tables: 54 projects, once.
    assert corpus.execute(
        "select count(*), sum(budget_yuan) from marts.projects inner join marts.documents using (document_id) "
        "where file_name like '001%'"
    ).fetchone() == (54, Decimal("279588100.00"))
    assert corpus.execute(
        "select relation, count(*) from marts.duplicate_tables where file_name like '001%' group by 1"
    ).fetchall() == [("same table", 108)]


def test_a_near_duplicate_is_reported_side_by_side_and_both_are_counted(corpus):
    rows = corpus.execute(
        """
        select relation, file_name, is_counted, budget_yuan, figures, other_file_name, other_budget_yuan, other_figures
        from marts.duplicate_tables where relation <> 'same table'
        """
    ).fetchall()
    assert rows == [
        ("same name, different figures", "levels_reissued.pdf", True, Decimal("90000.00"), "预算数 90000.00 元, 2 "
         "indicator rows", "levels.docx", Decimal("80000.00"), "预算数 80000.00 元, 1 indicator rows"),
    ]  # fmt: skip
    assert corpus.execute(
        "select count(*), sum(budget_yuan) from marts.projects where project_name = '医保政策宣传'"
    ).fetchone() == (2, Decimal("170000.00"))
    # The same table printed for two units is two units' tables: both counted, neither a copy of the other.
    assert corpus.execute(
        "select unit_name, budget_yuan from marts.projects where project_name = '医保基金监管' order by 1"
    ).fetchall() == [("射洪市医疗保障事务中心", Decimal("450000.00")), ("射洪市医疗保障局", Decimal("450000.00"))]


def test_levels_are_canonical_or_null_and_the_printed_text_stays(corpus):
    rows = corpus.execute(
        """
        select project_name, row_number, level1_printed, level1, level1_basis, level1_weight_printed, level2_printed,
            level2, level2_weight_printed
        from marts.indicators inner join marts.projects using (project_id)
        where projects.document_id in (select document_id from marts.documents where file_name = 'levels.docx')
        order by projects.table_seq, row_number
        """
    ).fetchall()
    out, benefit, satisfied, beneficiaries = "产出指标", "效益指标", "满意度指标", "服务对象满意度指标"
    assert rows == [
        ("医保经办服务能力提升", 1, out, out, "printed", None, "数量指标", "数量指标", None),
        ("医保经办服务能力提升", 2, benefit, benefit, "printed", None, "社会效益指标", "社会效益指标", None),
        ("医保经办服务能力提升", 3, "项目完成", out, "inferred from 二级", None, "数量指标", "数量指标", None),
        ("医保支付方式改革", 1, "产出指标（50分）", out, "printed", "50分", "时效指标（20分）", "时效指标", "20分"),
        ("医保支付方式改革", 2, "满意度指标(30%)", satisfied, "printed", "30%", beneficiaries, beneficiaries, None),
        ("医保基金监管", 1, out, out, "printed", None, "质量指标", "质量指标", None),  # 产 出 指 标, 质 量 指 标
        ("医保基金监管", 2, satisfied, satisfied, "printed", None, beneficiaries, beneficiaries, None),
        ("医保政策宣传", 1, "项目完成", None, None, None, "完成情况", None, None),  # both read in their columns
    ]  # fmt: skip


def test_a_unit_that_prints_no_unit_line_is_its_own_summary_row(corpus):
    rows = corpus.execute(
        "select budget_summary_id, grain, unit_id, n_projects, total_budget_yuan from marts.budget_summary "
        "where region_code = '510923' order by grain"
    ).fetchall()
    assert rows == [
        ("510923-2025-region", "region", None, 2, Decimal("350000.00")),
        ("510923-2025-unit", "unit", None, 2, Decimal("350000.00")),
    ]
    for mart, key in (("budget_summary", "budget_summary_id"), ("indicator_summary", "indicator_summary_id"),
                      ("indicator_mix", "indicator_mix_id")):  # fmt: skip
        assert corpus.execute(f"select count(*) = count(distinct {key}) from marts.{mart}").fetchone() == (True,)


def test_unnumbered_tables_two_year_columns_and_repeated_subjects_are_checked(corpus):
    budget = "(select document_id from marts.documents where file_name = 'budget.docx')"
    assert corpus.execute(
        f"select title, table_number from marts.budget_tables where document_id in {budget} order by budget_table_seq"
    ).fetchall() == [("一般公共预算支出情况表", 3), ("部门支出总体情况表", 5)]  # 表3 / 表5 are their numbers
    # The 2026 column is the total; the 2025 one keeps no measure (in budget_amounts, and data_quality).
    assert corpus.execute(
        f"""
        select name, total_yuan, n_unmapped_amounts from marts.budget_lines
        where document_id in {budget} and table_number = 5 order by line_seq
        """
    ).fetchall() == [
        ("合计", Decimal("1000000.00"), 1),
        ("卫生健康支出", Decimal("1000000.00"), 1),
        ("医疗保障管理事务", Decimal("1000000.00"), 1),
    ]
    # Both of the sentence's 卫生健康支出 claims are checked, each against each table: eight rows, one id each.
    rows = corpus.execute(
        f"""
        select check_name, status, count(*), count(distinct budget_check_id) from marts.budget_checks
        where document_id in {budget} group by all order by all
        """
    ).fetchall()
    assert rows == [
        ("children sum to parent", "consistent", 7, 7),
        ("narrative equals table", "consistent", 1, 1),
        ("narrative equals table", "inconsistent", 1, 1),
        ("narrative equals table", "not comparable", 2, 2),
        ("same figure across tables", "not comparable", 1, 1),
        ("total equals sum of classes", "consistent", 4, 4),
    ]
    # 表3 is the general public budget only, 表5 the department's spending of every fund (budget_scopes): the
    # sentence on 一般公共预算 is checked against 表3, and against 表5 only as not comparable.
    assert corpus.execute(
        f"""
        select status, source_b, figure_a_yuan from marts.budget_checks
        where document_id in {budget} and check_name = 'narrative equals table' order by all
        """
    ).fetchall() == [
        ("consistent", "表3 一般公共预算支出情况表: 卫生健康支出", Decimal("1000000.00")),
        ("inconsistent", "表3 一般公共预算支出情况表: 卫生健康支出", Decimal("900000.00")),
        ("not comparable", "表5 部门支出总体情况表: 卫生健康支出", Decimal("900000.00")),
        ("not comparable", "表5 部门支出总体情况表: 卫生健康支出", Decimal("1000000.00")),
    ]
    assert corpus.execute(
        f"select distinct source_a from marts.budget_checks where document_id in {budget} and check_name like 'total%' "
        "order by 1"
    ).fetchall() == [("表3 一般公共预算支出情况表: 合计",), ("表5 部门支出总体情况表: 合计",)]


def test_national_final_accounts_headers_carry_their_measures(corpus):
    rows = corpus.execute(
        """
        select code, total_yuan, basic_yuan, project_yuan from marts.budget_lines
        where table_title = '财政拨款支出决算表' and code is not null order by line_seq
        """
    ).fetchall()
    assert rows == [
        ("210", Decimal("9999999999999999999.00"), Decimal("400000.00"), Decimal("9999999999999599999.00")),
        ("21015", Decimal("9999999999999999999.00"), Decimal("400000.00"), Decimal("9999999999999599999.00")),
        ("2101501", Decimal("400000.00"), Decimal("400000.00"), None),
        ("2101502", Decimal("9999999999999599999.00"), None, Decimal("9999999999999599999.00")),
    ]
    assert corpus.execute(
        "select code, budget_yuan, final_accounts_yuan, execution_ratio from marts.functional_spending "
        "where region_code = '120105' order by code"
    ).fetchall() == [
        ("210", Decimal("1000000.00"), Decimal("9999999999999999999.00"), Decimal("10000000000000.0000")),
        ("21015", Decimal("1000000.00"), Decimal("9999999999999999999.00"), Decimal("10000000000000.0000")),
        ("2101501", Decimal("400000.00"), Decimal("400000.00"), Decimal("1.0000")),
        ("2101502", Decimal("600000.00"), Decimal("9999999999999599999.00"), Decimal("16666666666666.0032")),
    ]


def test_a_copy_that_lost_its_unit_line_is_not_counted_and_links_stay_in_the_mart(corpus):
    rows = corpus.execute(
        """
        select documents.file_name, projects.budget_year, projects.project_name, projects.project_name_printed,
            projects.project_code, projects.unit_name, previous_documents.file_name, projects.link_rule
        from marts.projects
        inner join marts.documents using (document_id)
        left join marts.projects as previous on projects.previous_project_id = previous.project_id
        left join marts.documents as previous_documents on previous.document_id = previous_documents.document_id
        where documents.file_name like 'years%' order by 2, 3
        """
    ).fetchall()
    hongqiao = "天津市红桥区医疗保障局"
    code = "51092322T000000431595"
    assert rows == [
        ("years_2025.txt", 2025, "医保经办运转经费", "医保经办运转经费", None, hongqiao, None, None),
        ("years_2025.txt", 2025, "城乡居民监管工作经费", f"{code}-城乡居民监管工作经费", code, hongqiao, None, None),
        ("years_2026.docx", 2026, "医保经办运转经费", "医保经办运转经费", None, hongqiao, "years_2025.txt",
         "normalised name"),
        ("years_2026.docx", 2026, "城乡居民监管工作经费", f"{code} 城乡居民监管工作经费", code, hongqiao,
         "years_2025.txt", "printed code"),
    ]  # fmt: skip
    assert corpus.execute(
        "select change, project_name, previous_budget_yuan, budget_yuan from marts.project_changes order by 2"
    ).fetchall() == [
        ("continued", "医保经办运转经费", Decimal("120000.00"), Decimal("120000.00")),
        ("continued", "城乡居民监管工作经费", Decimal("300000.00"), Decimal("320000.00")),
    ]


def test_a_target_table_and_its_self_evaluation_are_never_the_same_table(corpus):
    assert corpus.execute(
        """
        select file_name, table_kind, budget_yuan from marts.projects inner join marts.documents using (document_id)
        where project_name = '城乡医疗救助资金' order by 1
        """
    ).fetchall() == [
        ("evaluated_self.docx", "project_self_evaluation", Decimal("5000000.00")),
        ("evaluated_target.pdf", "project_target", Decimal("5000000.00")),
    ]
    assert corpus.execute(
        """
        select match_method, n_candidates, target_budget_yuan, evaluated_budget_yuan, n_indicators_matched,
            n_targets_changed
        from marts.results_vs_targets where project_name = '城乡医疗救助资金'
        """
    ).fetchall() == [("unit and name", 1, Decimal("5000000.00"), Decimal("5000000.00"), 4, 0)]


def test_two_periods_of_one_projects_monitoring_are_two_tables(corpus):
    """Same project, targets and amounts to the end of July and of September: each period's report is counted."""
    rows = corpus.execute(
        """
        select file_name, reporting_period, budget_yuan, list(progress_raw order by row_number),
            list(likelihood order by row_number)
        from marts.projects
        inner join marts.documents using (document_id)
        inner join marts.indicators using (project_id)
        where projects.project_name = '医保基金监管专项经费'
        group by all order by 1
        """
    ).fetchall()
    assert rows == [
        ("monitoring_july.docx", "1-7月", Decimal("600000.00"), ["52%", "—"], ["确定能", "有可能"]),
        ("monitoring_september.pdf", "1-9月", Decimal("600000.00"), ["81%", "91%"], ["确定能", "确定能"]),
    ]


def test_extreme_numbers_are_figures_not_build_failures(corpus):
    assert corpus.execute(
        "select execution_rate_percent, execution_rate_printed from marts.project_results "
        "where project_name = '医保经办能力建设'"
    ).fetchall() == [(Decimal("99999999999999987914713648.3328"), "100%")]
    assert corpus.execute(
        "select finding, figure_printed from marts.self_evaluation_audit where project_name = '医保经办能力建设' "
        "order by 1"
    ).fetchall() == [
        ("execution rate inconsistent with its amounts", Decimal("100.0000")),
        ("missed without a reason", Decimal("-99999999999999971478.7328")),  # gap: positive is better
    ]
    assert corpus.execute(
        "select budget_yuan, annual_budget_yuan, is_multi_year from marts.projects "
        "where project_name = '2024年-2026年医保信息化建设'"
    ).fetchall() == [(Decimal("10000000000000000000000000.00"), Decimal("3333333333333333835755028.48"), True)]


@pytest.mark.parametrize("name", ["no_unit", "budget"])
def test_a_document_alone_builds_and_reports_the_same(tmp_path, name):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_corpus(docs, [name])
    con = duckdb.connect(str(build_warehouse(docs, tmp_path)), read_only=True)
    rows = con.execute("select file_name, check_name, severity, detail from marts.data_quality order by all")
    assert rows.fetchall() == [finding for finding in FINDINGS if finding[0].startswith(f"{name}.")]
    con.close()
