"""Document -> project tables and indicator rows, exact values from the five samples."""

from __future__ import annotations

import pytest

from ingest.records import ParsedDocument


def project(parsed: ParsedDocument, seq: int):
    (found,) = [p for p in parsed.projects if p.table_seq == seq]
    return found


def rows(parsed: ParsedDocument, seq: int, horizon: str = "annual") -> list[tuple]:
    return [
        (r.level1, r.level2, r.level3, r.description, r.target)
        for r in parsed.indicators
        if r.table_seq == seq and r.horizon == horizon
    ]


@pytest.mark.parametrize(
    ("prefix", "tables", "indicators"),
    [("000", 55, 372), ("001", 54, 326), ("002", 3, 19), ("003", 7, 67), ("004", 6, 92)],
)
def test_project_table_and_indicator_counts(parsed, prefix, tables, indicators):
    assert len(parsed[prefix].projects) == tables
    assert len(parsed[prefix].indicators) == indicators
    assert [p.table_seq for p in parsed[prefix].projects] == list(range(1, tables + 1))


def test_tianjin_first_table_header_and_rows(parsed):
    first = project(parsed["000"], 1)
    assert first.title == "医保待遇调整、医疗服务价格调整、打击欺诈骗保等能力建设项目绩效目标表"
    assert (first.unit_code, first.unit_name, first.amount_unit) == ("382101", "天津市医疗保障局", "万元")
    assert first.project_name == "医保待遇调整、医疗服务价格调整、打击欺诈骗保等能力建设项目"
    assert (first.budget, first.fiscal, first.other) == ("187.10", "187.10", None)
    assert first.layout == "five_column"
    assert rows(parsed["000"], 1)[:2] == [
        ("产出指标", "数量指标", "组织专家评审次数", "组织专家评审次数", "≥5 次"),
        (None, "数量指标", "局官网发布政策文件或解读数量", "局官网发布政策文件或解读数量", "≥30 次"),
    ]
    assert rows(parsed["000"], 1)[-1] == (
        "满意度指标",
        "服务对象满意度指标",
        "参保群众满意度",
        "参保群众满意度",
        "≥85 百分比",
    )


def test_tianjin_title_wrapped_over_two_lines_is_joined(parsed):
    assert project(parsed["000"], 13).title == (
        "国家组织医用耗材集中招标采购平台项目-01 中央直达资金-2024 年医疗服务与保障能力提升补助资金绩效目标表"
    )
    assert project(parsed["000"], 13).title_number == "13"


def test_shifted_row_is_realigned_by_its_labels(parsed):
    # 000 line 491: the blank 一级 cell was dropped, so 成本指标 sits in the first column.
    shifted = [r for r in parsed["000"].indicators if r.line == 491]
    assert [(r.level1, r.level2, r.level3, r.description, r.target, r.is_realigned) for r in shifted] == [
        (None, "成本指标", "外出办案经费", "外出办案经费", "≤6 万元", True)
    ]


def test_budget_row_with_shifted_columns(parsed):
    archive = project(parsed["000"], 36)  # 历史档案数字化: cells spread over 12 columns
    assert (archive.budget, archive.fiscal) == ("4.60", "4.60")
    assert rows(parsed["000"], 36)[0] == (
        "产出指标",
        "成本指标",
        "历史档案数字化项目合同金额",
        "历史档案数字化项目合同金额",
        "≤4.6 万元",
    )


def test_tangshan_six_columns_with_code_plan_and_basis(parsed):
    resident = project(parsed["001"], 33)
    assert resident.project_code == "13020025P00E8AX100086"
    assert (resident.unit_code, resident.unit_name) == ("619003", "唐山市医疗保险服务中心")
    assert (resident.budget, resident.amount_unit, resident.layout) == ("20214.00", "万元", "with_basis")
    first = [r for r in parsed["001"].indicators if r.table_seq == 33][0]
    assert (first.level3, first.target) == ("基本医疗保险参保人数", "≥480万人")
    assert first.basis.startswith("按照省政府《关于整合城乡居民基本医疗保险制度实施意见》")
    assert len(rows(parsed["001"], 33)) == 9
    plan = [(p.period, p.share) for p in parsed["001"].spending_plans if p.table_seq == 1]
    assert plan == [("3月底", "20%"), ("6月底", "50%"), ("10月底", "80%"), ("12月底", "100%")]


def test_spending_plan_blank_cells_stay_blank(parsed):
    # 001 table 5: only 10月底 and 12月底 carry a share; the blanks are not zero.
    plan = [(p.period, p.share) for p in parsed["001"].spending_plans if p.table_seq == 5]
    assert plan == [("3月底", None), ("6月底", None), ("10月底", "100%"), ("12月底", "100%")]


def test_binhai_amounts_in_yuan(parsed):
    first = project(parsed["002"], 1)
    assert (first.budget, first.amount_unit, first.unit_code) == ("50000000.00", "元", "382101")
    assert first.unit_name == "天津市滨海新区医疗保障局"
    assert rows(parsed["002"], 2)[3] == (
        None,
        "成本指标",
        "对定点医药机构现场检查的成本",
        "对定点医药机构现场检查的成本",
        "20万元",
    )


def test_dongli_markdown_markup_removed(parsed):
    first = rows(parsed["003"], 1)
    assert first[0] == (
        "产出指标",
        "数量指标",
        "基本医疗保险补助人数",
        "反映全区符合基本医疗保险补助条件的人数",
        "≥150000 人",
    )
    assert first[1][4] == "≥70%"


def test_dongli_table_split_by_page_break_is_one_table(parsed):
    split = project(parsed["003"], 3)
    assert split.header_repeats == 1
    assert split.title == "城乡居民基本医疗保险财政补助资金-市级资金-津财社指【2025】142号绩效目标表"
    assert len(rows(parsed["003"], 3)) == 13
    assert rows(parsed["003"], 3)[8] == (
        "效益指标",
        "经济效益指标",
        "实行按病种(组)、按人头付费等方式改革",
        "反映居民基本医疗补助对被补助人员生活的改善情况",
        "逐步推开",
    )


def test_dongli_other_funds_only(parsed):
    interest = project(parsed["003"], 6)
    assert (interest.budget, interest.fiscal, interest.other) == ("100", None, "100")
    assert project(parsed["003"], 7).unit_name == "天津市东丽区医疗保障服务中心"


def test_dongli_goal_in_the_label_cell(parsed):
    assert project(parsed["003"], 2).goal.startswith("1.通过实施城乡医疗救助符合规定的救助对象纳入救助范围")
    assert project(parsed["003"], 2).purpose == "用于拨付区级城乡居民医疗救助资金"


def test_tianchang_midterm_and_annual_side_by_side(parsed):
    first = project(parsed["004"], 1)
    assert (first.layout, first.budget, first.midterm_budget, first.fiscal, first.other) == (
        "dual_horizon",
        "240.00",
        "240.00",
        "240.00",
        "0.00",
    )
    assert first.unit_name == "天长市医疗保障基金管理中心"
    assert (first.project_attribute, first.amount_unit) == ("常年项目", "万元")
    assert len(rows(parsed["004"], 1, "annual")) == len(rows(parsed["004"], 1, "midterm")) == 9
    # Row 21: the mid-term 质量指标 label is missing in the export; the annual half prints it.
    assert rows(parsed["004"], 1, "midterm")[1] == (None, "质量指标", "提高服务质量", None, "提升")
    # Row 23: the annual half lost its target; it stays empty and is reported.
    assert rows(parsed["004"], 1, "annual")[3] == (None, "成本指标", "医保中心运行成本", None, None)
    assert any(i.line == 23 and "annual target missing" in i.message for i in parsed["004"].issues)


def test_tianchang_wrapped_row_is_joined(parsed):
    midterm = rows(parsed["004"], 4, "midterm")
    assert (None, "可持续影响指标", "财政足额保障", None, "持续保障") in midterm
    assert len(midterm) == 9
    # The annual half printed "财政足额 持续" in one cell and both tails on the next line.
    assert (None, "可持续影响指标", "财政足额保障", None, "持续保障") in rows(parsed["004"], 4, "annual")
    assert any(i.line == 116 and "wrapped" in i.message for i in parsed["004"].issues)


def test_tianchang_placeholder_rows_are_not_indicators(parsed):
    texts = {r.level3 for r in parsed["004"].indicators} | {r.target for r in parsed["004"].indicators}
    assert "....." not in texts and "……" not in texts
    assert sum("placeholder" in i.message for i in parsed["004"].issues) == 2


def test_tianchang_cut_off_table_is_reported(parsed):
    assert len(rows(parsed["004"], 6)) == 1
    assert any(i.table_seq == 6 and "cut off" in i.message for i in parsed["004"].issues)
