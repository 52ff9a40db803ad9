"""Document-level facts, department goals and the accounting of every table block."""

from __future__ import annotations

from collections import Counter

import pytest


@pytest.mark.parametrize(
    ("prefix", "issuer", "year"),
    [
        ("000", "天津市医疗保障局", 2025),
        ("001", "唐山市医疗保障局", 2025),
        ("002", "天津市滨海新区医疗保障局", 2026),
        ("003", "天津市东丽区医疗保障局", 2026),
        ("004", "天长市医疗保障基金管理中心", 2023),
    ],
)
def test_issuer_and_budget_year(parsed, prefix, issuer, year):
    assert (parsed[prefix].meta.issuer, parsed[prefix].meta.budget_year) == (issuer, year)


def test_budget_year_says_where_it_came_from(parsed):
    assert parsed["000"].meta.budget_year_basis == "title: (2025年)"
    assert parsed["002"].meta.budget_year_basis == "most common year in 时效指标 targets (3 of 3)"


def test_tangshan_department_goals(parsed):
    goals = parsed["001"].department_goals
    assert len(goals) == 8
    assert goals[0].goal_seq == 0 and goals[0].goal.startswith("加强基金监管，建立健全医疗保障基金安全防控机制")
    assert goals[1].title == "做好定点医疗机构专项治理工作"
    assert (
        goals[1].goal
        == "加强对定点医药机构的检查、巡查力度，加大对违规问题的处理力度，努力营造规范使用医保基金的浓厚氛围。"
    )
    assert goals[6].indicators == "网络业务系统故障处理率100%；医保电子凭证激活使用率60%以上。"
    assert goals[7].title == "稳步推进唐山市医疗保障局路南区、路北区、开平区、古冶区分局工作"


def test_every_table_block_is_accounted_for(parsed):
    kinds = Counter(table.kind for table in parsed["003"].tables)
    assert kinds == {"budget_disclosure": 10, "project_performance": 7, "table_of_contents": 1}
    titles = [t.title for t in parsed["003"].tables if t.kind == "budget_disclosure"]
    assert titles[0] == "预算公开表1 部门收支总体情况表"
    assert titles[-1] == "预算公开表10 项目支出表"
    assert parsed["003"].layouts == ("project_performance", "budget_disclosure")
    assert parsed["001"].layouts == ("project_performance", "department_goals")


def test_table_of_contents_is_not_a_table_of_projects(parsed):
    # 000 opens with a 55-entry table of contents; none of it becomes a project.
    assert parsed["000"].projects[0].first_line == 78


def _meta(*lines: str):
    from ingest.document import Document, Paragraph
    from ingest.layouts.document_meta import read_meta

    document = Document("x.txt", "text/tsv", tuple(Paragraph(text=line, line=n) for n, line in enumerate(lines, 1)))
    meta = read_meta(document, (), ())
    return meta.issuer, meta.budget_year, meta.doc_kind, meta.issuer_basis


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A web mirror's page metadata before the title: the date is not the year, the 发布机构 is the issuer.
        (
            [
                "索引号：11510900MB1234567X/2024-00012",
                "发布机构：遂宁市医疗保障局",
                "发文日期：2024-09-03",
                "遂宁市医疗保障局2023年度部门决算",
            ],
            ("遂宁市医疗保障局", 2023, "final_accounts", "label: 发布机构：遂宁市医疗保障局"),
        ),
        (
            ["湘西土家族苗族自治州医疗保险管理中心2023年度部门决算"],
            (
                "湘西土家族苗族自治州医疗保险管理中心",
                2023,
                "final_accounts",
                "title: 湘西土家族苗族自治州医疗保险管理中心2023年度部门决算",
            ),
        ),
        (
            ["第一部分 大理市医疗保障事务中心概况", "2024年部门预算"],
            ("大理市医疗保障事务中心", 2024, "budget", "title: 第一部分 大理市医疗保障事务中心概况"),
        ),
        (
            ["2023年度项目支出绩效自评表", "部门（单位）：柳州市医疗保障局（本级）"],
            ("柳州市医疗保障局", 2023, "self_evaluation", "label: 部门（单位）：柳州市医疗保障局（本级）"),
        ),
        (
            ["填报单位：银川市医疗保障服务中心", "（2024年度）"],
            ("银川市医疗保障服务中心", 2024, None, "label: 填报单位：银川市医疗保障服务中心"),
        ),
    ],
)
def test_issuer_year_and_kind_wherever_they_are_printed(lines, expected):
    assert _meta(*lines) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Departments of any kind, named by a labelled line of the cover (no issuer kind in the name).
        (
            ["上海市普陀区2025年区级部门预算", "预算主管部门：上海市普陀区商务委员会"],
            ("上海市普陀区商务委员会", 2025, "budget", "label: 预算主管部门：上海市普陀区商务委员会"),
        ),
        (
            ["上海市普陀区2026年区级单位预算", "预算单位： 上海市普陀区司法局"],
            ("上海市普陀区司法局", 2026, "budget", "label: 预算单位： 上海市普陀区司法局"),
        ),
        # A cover broken over lines: the name before its year and kind.
        (
            ["中共上海市普陀区委", "社会工作部 2024 年度", "部门决算", "目 录"],
            (
                "中共上海市普陀区委社会工作部",
                2024,
                "final_accounts",
                "cover: 中共上海市普陀区委社会工作部2024年度部门决算",
            ),
        ),
        # The year alone on the line under a title that names the kind without it.
        (
            ["上海市普陀区社会福利院", "年度单位决算", "2024", "目 录"],
            ("上海市普陀区社会福利院", 2024, "final_accounts", "cover: 上海市普陀区社会福利院年度单位决算"),
        ),
        (
            ["目 录", "第一部分 上海市普陀区人民政府办公室概况"],
            ("上海市普陀区人民政府办公室", None, None, "title: 第一部分 上海市普陀区人民政府办公室概况"),
        ),
        # A cover that names a district, not a department, names no issuer.
        (["上海市普陀区2023年区级部门预算"], (None, 2023, "budget", None)),
    ],
)
def test_issuer_of_any_department(lines, expected):
    assert _meta(*lines) == expected


@pytest.mark.parametrize(
    ("lines", "issuer", "co_issuers"),
    [
        (
            ["遂宁市财政局 遂宁市医疗保障局关于下达2024年医疗服务与保障能力提升补助资金的通知"],
            "遂宁市医疗保障局",
            "遂宁市财政局",
        ),
        (["发布机构：遂宁市财政局、遂宁市医疗保险管理中心"], "遂宁市医疗保险管理中心", "遂宁市财政局"),
        (
            ["大英县财政局和大英县医疗保障事务中心关于做好2024年医疗救助工作的通知"],
            "大英县医疗保障事务中心",
            "大英县财政局",
        ),
        (["昌吉回族自治州财政局", "2024年医疗服务与保障能力提升补助资金区域绩效目标表"], "昌吉回族自治州财政局", None),
        # Another body named in the title is not a co-issuer.
        (["遂宁市医疗保障局关于转发遂宁市财政局通知的通知"], "遂宁市医疗保障局", None),
    ],
)
def test_joint_notice_takes_the_medical_insurance_body_as_issuer(lines, issuer, co_issuers):
    from ingest.document import Document, Paragraph
    from ingest.layouts.document_meta import read_meta

    document = Document("x.txt", "text/tsv", tuple(Paragraph(text=line, line=n) for n, line in enumerate(lines, 1)))
    meta = read_meta(document, (), ())
    assert (meta.issuer, meta.co_issuers) == (issuer, co_issuers)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_joint_notice_rendered(tmp_path, fmt):
    from district_documents import joint_notice

    from ingest.layouts import parse_document
    from ingest.readers import read_document
    from render_templates import RENDERERS

    path = tmp_path / f"notice.{fmt}"
    path.write_bytes(RENDERERS[fmt](joint_notice()))
    parsed = parse_document(read_document(path))
    assert (parsed.meta.issuer, parsed.meta.co_issuers, parsed.meta.budget_year) == (
        "遂宁市医疗保障局",
        "遂宁市财政局",
        2024,
    )
    assert parsed.meta.issuer_basis.startswith("title: 遂宁市财政局 遂宁市医疗保障局关于下达")
    assert [(p.project_name, p.table_kind) for p in parsed.projects] == [
        ("医疗服务与保障能力提升补助资金", "transfer_target")
    ]
