"""Shapes of real web publications (the excerpts a web mirror keeps), each as the mirror prints it and as a document
with real merged cells, and the exact records both must give.

- self_evaluation: a 项目支出绩效自评表 with split 指标性质 | 指标值 | 度量单位 | 分值 columns, 一级 labels carrying
  their weights (产出指标（50分）) and a second table whose 一级 is 项目完成 (two whole labels in a row must not glue:
  数量指标时效指标); mirrored as a pipe table, and as XLSX.
- transfer: a 转移支付 自评表 whose tall 一级 cells broke over two lines in the mirror (产出 / 指标 on the rows they
  span: a row with its own 二级, 三级指标 and values is never a continuation); as pipes, and as PDF.
- budget_targets: a 部门预算项目支出绩效目标表, one cell per line (cell_bars), each 一级 label printed once on its own
  short row (产 出 指 标 |) above the rows it spans; as cell bars, and as DOCX.
- final_accounts_opening: a 决算 web page whose tables are attachments: 目录, narrative amounts; as text and HTML.

Values are invented, printed the way the bureaus print them.
"""

from __future__ import annotations

from render_templates import Grid
from templates import _span_row

# --- self_evaluation: split target columns, weights in the 一级 labels, an unknown-to-the-taxonomy 一级 -----------

SELF_EVALUATION_HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值", "实际完成值",
                          "得分", "偏差原因分析及改进措施"]  # fmt: skip


def _self_evaluation_grid(name: str, unit: str, budget: list[list[str]], indicators: list[list[str]],
                          total: tuple[str, str]) -> Grid:  # fmt: skip
    grid = [
        ["项目名称", name, "", "", "", "", "", "", "", ""],
        ["主管部门", "宣城市医疗保障局", "", "", "", "实施单位", unit, "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "", ""],
        *budget,
        SELF_EVALUATION_HEADER,
        *indicators,
        ["总分", "", "", "", "", "", total[0], "", total[1], ""],
    ]
    top = 3 + len(budget)
    spans = [_span_row(0, 1, 9), _span_row(1, 1, 4), _span_row(1, 6, 9), _span_row(2, 0, 1),
             *[_span_row(row, 7, 9) for row in range(2, top)], _span_row(len(grid) - 1, 0, 5)]  # fmt: skip
    first = top + 1
    for row in range(first, first + len(indicators)):  # each 一级 cell spans down to the next label
        if indicators[row - first][0]:
            last = row
            while last + 1 < first + len(indicators) and not indicators[last + 1 - first][0]:
                last += 1
            if last > row:
                spans.append(((0, row), (0, last)))
    return Grid(grid, spans, landscape=True)


SELF_EVALUATION_BLOCKS = [
    "宣城市医疗保障局",
    "2023年度项目支出绩效自评表",
    _self_evaluation_grid(
        "医疗保障基金监管专项",
        "宣城市医疗保障基金中心",
        [["", "年度资金总额", "80.00", "80.00", "76.00", "10", "95.00%", "9.5", "", ""],
         ["", "其中：当年财政拨款", "80.00", "80.00", "76.00", "—", "95.00%", "—", "", ""],
         ["", "其他资金", "0.00", "0.00", "0.00", "—", "—", "—", "", ""]],
        [["产出指标（50分）", "数量指标", "定点医药机构检查覆盖率", "≥", "100", "%", "20", "100%", "20", ""],
         ["", "质量指标", "违规问题整改率", "=", "100", "%", "15", "98%", "14", "个别机构整改滞后，已督促整改"],
         ["", "时效指标", "检查完成时间", "≤", "11", "月", "15", "11月", "15", ""],
         ["效益指标（30分）", "社会效益指标", "医保基金安全运行", "定性", "有效保障", "", "30", "有效保障", "30", ""],
         ["满意度指标（10分）", "服务对象满意度指标", "参保群众满意度", "≥", "90", "%", "10", "92%", "10", ""]],
        ("100", "98.5"),
    ),
    _self_evaluation_grid(
        "医保经办服务能力提升",
        "宣城市医疗保障服务中心",
        [["", "年度资金总额", "25.00", "25.00", "25.00", "10", "100.00%", "10", "", ""]],
        [["项目完成", "数量指标", "经办窗口改造数量", "≥", "6", "个", "30", "6个", "30", ""],
         ["", "时效指标", "改造完成时间", "≤", "9", "月", "20", "9月", "20", ""],
         ["效益指标", "可持续影响指标", "经办服务能力", "定性", "持续提升", "", "30", "持续提升", "30", ""],
         ["满意度指标", "服务对象满意度指标", "办事群众满意度", "≥", "95", "%", "20", "96%", "20", ""]],
        ("100", "100"),
    ),
]  # fmt: skip

# The mirror: rows as pipe-separated lines without outer pipes, a merged cell's covered cells blank.
SELF_EVALUATION_TEXT = """\
宣城市医疗保障局
2023年度项目支出绩效自评表
项目名称 | 医疗保障基金监管专项 |  |  |  |  |  |  |  |
主管部门 | 宣城市医疗保障局 |  |  |  | 实施单位 | 宣城市医疗保障基金中心 |  |  |
项目资金（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |  |
 | 年度资金总额 | 80.00 | 80.00 | 76.00 | 10 | 95.00% | 9.5 |  |
 | 其中：当年财政拨款 | 80.00 | 80.00 | 76.00 | — | 95.00% | — |  |
 | 其他资金 | 0.00 | 0.00 | 0.00 | — | — | — |  |
一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 分值 | 实际完成值 | 得分 | 偏差原因分析及改进措施
产出指标（50分） | 数量指标 | 定点医药机构检查覆盖率 | ≥ | 100 | % | 20 | 100% | 20 |
 | 质量指标 | 违规问题整改率 | = | 100 | % | 15 | 98% | 14 | 个别机构整改滞后，已督促整改
 | 时效指标 | 检查完成时间 | ≤ | 11 | 月 | 15 | 11月 | 15 |
效益指标（30分） | 社会效益指标 | 医保基金安全运行 | 定性 | 有效保障 |  | 30 | 有效保障 | 30 |
满意度指标（10分） | 服务对象满意度指标 | 参保群众满意度 | ≥ | 90 | % | 10 | 92% | 10 |
总分 |  |  |  |  |  | 100 |  | 98.5 |

项目名称 | 医保经办服务能力提升 |  |  |  |  |  |  |  |
主管部门 | 宣城市医疗保障局 |  |  |  | 实施单位 | 宣城市医疗保障服务中心 |  |  |
项目资金（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |  |
 | 年度资金总额 | 25.00 | 25.00 | 25.00 | 10 | 100.00% | 10 |  |
一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 分值 | 实际完成值 | 得分 | 偏差原因分析及改进措施
项目完成 | 数量指标 | 经办窗口改造数量 | ≥ | 6 | 个 | 30 | 6个 | 30 |
 | 时效指标 | 改造完成时间 | ≤ | 9 | 月 | 20 | 9月 | 20 |
效益指标 | 可持续影响指标 | 经办服务能力 | 定性 | 持续提升 |  | 30 | 持续提升 | 30 |
满意度指标 | 服务对象满意度指标 | 办事群众满意度 | ≥ | 95 | % | 20 | 96% | 20 |
总分 |  |  |  |  |  | 100 |  | 100 |
"""

# (table_seq, level1, level2, level3, target, comparator, value, unit, weight, actual, score, deviation)
SELF_EVALUATION_INDICATORS = [
    (1, "产出指标（50分）", "数量指标", "定点医药机构检查覆盖率", "≥100%", "≥", "100", "%", "20", "100%", "20", None),
    (1, None, "质量指标", "违规问题整改率", "=100%", "=", "100", "%", "15", "98%", "14",
     "个别机构整改滞后，已督促整改"),
    (1, None, "时效指标", "检查完成时间", "≤11月", "≤", "11", "月", "15", "11月", "15", None),
    (1, "效益指标（30分）", "社会效益指标", "医保基金安全运行", "有效保障", "定性", "有效保障", None, "30",
     "有效保障", "30", None),
    (1, "满意度指标（10分）", "服务对象满意度指标", "参保群众满意度", "≥90%", "≥", "90", "%", "10", "92%", "10", None),
    (2, "项目完成", "数量指标", "经办窗口改造数量", "≥6个", "≥", "6", "个", "30", "6个", "30", None),
    (2, None, "时效指标", "改造完成时间", "≤9月", "≤", "9", "月", "20", "9月", "20", None),
    (2, "效益指标", "可持续影响指标", "经办服务能力", "持续提升", "定性", "持续提升", None, "30", "持续提升", "30",
     None),
    (2, "满意度指标", "服务对象满意度指标", "办事群众满意度", "≥95%", "≥", "95", "%", "20", "96%", "20", None),
]  # fmt: skip
# (table_seq, kind, name, unit, budget, fiscal, other, total_score)
SELF_EVALUATION_PROJECTS = [
    (1, "project_self_evaluation", "医疗保障基金监管专项", "宣城市医疗保障基金中心", "80.00", "80.00", "0.00", "98.5"),
    (2, "project_self_evaluation", "医保经办服务能力提升", "宣城市医疗保障服务中心", "25.00", None, None, "100"),
]

# --- transfer: a 转移支付 self-evaluation whose 一级 labels broke over two rows in the mirror -------------------------

TRANSFER_INDICATORS_GRID = [
    ["产出指标", "数量指标", "城乡居民基本医疗保险参保人数", "≥215万人", "218万人", "10", "10", ""],
    ["", "质量指标", "户籍人口基本医疗保险参保率", "≥99%", "99.2%", "10", "10", ""],
    ["", "", "住院费用政策范围内报销比例", "70%左右", "71%", "10", "10", ""],
    ["", "时效指标", "补助资金下达时间", "2023年10月底前", "2023年9月", "10", "10", ""],
    ["效益指标", "社会效益指标", "参保群众医疗费用负担", "有效减轻", "有效减轻", "20", "20", ""],
    ["", "可持续影响指标", "基本医疗保险制度", "持续健全", "持续健全", "10", "10", ""],
    ["满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "88%", "20", "18", "宣传解读不够，下年加强"],
]  # fmt: skip


def _transfer_grid() -> Grid:
    grid = [
        ["转移支付（项目）名称", "城乡居民基本医疗保险补助", "", "", "", "", "", ""],
        ["中央主管部门", "国家医疗保障局", "", "", "地方主管部门", "遂宁市医疗保障局", "", ""],
        ["资金使用单位", "遂宁市医疗保障局", "", "", "", "", "", ""],
        ["资金情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "52,000.00", "52,800.00", "52,800.00", "10", "100%", "10"],
        ["", "其中：中央补助", "40,000.00", "40,800.00", "40,800.00", "—", "100%", "—"],
        ["", "地方资金", "12,000.00", "12,000.00", "12,000.00", "—", "100%", "—"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        *TRANSFER_INDICATORS_GRID,
        ["总分", "", "", "", "", "100", "98", ""],
    ]
    first = 8
    spans = [_span_row(0, 1, 7), _span_row(1, 1, 3), _span_row(1, 5, 7), _span_row(2, 1, 7), _span_row(3, 0, 1),
             ((0, first), (0, first + 3)), ((1, first + 1), (1, first + 2)), ((0, first + 4), (0, first + 5)),
             _span_row(len(grid) - 1, 0, 4)]  # fmt: skip
    return Grid(grid, spans, landscape=True)


TRANSFER_BLOCKS = ["遂宁市财政局", "2023年度中央对地方转移支付区域绩效自评表", "单位：万元", _transfer_grid()]

# The mirror of the PDF's text: the narrow 一级 column wrapped 产出指标 onto two lines, each on a row it spans.
TRANSFER_TEXT = """\
遂宁市财政局
2023年度中央对地方转移支付区域绩效自评表
单位：万元
转移支付（项目）名称 | 城乡居民基本医疗保险补助 |  |  |  |  |  |
中央主管部门 | 国家医疗保障局 |  |  | 地方主管部门 | 遂宁市医疗保障局 |  |
资金使用单位 | 遂宁市医疗保障局 |  |  |  |  |  |
资金情况（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
 | 年度资金总额 | 52,000.00 | 52,800.00 | 52,800.00 | 10 | 100% | 10
 | 其中：中央补助 | 40,000.00 | 40,800.00 | 40,800.00 | — | 100% | —
 | 地方资金 | 12,000.00 | 12,000.00 | 12,000.00 | — | 100% | —
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
产出 | 数量指标 | 城乡居民基本医疗保险参保人数 | ≥215万人 | 218万人 | 10 | 10 |
指标 | 质量指标 | 户籍人口基本医疗保险参保率 | ≥99% | 99.2% | 10 | 10 |
 |  | 住院费用政策范围内报销比例 | 70%左右 | 71% | 10 | 10 |
 | 时效指标 | 补助资金下达时间 | 2023年10月底前 | 2023年9月 | 10 | 10 |
效益 | 社会效益指标 | 参保群众医疗费用负担 | 有效减轻 | 有效减轻 | 20 | 20 |
指标 | 可持续影响指标 | 基本医疗保险制度 | 持续健全 | 持续健全 | 10 | 10 |
满意度 | 服务对象满意度指标 | 参保群众满意度 | ≥90% | 88% | 20 | 18 | 宣传解读不够，下年加强
指标 |  |  |  |  |  |  |
总分 |  |  |  |  | 100 | 98 |
"""

# (level1, level2, level3, target, actual, weight, score, deviation): every one of the seven, none glued to another.
TRANSFER_INDICATORS = [
    ("产出指标", "数量指标", "城乡居民基本医疗保险参保人数", "≥215万人", "218万人", "10", "10", None),
    (None, "质量指标", "户籍人口基本医疗保险参保率", "≥99%", "99.2%", "10", "10", None),
    (None, None, "住院费用政策范围内报销比例", "70%左右", "71%", "10", "10", None),
    (None, "时效指标", "补助资金下达时间", "2023年10月底前", "2023年9月", "10", "10", None),
    ("效益指标", "社会效益指标", "参保群众医疗费用负担", "有效减轻", "有效减轻", "20", "20", None),
    (None, "可持续影响指标", "基本医疗保险制度", "持续健全", "持续健全", "10", "10", None),
    ("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "88%", "20", "18", "宣传解读不够，下年加强"),
]  # fmt: skip
# name, unit, budget (全年预算数), central, local, total score
TRANSFER_PROJECT = ("城乡居民基本医疗保险补助", "遂宁市医疗保障局", "52,800.00", "40,800.00", "12,000.00", "98")

# --- budget_targets: 部门预算项目支出绩效目标表, one cell per line, 一级 labels on their own short rows -------------

BUDGET_TARGET_ROWS = [
    ("产 出 指 标", "数量指标", "城乡居民参保人数", "≥36万人"),
    ("", "质量指标", "参保率", "≥95%"),
    ("", "时效指标", "参保登记完成时间", "2024年12月底前"),
    ("效 益 指 标", "社会效益指标", "群众参保意识", "有效提升"),
    ("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"),
]


def _budget_target_grid() -> Grid:
    grid = [
        ["项目名称", "城乡居民医保参保工作经费", "", ""],
        ["预算数", "20.00", "其中：财政资金", "20.00"],
        ["其他资金", "0.00", "", ""],
        ["年度目标", "做好城乡居民医保参保扩面工作，参保率稳定在95%以上。", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        *[list(row) for row in BUDGET_TARGET_ROWS],
    ]
    spans = [_span_row(0, 1, 3), _span_row(2, 1, 3), _span_row(3, 1, 3), ((0, 5), (0, 7))]
    return Grid(grid, spans)


BUDGET_TARGET_BLOCKS = [
    "四川省遂宁市大英县医疗保障局",
    "2024年部门预算项目支出绩效目标表",
    "单位名称：大英县医疗保障局    单位：万元",
    _budget_target_grid(),
]


def _bars(*cells: str) -> str:
    """A row as the mirror prints it: a cell per line ending in ` |`, an empty cell ` |`, the row closed by `|`."""
    return "".join(f"{cell} |\n" for cell in cells) + "|\n"


BUDGET_TARGET_TEXT = (
    "四川省遂宁市大英县医疗保障局\n2024年部门预算项目支出绩效目标表\n单位名称：大英县医疗保障局    单位：万元\n"
    + _bars("项目名称", "城乡居民医保参保工作经费")
    + _bars("预算数", "20.00", "其中：财政资金", "20.00")
    + _bars("其他资金", "0.00")
    + _bars("年度目标", "做好城乡居民医保参保扩面工作，参保率稳定在95%以上。")
    + _bars("一级指标", "二级指标", "三级指标", "指标值")
    # The spanning 一级 cell printed once, on a row of its own; the rows it spans lack the cell.
    + _bars("产 出 指 标")
    + _bars("数量指标", "城乡居民参保人数", "≥36万人")
    + _bars("质量指标", "参保率", "≥95%")
    + _bars("时效指标", "参保登记完成时间", "2024年12月底前")
    + _bars("效 益 指 标")
    + _bars("社会效益指标", "群众参保意识", "有效提升")
    + _bars("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%")
    + "\n注：绩效目标随部门预算公开。\n"
)

# (level1, level2, level3, target): the label on the first row it spans, blank below it (staging carries it down).
BUDGET_TARGET_INDICATORS = [(level1 or None, level2, level3, target) for level1, level2, level3, target in
                            BUDGET_TARGET_ROWS]  # fmt: skip

# --- final_accounts_opening: a 决算 page whose tables are attachments --------------------------------------------

FINAL_ACCOUNTS_LINES = [
    "天津市西青区医疗保障局2024年度部门决算",
    "目录",
    "第一部分 天津市西青区医疗保障局概况",
    "一、主要职能",
    "二、机构设置",
    "第二部分 天津市西青区医疗保障局2024年度部门决算表",
    "一、收入支出决算总表",
    "二、收入决算表",
    "三、支出决算表",
    "四、财政拨款收入支出决算总表",
    "五、一般公共预算财政拨款支出决算表",
    "六、一般公共预算财政拨款基本支出决算表",
    "七、一般公共预算财政拨款“三公”经费支出决算表",
    "八、政府性基金预算财政拨款收入支出决算表",
    "九、国有资本经营预算财政拨款支出决算表",
    "第三部分 天津市西青区医疗保障局2024年度部门决算情况说明",
    "一、收入支出决算总体情况说明",
    "2024年度收入总计1,234.56万元，支出总计1,234.56万元。",
    "二、收入决算情况说明",
    "本年收入合计1,200.00万元，其中：财政拨款收入1,200.00万元，占100%。",
    "三、支出决算情况说明",
    "本年支出合计1,180.00万元，其中：基本支出900.00万元，项目支出280.00万元。",
    "第四部分 名词解释",
    "一、财政拨款收入：指本年度从本级财政部门取得的财政拨款。",
    "附件：天津市西青区医疗保障局2024年度部门决算表（详见附件）",
]
FINAL_ACCOUNTS_TEXT = "\n".join(FINAL_ACCOUNTS_LINES) + "\n"


def final_accounts_html() -> str:
    """The page as the bureau's site serves it: headings, paragraphs and a list of attachments, no table."""
    body = []
    for line in FINAL_ACCOUNTS_LINES:
        tag = "h2" if line.startswith("第") and "部分" in line else "h1" if line.endswith("部门决算") else "p"
        body.append(f"<{tag}>{line}</{tag}>")
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>部门决算</title></head><body>'
        '<div class="meta">索引号：11120111MB0000000X/2025-00012 发布机构：天津市西青区医疗保障局</div>'
        + "".join(body)
        + "</body></html>"
    )


FINAL_ACCOUNTS_ANNOUNCED = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "一般公共预算财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
]
FINAL_ACCOUNTS_AMOUNTS = [
    ("收入总计", "1,234.56", "万元"),
    ("支出总计", "1,234.56", "万元"),
    ("本年收入合计", "1,200.00", "万元"),
    ("财政拨款收入", "1,200.00", "万元"),
    ("本年支出合计", "1,180.00", "万元"),
    ("基本支出", "900.00", "万元"),
    ("项目支出", "280.00", "万元"),
]
