"""The templates of the field guide as small documents (paragraphs and ruled grids), rendered by the tests.

Each is modelled on what bureaus of one province publish; the values are invented but printed the way the real
tables print them (labels sharing a cell with their value, bracketed notes, split comparator columns, bare 一级
labels, a 金额合计 line, a 总分 row).
"""

from __future__ import annotations

from render_templates import Grid


def _span_row(row: int, first: int, last: int):
    return ((first, row), (last, row))


def mof_application() -> list:
    """项目支出绩效目标申报表 (MoF template, Sichuan): 主管部门及代码, 实施单位（盖章）, 项目期, label:value cells."""

    def project(name, supervisor, unit, budget, fiscal, other, goal, rows):
        grid = [
            ["项目名称", name, "", "", ""],
            ["主管部门及代码", supervisor, "", "实施单位（盖章）", unit],
            ["项目属性", "延续项目", "", "项目期", "1年"],
            ["项目资金（万元）", f"年度资金总额：{budget}", "", "", ""],
            ["", "其中：财政拨款", fiscal, "", ""],
            ["", "其他资金", other, "", ""],
            ["总体目标", f"年度目标：{goal}", "", "", ""],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值（包含数字及文字描述）"],
            *rows,
        ]
        spans = [_span_row(0, 1, 4), _span_row(1, 1, 2), _span_row(2, 1, 2), _span_row(3, 1, 4),
                 ((0, 3), (0, 5)), _span_row(6, 1, 4), ((0, 7), (0, len(grid) - 1))]  # fmt: skip
        return Grid(grid, spans)

    return [
        "四川省遂宁市大英县医疗保障局",
        "2024年项目支出绩效目标申报表",
        "（2024年度）",
        project(
            "城乡居民医保参保工作经费",
            "[510923]大英县医疗保障局",
            "大英县医疗保险服务中心",
            "520.00",
            "520.00",
            "0.00",
            "做好城乡居民医保参保扩面工作，参保率稳定在95%以上。",
            [
                ["", "产出指标", "数量指标", "城乡居民参保人数", "≥36万人"],
                ["", "", "质量指标", "参保率", "≥95%"],
                ["", "", "时效指标", "参保登记完成时间", "2024年12月底前"],
                ["", "", "成本指标", "参保宣传成本", "≤20万元"],
                ["", "效益指标", "社会效益指标", "群众参保意识", "有效提升"],
                ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"],
            ],
        ),  # fmt: skip
        project(
            "51092322T000000431501-医疗救助资金",
            "[510923]大英县医疗保障局",
            "大英县医疗保障局",
            "1,280.50",
            "1,200.00",
            "80.50",
            "资助困难群众参保，落实医疗救助政策。",
            [
                ["", "产出指标", "数量指标", "资助参保人数", "≥1.2万人"],
                ["", "", "质量指标", "救助政策落实率", "100%"],
                ["", "效益指标", "社会效益指标", "困难群众医疗负担", "有效减轻"],
                ["", "满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%"],
            ],
        ),  # fmt: skip
    ]


def split_target() -> list:
    """Comparator, value and unit in their own columns (Anhui/Zhejiang), a two-row header, bare 一级 labels, 元."""
    grid = [
        ["项目名称", "医疗保障基金监管专项", "", "", "", "", "", ""],
        ["预算数", "1,250,000.00", "其中：财政资金", "1,250,000.00", "其他资金", "", "", ""],
        ["绩效目标", "开展定点医药机构全覆盖检查，守护医保基金安全。", "", "", "", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "", "", "权重", "是否核心指标"],
        ["", "", "", "指标性质", "指标值", "度量单位", "", ""],
        ["产出", "数量", "定点医药机构检查覆盖率", "≥", "100", "%", "20", "是"],
        ["", "", "专项检查次数", "≥", "4", "次", "10", "否"],
        ["", "质量", "违规问题整改率", "=", "100", "%", "15", "是"],
        ["", "时效", "检查完成时间", "≤", "2025年11月", "", "10", "否"],
        ["", "成本", "检查经费", "≤", "125", "万元", "10", "否"],
        ["效益", "社会效益", "医保基金安全运行", "定性", "有效保障", "", "20", "是"],
        ["满意度", "服务对象满意度", "参保群众满意度", "≥", "90", "%", "15", "否"],
    ]
    spans = [_span_row(0, 1, 7), _span_row(1, 5, 7), _span_row(2, 1, 7), _span_row(3, 3, 5),
             ((0, 3), (0, 4)), ((1, 3), (1, 4)), ((2, 3), (2, 4)), ((6, 3), (6, 4)), ((7, 3), (7, 4)),
             ((0, 5), (0, 9)), ((1, 5), (1, 6))]  # fmt: skip
    return [
        "滁州市医疗保障局",
        "2025年度项目支出绩效目标表",
        "预算单位：滁州市医疗保障局（本级）    单位：元",
        Grid(grid, spans),
    ]


def transfer_payment() -> list:
    """转移支付 区域绩效目标表 (Xinjiang): 中央主管部门 / 地方主管部门, 资金使用单位, 中央补助 / 地方资金."""
    grid = [
        ["转移支付（项目）名称", "医疗服务与保障能力提升补助资金", "", "", ""],
        ["中央主管部门", "国家医疗保障局", "地方主管部门", "昌吉回族自治州医疗保障局", ""],
        ["资金使用单位", "昌吉回族自治州医疗保障局", "", "", ""],
        ["资金情况（万元）", "年度金额：", "1000.00", "", ""],
        ["", "其中：中央补助", "680.00", "", ""],
        ["", "地方资金", "320.00", "", ""],
        ["", "其他资金", "0.00", "", ""],
        ["年度目标", "提升医保经办服务能力和基金监管能力，推进医保信息化标准化建设。", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "医保经办人员培训人次", "≥500人次"],
        ["", "", "质量指标", "医保信息平台运行稳定率", "≥99%"],
        ["", "效益指标", "社会效益指标", "医保服务便民程度", "明显提高"],
        ["", "满意度指标", "服务对象满意度指标", "参保人员满意度", "≥85%"],
    ]
    spans = [_span_row(0, 1, 4), _span_row(1, 3, 4), _span_row(2, 1, 4), ((0, 3), (0, 6)), _span_row(7, 1, 4),
             ((0, 8), (0, 12))]  # fmt: skip
    return [
        "昌吉回族自治州财政局",
        "2024年医疗服务与保障能力提升补助资金区域绩效目标表",
        Grid(grid, spans),
    ]


def department_targets() -> list:
    """部门整体支出绩效目标表 (Chongqing): 部门（单位）名称, 年度主要任务 with amounts and 金额合计, indicators."""
    grid = [
        ["部门（单位）名称", "重庆市渝北区医疗保障局", "", "", "", ""],
        ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", "", ""],
        ["", "", "", "总额", "财政拨款", "其他资金"],
        ["", "医保基金监管", "开展定点医药机构现场检查和专项治理", "120.00", "120.00", "0.00"],
        ["", "医保经办服务", "保障经办窗口正常运行", "80.50", "80.50", ""],
        ["", "信息化运维", "医保信息平台运行维护", "200.00", "180.00", "20.00"],
        ["", "金额合计", "", "400.50", "380.50", "20.00"],
        ["年度总体目标", "加强医保基金监管，提升经办服务水平，保障医保信息平台安全稳定运行。", "", "", "", ""],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", ""],
        ["", "产出指标", "数量指标", "定点医药机构检查数量", "≥300家", ""],
        ["", "", "时效指标", "医保待遇按时支付率", "100%", ""],
        ["", "效益指标", "社会效益指标", "欺诈骗保行为", "有效遏制", ""],
        ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", ""],
    ]
    spans = [_span_row(0, 1, 5), _span_row(1, 3, 5), ((1, 1), (1, 2)), ((2, 1), (2, 2)), ((0, 1), (0, 6)),
             _span_row(7, 1, 5), ((0, 8), (0, 12))] + [_span_row(row, 4, 5) for row in range(8, 13)]  # fmt: skip
    return ["重庆市渝北区医疗保障局", "2025年部门整体支出绩效目标表", Grid(grid, spans)]


def _self_evaluation(first: list[list[str]], budget_rows: list[list[str]], goals: tuple[str, str], indicators, total):
    grid = [
        *first,
        ["项目资金（万元）" if first[0][0] == "项目名称" else "部门资金（万元）", "", "", "年初预算数", "全年预算数",
         "全年执行数", "分值", "执行率", "得分"],
        *budget_rows,
        ["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""],
        ["", goals[0], "", "", "", goals[1], "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        *indicators,
        ["总分", "", "", "", "", "", total[0], total[1], ""],
    ]  # fmt: skip
    n_budget, top = len(budget_rows), len(first)
    goal_row = top + 1 + n_budget
    spans = [_span_row(0, 1, 8), ((0, top), (0, top + n_budget)), _span_row(top, 1, 2)]
    spans += [_span_row(1, 1, 4), _span_row(1, 6, 8)] if top > 1 else []
    spans += [_span_row(row, 1, 2) for row in range(top + 1, top + 1 + n_budget)]
    spans += [((0, goal_row), (0, goal_row + 1)), _span_row(goal_row, 1, 4), _span_row(goal_row, 5, 8),
              _span_row(goal_row + 1, 1, 4), _span_row(goal_row + 1, 5, 8),
              ((0, goal_row + 2), (0, goal_row + 2 + len(indicators))), _span_row(len(grid) - 1, 0, 5)]  # fmt: skip
    return Grid(grid, spans, landscape=True)


def project_self_evaluation() -> list:
    """项目支出绩效自评表: budget block, goals expected vs achieved, actuals, scores, reasons, 总分."""
    first = [
        ["项目名称", "城乡医疗救助资金", "", "", "", "", "", "", ""],
        ["主管部门", "天津市河西区医疗保障局", "", "", "", "实施单位", "天津市河西区医疗保障事务中心", "", ""],
    ]
    budget = [
        ["", "年度资金总额", "", "500.00", "520.00", "494.00", "10", "95.00%", "9.5"],
        ["", "其中：当年财政拨款", "", "500.00", "520.00", "494.00", "—", "95.00%", "—"],
        ["", "上年结转资金", "", "0.00", "0.00", "0.00", "—", "—", "—"],
        ["", "其他资金", "", "0.00", "0.00", "0.00", "—", "—", "—"],
    ]
    indicators = [
        ["", "产出指标", "数量指标", "资助参保人数", "≥12000人", "12500人", "20", "20", ""],
        ["", "", "质量指标", "救助政策知晓率", "≥90%", "85%", "15", "12", "宣传覆盖不足，下一年度加强政策宣传"],
        ["", "", "时效指标", "救助资金拨付时间", "2023年12月底前", "2023年12月20日", "15", "15", ""],
        ["", "效益指标", "社会效益指标", "困难群众医疗负担", "有效减轻", "有效减轻", "20", "20", ""],
        ["", "满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "93%", "20", "20", ""],
    ]
    return [
        "天津市河西区医疗保障局",
        "2023年度项目支出绩效自评表",
        _self_evaluation(first, budget, ("保障困难群众基本医疗需求，资助参保全覆盖。",
                                         "全年资助参保12500人，医疗救助及时足额拨付。"), indicators, ("100", "96.5")),
    ]  # fmt: skip


def department_self_evaluation() -> list:
    """部门整体支出绩效自评表: the department's budget block and indicators with their results."""
    first = [["部门（单位）名称", "天长市医疗保障局", "", "", "", "", "", "", ""]]
    budget = [
        ["", "年度资金总额", "", "1,200.00", "1,350.00", "1,323.00", "10", "98.00%", "9.8"],
        ["", "其中：当年财政拨款", "", "1,200.00", "1,300.00", "1,274.00", "—", "98.00%", "—"],
        ["", "其他资金", "", "0.00", "50.00", "49.00", "—", "98.00%", "—"],
    ]
    indicators = [
        ["", "产出指标", "数量指标", "定点医药机构检查覆盖率", "100%", "100%", "30", "30", ""],
        ["", "效益指标", "社会效益指标", "基金安全运行", "持续保障", "持续保障", "30", "30", ""],
        ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "88%", "30", "25", "窗口等候时间偏长"],
    ]
    return [
        "天长市医疗保障局",
        "2023年度部门整体支出绩效自评表",
        _self_evaluation(first, budget, ("管好用好医保基金。", "基金运行平稳，监管全覆盖。"), indicators,
                         ("100", "94.8")),
    ]  # fmt: skip


EXPORT_HEADER = ["预算年度", "单位名称", "项目编码", "项目名称", "资金总额（万元）", "其中：财政拨款（万元）",
                 "一级指标", "二级指标", "三级指标", "指标值", "年度绩效目标"]  # fmt: skip


def indicator_export() -> list:
    """预算管理一体化 export: one row per indicator, the project repeated on every row (Guangdong)."""
    goal_a = "保障医保经办窗口正常运转"
    goal_b = "完成医保信息系统运维"
    rows = [
        ["2025", "广州市海珠区医疗保障局", "440105250000000001", "经办服务运转经费", "35.60", "35.60", "产出指标",
         "数量指标", "窗口服务人次", "≥5万人次", goal_a],
        ["2025", "广州市海珠区医疗保障局", "440105250000000001", "经办服务运转经费", "35.60", "35.60", "产出指标",
         "时效指标", "业务办结时限", "≤5个工作日", goal_a],
        ["2025", "广州市海珠区医疗保障局", "440105250000000001", "经办服务运转经费", "35.60", "35.60", "满意度指标",
         "服务对象满意度指标", "办事群众满意度", "≥95%", goal_a],
        ["2025", "广州市海珠区医疗保障局", "440105250000000002", "医保信息系统运维", "120.00", "100.00", "产出指标",
         "质量指标", "系统正常运行率", "≥99%", goal_b],
        ["2025", "广州市海珠区医疗保障局", "440105250000000002", "医保信息系统运维", "120.00", "100.00", "效益指标",
         "社会效益指标", "医保业务线上办理", "逐步提高", goal_b],
    ]  # fmt: skip
    return ["广州市海珠区医疗保障局2025年项目支出绩效目标", Grid([EXPORT_HEADER, *rows], landscape=True)]


def unknown_labels() -> list:
    """A target table whose project and target labels no vocabulary lists yet (资金项目名称, 考核目标值)."""
    grid = [
        ["资金项目名称", "医保宣传经费", "", ""],
        ["预算数", "12.00", "其中：财政资金", "12.00"],
        ["一级指标", "二级指标", "三级指标", "考核目标值"],
        ["产出指标", "数量指标", "宣传活动场次", "≥10场"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ]
    return ["湖南省湘潭市医疗保障局", "2025年项目支出绩效目标表", "单位：万元", Grid(grid, [_span_row(0, 1, 3)])]


MONITORING_INDICATOR_HEADER = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行情况", "全年预计完成情况",
     "偏差原因分析", "", "", "", "", "完成目标可能性", "", "", "原因说明"],
    ["", "", "", "", "", "", "", "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "确定能", "有可能",
     "完全不可能", ""],
]  # fmt: skip


def _monitoring_row(level1, level2, level3, target, progress, forecast, causes=(), likely="确定能", reason=""):
    """An indicator row of the MoF monitoring table: causes and likelihood ticked (√) under their headers."""
    ticks = ["√" if cause in causes else "" for cause in MONITORING_INDICATOR_HEADER[1][7:12]]
    chances = ["√" if chance == likely else "" for chance in MONITORING_INDICATOR_HEADER[1][12:15]]
    return ["", level1, level2, level3, target, progress, forecast, *ticks, *chances, reason]


def _monitoring_table(name, supervisor, unit, budget, goals, indicators) -> Grid:
    blank = [""] * 10
    grid = [
        ["项目名称", name, *[""] * 14],
        ["主管部门及代码", supervisor, "", "", "", "", "", "", "实施单位", unit, *[""] * 6],
        ["项目资金（万元）", "", "年初预算数", "1-7月执行数", "1-7月执行率", "全年预计执行数", *blank],
        *[["", label, *amounts, *blank] for label, *amounts in budget],
        ["年度总体目标", "年初设定目标", "", "", "", "", "", "", "1-7月目标完成情况", *[""] * 7],
        ["", goals[0], "", "", "", "", "", "", goals[1], *[""] * 7],
        *MONITORING_INDICATOR_HEADER,
        *indicators,
    ]
    goal_row = 3 + len(budget)
    header = goal_row + 2
    spans = [_span_row(0, 1, 15), _span_row(1, 1, 7), _span_row(1, 9, 15), ((0, 2), (0, goal_row - 1)),
             *[_span_row(row, 5, 15) for row in range(2, goal_row)], ((0, goal_row), (0, goal_row + 1)),
             *[_span_row(row, 1, 7) for row in (goal_row, goal_row + 1)],
             *[_span_row(row, 8, 15) for row in (goal_row, goal_row + 1)],
             ((0, header), (0, len(grid) - 1)), *[((column, header), (column, header + 1)) for column in range(1, 7)],
             _span_row(header, 7, 11), _span_row(header, 12, 14), ((15, header), (15, header + 1))]  # fmt: skip
    return Grid(grid, spans, landscape=True)


def project_monitoring() -> list:
    """项目支出绩效运行监控表 (MoF template, Sichuan, to the end of July): budget block with 1-7月执行数 / 执行率 /
    全年预计执行数, the overall goal's progress, per indicator 1-7月执行情况 and 全年预计完成情况, the causes of a
    deviation and the likelihood of meeting the target ticked under their headers, and 原因说明."""
    first = _monitoring_table(
        "城乡居民医保参保工作经费",
        "[510923]大英县医疗保障局",
        "大英县医疗保险服务中心",
        [["年度资金总额", "520.00", "310.00", "59.62%", "520.00"],
         ["其中：当年财政拨款", "520.00", "310.00", "59.62%", "520.00"],
         ["上年结转资金", "0.00", "0.00", "—", "0.00"],
         ["其他资金", "0.00", "0.00", "—", "0.00"]],
        ("做好城乡居民医保参保扩面工作，参保率稳定在95%以上。", "已完成参保登记31.2万人，参保率93.8%。"),
        [_monitoring_row("产出指标", "数量指标", "城乡居民参保人数", "≥36万人", "31.2万人", "36.3万人"),
         _monitoring_row("", "质量指标", "参保率", "≥95%", "93.8%", "95.2%"),
         _monitoring_row("", "成本指标", "参保宣传成本", "≤20万元", "8.6万元", "19.5万元"),
         _monitoring_row("效益指标", "社会效益指标", "群众参保意识", "有效提升", "逐步提升", "有效提升",
                         ("经费保障", "人员保障"), "有可能", "宣传经费到位较晚，乡镇经办人员不足，下半年加强入户宣传"),
         _monitoring_row("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "88%", "≥90%",
                         ("其他",), "有可能", "满意度调查在第四季度开展")],
    )  # fmt: skip
    second = _monitoring_table(
        "51092322T000000431501-医疗救助资金",
        "[510923]大英县医疗保障局",
        "大英县医疗保障局",
        [["年度资金总额", "1,280.50", "1,050.00", "82.00%", "1,280.50"],
         ["其中：当年财政拨款", "1,200.00", "1,000.00", "83.33%", "1,200.00"],
         ["其他资金", "80.50", "50.00", "62.11%", "80.50"]],
        ("资助困难群众参保，落实医疗救助政策。", "资助参保1.18万人，救助资金按月拨付。"),
        [_monitoring_row("产出指标", "数量指标", "资助参保人数", "≥1.2万人", "1.18万人", "1.2万人"),
         _monitoring_row("效益指标", "社会效益指标", "困难群众医疗负担", "有效减轻", "有效减轻", "有效减轻"),
         _monitoring_row("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "—", "≥90%",
                         ("制度保障",), "完全不可能", "上级未下达满意度调查办法")],
    )  # fmt: skip
    return ["四川省遂宁市大英县医疗保障局", "2024年项目支出绩效运行监控表", "（2024年度）", first, second]


def monitoring_plain() -> list:
    """A county's 绩效运行监控表 to the end of August (Hunan): one header row, the likelihood and the reason printed."""
    grid = [
        ["项目名称", "医保基金监管专项经费", "", "", "", "", "", ""],
        ["实施单位", "湘潭市雨湖区医疗保障局", "", "", "", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "1-8月执行数", "1-8月执行率", "全年预计执行数", "", ""],
        ["", "年度资金总额", "60.00", "41.50", "69.17%", "60.00", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "1-8月执行情况", "全年预计完成情况", "偏差原因",
         "完成目标可能性"],
        ["产出指标", "数量指标", "定点医药机构检查覆盖率", "100%", "72%", "100%", "", "确定能"],
        ["", "时效指标", "违规问题整改完成时间", "2025年11月底前", "整改完成65%", "2025年12月底前",
         "部分机构整改周期长", "有可能"],
        ["效益指标", "社会效益指标", "医保基金安全运行", "有效保障", "有效保障", "有效保障", "", "确定能"],
        ["满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "91%", "≥90%", "", "确定能"],
    ]  # fmt: skip
    spans = [_span_row(0, 1, 7), _span_row(1, 1, 7), ((0, 2), (0, 3)), _span_row(2, 5, 7), _span_row(3, 5, 7)]
    return ["湘潭市雨湖区医疗保障局", "2025年项目支出绩效运行监控表", "单位：万元", Grid(grid, spans, landscape=True)]


TEMPLATES = {
    "mof_application": mof_application,
    "split_target": split_target,
    "transfer_payment": transfer_payment,
    "department_targets": department_targets,
    "project_self_evaluation": project_self_evaluation,
    "department_self_evaluation": department_self_evaluation,
    "indicator_export": indicator_export,
    "project_monitoring": project_monitoring,
    "monitoring_plain": monitoring_plain,
}
