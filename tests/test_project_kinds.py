"""Project kinds: every sample project's normalised name, its kind, and the rule that assigned it."""

from __future__ import annotations

# Read name by name against the tables' purposes (预算规模及资金用途) and goals: a kind per normalised name.
HAND_CHECKED_KINDS = {
    "capacity_building": [
        "医保待遇调整、医疗服务价格调整、打击欺诈骗保等能力建设项目",
        "医保综合业务能力提升项目",
        "医保能力提升",
        "医疗服务与保障能力提升补助资金",
    ],
    "fund_supervision": [
        "付2023年天津市滨海新区医疗保障局医保基金第三方监管服务",
        "医保基金监管能力提升",
        "医保基金监管能力提升项目",
        "医保检查监管经费",
        "医保监督业务与能力提升项目",
        "医疗保障基金监管创新中心",
        "医疗保障基金监管创新中心运行维护项目",
        "基金监管专项经费",
        "基金监管能力提升",
        "现场稽核、内控检查、考察、调研、督导等业务租车费用",
        "第三方审计",
    ],
    "handling_services": [
        "医保公共服务建设",
        "医保关系转移接续费用",
        "医保经办业务能力提升项目",
        "医保经办工作能力提升项目",
        "医保经办能力提升和宣传项目",
        "医保结算业务与能力提升项目",
        "医疗保障服务热线中心（医疗保障经办能力建设中心）",
        "医疗保障服务热线中心（医疗保障经办能力建设中心）系统建设租赁维保项目",
        "医疗保障服务热线中心（医疗保障经办能力建设中心）运行维护项目",
        "医疗保障服务能力建设",
        "协议管理评估及论证费",
        "天津12393医疗保障热线运行维护项目",
        "天津12393医疗保障热线项目",
        "经办能力提升",
        "门诊特殊疾病专家鉴定费",
    ],
    "it_systems": [
        "医保信息化建设与运维项目",
        "医保刷卡维护费",
        "医保经办服务信息化建设项目",
        "历史档案数字化",
        "市本级医保经办机构办公用互联网项目",
        "经办服务体系信息系统建设",
        "网络租赁费",
        "网络运行维护费",
    ],
    "medical_assistance": [
        "困难群众医疗救助资金",
        "城乡医疗救助工作经费",
        "城乡医疗救助补助资金",
        "城乡居民医疗救助",
        "重特大疾病医疗保险和救助工程（代缴困难城乡居民医保）项目",
        "重特大疾病医疗保险和救助工程（城乡医疗救助）",
    ],
    "operations": [
        "专家评估劳务费",
        "其他交通费",
        "办公楼维修（护）费",
        "办公费",
        "医保中心运转",
        "医保工作经费",
        "印刷费",
        "基础设施维修维护费",
        "档案盒、档案皮",
        "法律顾问费",
        "涉法涉诉调查费用",
        "物业管理费",
        "综合业务会议费",
        "综合业务培训费",
        "综合业务经费",
    ],
    "payment_reform": [
        "医保支付方式改革",
        "医保支付方式改革和数据治理项目",
        "医保支付方式改革能力提升",
        "医保支付方式改革项目",
    ],
    "policy_management": [
        "医疗待遇保障专项经费",
        "医药服务管理专项经费",
    ],
    "procurement_pricing": [
        "3+N集采及落实国家集采专项",
        "3+N集采及落实国家集采项目",
        "京津冀“3+N”医药集中带量采购及落实国家集采专项",
        "医药价格和招标采购专项经费",
        "国家组织医用耗材集中招标采购宣传项目",
        "国家组织医用耗材集中招标采购平台项目",
        "国家组织高值医用耗材专项",
        "国家组织高值医用耗材联合采购平台建设落实工作专项",
        "天津市医药采购应用平台运行维护项目",
    ],
    "publicity": [
        "基本医保政策宣传",
        "宣传费",
        "慢性病就医政策宣传专用证",
    ],
    "resident_insurance_subsidy": [
        "城乡居民医疗保险补助资金",
        "城乡居民基本医疗保险",
        "城乡居民基本医疗保险财政补助",
        "城乡居民基本医疗保险财政补助资金",
        "重特大疾病医疗保险和救助工程（城乡居民医保）",
    ],
    "special_group_coverage": [
        "市属单位离休干部医药费",
        "市属困难企业医疗保险",
        "患者救治费用财政补助",
        "滨海新区事业单位人员补充医疗保险",
        "荣誉功勋奖励获得者医疗费用财政补助",
    ],
}


def test_at_least_nine_in_ten_projects_have_a_kind(marts):
    assigned, total = marts.execute("select count(project_kind), count(*) from marts.projects").fetchone()
    assert (assigned, total) == (123, 125)
    assert assigned / total >= 0.9


def test_each_kind_is_the_hand_checked_one(marts):
    rows = marts.execute(
        "select distinct project_name_normalised, project_kind from marts.projects where project_kind is not null"
    ).fetchall()
    expected = {name: kind for kind, names in HAND_CHECKED_KINDS.items() for name in names}
    assert dict(rows) == expected


def test_unmapped_projects_stay_visible(marts):
    rows = marts.execute(
        "select project_name_normalised, n_projects, example_project_name from marts.project_kinds_unmapped"
    ).fetchall()
    assert rows == [("银行利息", 2, "(自有资金) 银行利息")]


def test_every_kind_says_its_rule_and_english_label(marts):
    rows = marts.execute(
        """
        select distinct project_name, project_kind, project_kind_en, project_kind_rule from marts.projects
        where project_name in ('医保支付方式改革和数据治理项目-2025 年中央财政医疗服务与保障能力提升',
                               '2024年中央财政医疗服务与保障能力提升补助资金（第二批）',
                               '重特大疾病医疗保险和救助工程（代缴困难城乡居民医保）项目')
        order by project_name
        """
    ).fetchall()
    assert rows == [
        ("2024年中央财政医疗服务与保障能力提升补助资金（第二批）", "capacity_building", "Capacity building (general)",
         "capacity_fund_name"),
        ("医保支付方式改革和数据治理项目-2025 年中央财政医疗服务与保障能力提升", "payment_reform",
         "Payment method reform", "payment"),
        ("重特大疾病医疗保险和救助工程（代缴困难城乡居民医保）项目", "medical_assistance", "Medical assistance",
         "assistance_contribution"),
    ]  # fmt: skip


def test_names_split_into_their_parts(marts):
    rows = marts.execute(
        """
        select project_name, project_name_normalised, funding_source, batch, name_year, is_named_after_fund
        from marts.projects
        where project_name in ('医保能力提升-01 中央直达资金-2024 年医疗服务与保障能力提升补助资金（第二批）',
                               '城乡医疗救助补助资金（2025 年市级福彩）', '2025 年区级城乡居民基本医疗保险')
        order by project_name
        """
    ).fetchall()
    assert rows == [
        ("2025 年区级城乡居民基本医疗保险", "城乡居民基本医疗保险", "区级", None, 2025, False),
        ("医保能力提升-01 中央直达资金-2024 年医疗服务与保障能力提升补助资金（第二批）", "医保能力提升",
         "01中央直达资金-医疗服务与保障能力提升补助资金", "第二批", 2024, False),
        ("城乡医疗救助补助资金（2025 年市级福彩）", "城乡医疗救助补助资金", "市级福彩", None, 2025, True),
    ]  # fmt: skip


def test_a_multi_year_total_is_flagged_and_annualised(marts):
    rows = marts.execute(
        "select project_name, budget_yuan, period_start_year, period_end_year, annual_budget_yuan from marts.projects "
        "where is_multi_year"
    ).fetchall()
    from decimal import Decimal

    assert rows == [("2024年-2026年滨海新区事业单位人员补充医疗保险", Decimal("50000000.00"), 2024, 2026,
                     Decimal("16666666.67"))]  # fmt: skip
