"""Documents shaped like the national 部门预算 / 部门决算 templates and the 财政项目支出绩效目标填报表 as a Shanghai
district's departments publish them, written as blocks (paragraphs and ruled grids) for tests/render_templates.py.

The names and figures are invented; the shapes are the ones real publications print:

- `DISTRICT_BUDGET`: a cover naming no issuer kind (`预算主管部门：…街道办事处`), a contents list printed as a table,
  tables titled without a number (`2025年部门财务收支预算总表`, `编制部门：…  单位：元`), two-sided tables whose first
  header row reads 本年收入 | 本年支出 or 财政拨款收入 | 财政拨款支出 with a wider expenditure side, 类 | 款 | 项 code
  columns under 功能分类科目编码, a table titled `表6 …` and one whose title, department and unit lines are rows of
  its own grid (a spreadsheet export), printed right under the table before it.
- `DISTRICT_FINAL_ACCOUNTS`: an export that put values on lines of their own (the issuer's name broken over two
  lines, the year alone under the title, quote marks on a line of their own), 类 | 款 | 项 printed on the 合计 line,
  the 财政拨款支出决算表 headed 本年支出 | 小计 | 基本支出 | 项目支出, a 基本支出决算表 in two column groups with no
  header of their own (named by their 人员经费合计 / 公用经费合计 lines), and an empty table whose 合计 shares the row
  with its last headers, the template's instruction text kept under it.
- `target_forms(style)`: 财政项目支出绩效目标填报表, their title and year printed inside the grid, one under the other;
  项目资金（元） with 项目资金总额 | 年度资金申请总额 side by side, 项目总目标 | 年度总体目标 side by side, the value
  column headed 年度(/项目)指标值, targets such as `≥13459.00(平方米)`, `=100.00(%)`, `>6.00(次)` or a bare word, and
  the section label 绩效指标 printed in the first indicator row. `style="variant"` prints the labels as other tables do:
  spaces inside them, half- and full-width brackets, levels without 指标.
- `joint_notice()`: a transfer-payment target table under a notice of a 财政局 and a 医疗保障局 together.
"""

from __future__ import annotations

from render_templates import Block, Grid
from templates import transfer_payment

DEPARTMENT = "上海市普陀区人民政府长寿路街道办事处"
EDITED_BY = f"编制部门：{DEPARTMENT} 单位：元"


def _row_span(row: int, first: int, last: int):
    return ((first, row), (last, row))


def _column_span(column: int, first: int, last: int):
    return ((column, first), (column, last))


CONTENTS = Grid(
    rows=[
        ["目 录"],
        ["一、部门主要职能"],
        ["五、部门预算表"],
        ["1. 2025年部门财务收支预算总表"],
        ["2. 2025年部门收入预算总表"],
        ["3. 2025年部门财政拨款收支预算总表"],
    ]
)

BUDGET_SUMMARY = Grid(
    rows=[
        ["本年收入", "", "本年支出", ""],
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款收入", "31,214,205.80", "一、一般公共服务支出", "22,186,440.80"],
        ["1. 一般公共预算资金", "31,214,205.80", "二、社会保障和就业支出", "3,508,644.00"],
        ["2. 政府性基金", "", "三、卫生健康支出", "782,164.00"],
        ["二、事业收入", "", "四、住房保障支出", "4,736,957.00"],
        ["收入总计", "31,214,205.80", "支出总计", "31,214,205.80"],
    ],
    spans=[_row_span(0, 0, 1), _row_span(0, 2, 3)],
)

BUDGET_INCOME = Grid(
    rows=[
        ["项目", "", "", "", "收入预算", "", ""],
        ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "财政拨款收入", "事业收入"],
        ["类", "款", "项", "", "", "", ""],
        ["201", "", "", "一般公共服务支出", "22,186,440.80", "22,186,440.80", ""],
        ["201", "03", "", "政府办公厅（室）及相关机构事务", "22,186,440.80", "22,186,440.80", ""],
        ["201", "03", "01", "行政运行", "16,231,840.80", "16,231,840.80", ""],
        ["201", "03", "50", "事业运行", "5,954,600.00", "5,954,600.00", ""],
        ["合计", "", "", "", "22,186,440.80", "22,186,440.80", ""],
    ],
    spans=[
        _row_span(0, 0, 3),
        _row_span(0, 4, 6),
        _row_span(1, 0, 2),
        _column_span(3, 1, 2),
        _column_span(4, 1, 2),
        _column_span(5, 1, 2),
        _column_span(6, 1, 2),
        _row_span(7, 0, 3),
    ],  # fmt: skip
    landscape=True,
)

BUDGET_FISCAL = Grid(
    # The expenditure side is wider than the income side: 2 columns against 5.
    rows=[
        ["财政拨款收入", "", "财政拨款支出", "", "", "", ""],
        ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
        ["一、一般公共预算资金", "31,214,205.80", "一、一般公共服务支出", "22,186,440.80", "22,186,440.80", "", ""],
        ["二、政府性基金", "", "二、社会保障和就业支出", "3,508,644.00", "3,508,644.00", "", ""],
        ["收入总计", "31,214,205.80", "支出总计", "25,695,084.80", "25,695,084.80", "", ""],
    ],
    spans=[_row_span(0, 0, 1), _row_span(0, 2, 6)],
    landscape=True,
)

BUDGET_GENERAL = Grid(
    rows=[
        ["项目", "", "", "", "一般公共预算支出", "", ""],
        ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
        ["201", "", "", "一般公共服务支出", "22,186,440.80", "16,231,840.80", "5,954,600.00"],
        ["201", "03", "01", "行政运行", "16,231,840.80", "16,231,840.80", ""],
        ["201", "03", "50", "事业运行", "5,954,600.00", "", "5,954,600.00"],
        ["合计", "", "", "", "22,186,440.80", "16,231,840.80", "5,954,600.00"],
    ],
    spans=[
        _row_span(0, 0, 3),
        _row_span(0, 4, 6),
        _row_span(1, 0, 2),
        _column_span(3, 1, 2),
        _column_span(4, 1, 2),
        _column_span(5, 1, 2),
        _column_span(6, 1, 2),
        _row_span(6, 0, 3),
    ],  # fmt: skip
    landscape=True,
)

# A spreadsheet export's table: title, department and unit are rows of the grid (with blank rows around them), and
# it follows the table before it with nothing printed between them. Its 合计 heads a column, under “三公”经费.
BUDGET_THREE_PUBLIC = Grid(
    rows=[
        ["", "", "", "", "", "", ""],
        ["2025年部门“三公”经费和机关运行经费预算表", "", "", "", "", "", ""],
        [f"编制部门：{DEPARTMENT}", "", "", "", "", "", "单位：万元"],
        ["“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""],
        ["", "", "", "小计", "购置费", "运行费", ""],
        ["0.95", "", "0.95", "", "", "", "229.43"],
    ],
    spans=[
        _row_span(1, 0, 6),
        _row_span(2, 0, 5),
        _row_span(3, 0, 5),
        _column_span(6, 3, 5),
        _column_span(0, 4, 5),
        _column_span(1, 4, 5),
        _column_span(2, 4, 5),
        _row_span(4, 3, 5),
    ],  # fmt: skip
    landscape=True,
)

DISTRICT_BUDGET: list[Block] = [
    "上海市普陀区2025年区级部门预算",
    f"预算主管部门：{DEPARTMENT}",
    CONTENTS,
    "2025年部门财务收支预算总表",
    EDITED_BY,
    BUDGET_SUMMARY,
    "2025年部门收入预算总表",
    EDITED_BY,
    BUDGET_INCOME,
    "2025年部门财政拨款收支预算总表",
    EDITED_BY,
    BUDGET_FISCAL,
    "表6 一般公共预算支出功能分类预算表",
    EDITED_BY,
    BUDGET_GENERAL,
    BUDGET_THREE_PUBLIC,
]

# An empty table as the template keeps it: 无 printed in the first data row under 类 | 款 | 项, the 合计 line blank.
EMPTY_FUND = Grid(
    rows=[
        ["项目", "", "", "", "政府性基金预算支出", "", ""],
        ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
        ["无", "", "", "", "", "", ""],
        ["合计", "", "", "", "", "", ""],
    ],
    spans=[_row_span(0, 0, 3), _row_span(0, 4, 6), _row_span(1, 0, 2), _column_span(3, 1, 2), _row_span(4, 0, 3)],
    landscape=True,
)

EMPTY_BUDGET_TABLE: list[Block] = [
    "2026年预算单位政府性基金预算支出功能分类预算表",
    EDITED_BY,
    EMPTY_FUND,
    "注:本单位2026年无政府性基金预算财政拨款安排的预算，故本表为空表。",
]

FINAL_ISSUER = "上海市普陀区规划和自然资源局"

FINAL_SUMMARY = Grid(
    rows=[
        ["收入", "", "支出", ""],
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"],
        ["二、其他收入", "6.20", "二、社会保障和就业支出", "326.71"],
        ["本年收入合计", "2,946.25", "本年支出合计", "2,433.37"],
    ],
    spans=[_row_span(0, 0, 1), _row_span(0, 2, 3)],
)

# 支出决算表: 类 | 款 | 项 printed on the row of the 合计 line.
FINAL_EXPENDITURE = Grid(
    rows=[
        ["项目", "", "", "", "本年支出合计", "基本支出", "项目支出"],
        ["支出功能分类", "", "", "科目名称", "", "", ""],
        ["科目编码", "", "", "", "", "", ""],
        ["类", "款", "项", "合计", "2,433.37", "1,830.23", "603.14"],
        ["201", "", "", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
        ["201", "06", "", "财政事务", "2,106.66", "1,503.52", "603.14"],
        ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37"],
        ["208", "", "", "社会保障和就业支出", "326.71", "326.71", ""],
        ["208", "05", "01", "行政单位离退休", "326.71", "326.71", ""],
    ],
    spans=[
        _row_span(0, 0, 3),
        _row_span(1, 0, 2),
        _row_span(2, 0, 2),
        _column_span(3, 1, 2),
        _column_span(4, 0, 2),
        _column_span(5, 0, 2),
        _column_span(6, 0, 2),
    ],  # fmt: skip
    landscape=True,
)

FINAL_FISCAL = Grid(
    rows=[
        ["收入", "", "支出", "", "", ""],
        ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"],
        ["一、一般公共预算财政拨款", "2,940.05", "一、一般公共服务支出", "2,106.66", "2,106.66", ""],
        ["", "", "二、社会保障和就业支出", "326.71", "326.71", ""],
        ["本年收入合计", "2,940.05", "本年支出合计", "2,433.37", "2,433.37", ""],
    ],
    spans=[_row_span(0, 0, 1), _row_span(0, 2, 5)],
    landscape=True,
)

# The standard 财政拨款支出决算表: 本年支出 over 小计 | 基本支出 | 项目支出.
FINAL_GENERAL = Grid(
    rows=[
        ["项目", "", "本年支出", "", ""],
        ["功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"],
        ["合计", "", "2,433.37", "1,830.23", "603.14"],
        ["201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
        ["20106", "财政事务", "2,106.66", "1,503.52", "603.14"],
        ["208", "社会保障和就业支出", "326.71", "326.71", ""],
    ],
    spans=[_row_span(0, 0, 1), _row_span(0, 2, 4), _row_span(2, 0, 1)],
)

# 基本支出决算表 in two column groups, neither with a header of its own: their totals name them.
FINAL_ECONOMIC = Grid(
    rows=[
        ["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"],
        ["301", "工资福利支出", "1,690.12", "302", "商品和服务支出", "131.50"],
        ["30101", "基本工资", "262.33", "30201", "办公费", "21.21"],
        ["30102", "津贴补贴", "1,427.79", "30299", "其他商品和服务支出", "110.29"],
        ["", "", "", "310", "资本性支出", "8.61"],
        ["人员经费合计", "", "1,690.12", "公用经费合计", "", "140.11"],
    ],
    spans=[_row_span(5, 0, 1), _row_span(5, 3, 4)],
)

# 预算数 | 决算数 under each kind, 公务用车购置及运行维护费 split in 小计, 购置费 and 运行维护费 (the 合计, 因公出国 and
# 公务接待费 cells span two header rows and two columns).
FINAL_THREE_PUBLIC = Grid(
    rows=[
        ["财政拨款“三公”经费"] + [""] * 11,
        ["合计", "", "因公出国（境）费", "", "公务用车购置及运行维护费", "", "", "", "", "", "公务接待费", ""],
        ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行维护费", "", "", ""],
        ["预算数", "决算数"] * 6,
        ["2.85", "0.39", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "2.85", "0.39"],
    ],
    spans=[
        _row_span(0, 0, 11),
        ((0, 1), (1, 2)),
        ((2, 1), (3, 2)),
        _row_span(1, 4, 9),
        ((10, 1), (11, 2)),
        _row_span(2, 4, 5),
        _row_span(2, 6, 7),
        _row_span(2, 8, 9),
    ],
    landscape=True,
)

# An empty table: its 合计 printed on the row of its last headers; the template's instruction text kept below.
FINAL_FUND = Grid(
    rows=[
        ["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
        ["功能分类科目编码", "科目名称", "", "", "", "", "", ""],
        ["合计", "", "", "", "合计", "基本支出", "项目支出", ""],
        ["", "", "", "", "", "", "", ""],
    ],
    spans=[
        _row_span(0, 0, 1),
        _row_span(0, 4, 6),
        _column_span(2, 0, 2),
        _column_span(3, 0, 2),
        _column_span(7, 0, 2),
        _row_span(2, 0, 1),
    ],  # fmt: skip
    landscape=True,
)

DISTRICT_FINAL_ACCOUNTS: list[Block] = [
    "上海市普陀区规划和自然",
    "资源局",
    "年度部门决算",
    "2024",
    "目 录",
    f"第一部分 {FINAL_ISSUER}概况",
    "收入支出决算总表",
    "单位：万元",
    FINAL_SUMMARY,
    "支出决算表",
    "单位：万元",
    FINAL_EXPENDITURE,
    "财政拨款收入支出决算总表",
    "单位：万元",
    FINAL_FISCAL,
    "一般公共预算财政拨款支出决算表",
    "单位：万元",
    FINAL_GENERAL,
    "一般公共预算财政拨款基本支出决算表",
    "单位：万元",
    FINAL_ECONOMIC,
    "财政拨款 三公 经费支出决算表",
    "“ ”",
    "单位：万元",
    FINAL_THREE_PUBLIC,
    "政府性基金预算财政拨款收入支出决算表",
    "单位：万元",
    FINAL_FUND,
    "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
    "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：",
    f"说明：{FINAL_ISSUER}本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
]


# The labels of a 填报表, as the template prints them and as other tables print the same (spaces inside a label,
# half-width brackets, full-width ones, levels without 指标).
LABELS = {
    "template": {
        "funds": "项目资金（元）",
        "project_total": "项目资金总额",
        "annual_total": "年度资金申请总额",
        "fiscal_total": "其中：财政资金",
        "fiscal": "其中：当年财政拨款",
        "goals": "项目绩效目标",
        "project_goal": "项目总目标",
        "annual_goal": "年度总体目标",
        "levels": ("一级指标", "二级指标", "三级指标"),
        "target": "年度(/项目)指标值",
        "level1": {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标"},
        "level2": {"数量": "数量指标", "质量": "质量指标", "社会效益": "社会效益指标", "满意度": "服务对象满意度指标"},
    },
    "variant": {
        "funds": "项目资金(元)",
        "project_total": "项 目 资 金 总 额",
        "annual_total": "年度资金申请 总额",
        "fiscal_total": "其中:财政资金",
        "fiscal": "其中： 当年财政拨款",
        "goals": "项目绩效 目标",
        "project_goal": "项 目 总 目 标",
        "annual_goal": "年度总体 目标",
        "levels": ("一级", "二级", "三级"),
        "target": "年度（/项目）指标值",
        "level1": {"产出": "产出", "效益": "效益", "满意度": "满意度"},
        "level2": {"数量": "数量", "质量": "质量", "社会效益": "社会效益", "满意度": "服务对象满意度"},
    },
}

# (name, 项目性质, 项目类别, 项目资金总额, 财政资金 (total), 年度资金申请总额, 当年财政拨款, 上年结转资金, goal,
#  indicators: (一级, 二级, 三级, 指标值), a blank 一级/二级 continuing the one above)
FORMS = [
    (
        "新建社区公共服务中心", "阶段性项目", "特定目标类", "4,100,000.00", "4,100,000.00", "4,100,000.00",
        "4,100,000.00", "0.00", "建成后作为社区事务受理、社区管理、社区文化艺术活动场所。",
        [
            ("产出", "数量", "规划建筑面积", "≥13459.00(平方米)"),
            ("", "质量", "完工及时率", "及时率"),
            ("效益", "社会效益", "完善社区基础设施建设", "完善率"),
            ("满意度", "满意度", "居民满意度", "满意度"),
        ],
    ),
    (
        "就业援助基地补贴", "经常性项目", "特定目标类", "6,351,000.00", "6,351,000.00", "6,351,000.00",
        "6,151,000.00", "200,000.00", "管理各类下拨费用，实报实销",
        [
            ("产出", "数量", "补贴对象申请审核完成率", "=100.00(%)"),
            ("", "", "开展特殊对象心理健康教育", ">6.00(次)"),
            ("", "质量", "补贴对象审核达标率", "=100.00(%)"),
            ("效益", "社会效益", "补贴对象生活改善度", "合规"),
            ("满意度", "满意度", "补贴对象满意度", "≥80.00(%)"),
        ],
    ),
]  # fmt: skip


def _form(style: str, year: int, name, nature, category, project_total, fiscal_total, annual, fiscal, carryover,
          goal, indicators) -> Grid:  # fmt: skip
    labels = LABELS[style]
    level1, level2, level3 = labels["levels"]
    rows = [
        ["财政项目支出绩效目标填报表", "", "", "", "", "", "", ""],
        [f"（{year}年度）", "", "", "", "", "", "", ""],
        ["项目名称", "", name, "", "项目性质", nature, "项目类别", category],
        ["主管部门", "", DEPARTMENT, "", "实施单位", DEPARTMENT, "", ""],
        ["计划开始日期", "", f"{year}-01-01", "", "计划完成日期", f"{year}-12-31", "", ""],
        [labels["funds"], "", labels["project_total"], "", project_total, labels["annual_total"], "", annual],
        ["", "", labels["fiscal_total"], "", fiscal_total, labels["fiscal"], "", fiscal],
        ["", "", "", "", "", "上年结转资金", "", carryover],
        ["", "", "其他资金", "", "0.00", "其他资金", "", "0.00"],
        [labels["goals"], labels["project_goal"], "", "", "", labels["annual_goal"], "", ""],
        ["", goal, "", "", "", goal, "", ""],
        ["", level1, level2, level3, "", "", labels["target"], ""],
    ]
    first = len(rows)
    for position, (one, two, three, target) in enumerate(indicators):
        rows.append(
            [
                "绩效指标" if position == 0 else "",
                labels["level1"][one] if one else "",
                labels["level2"][two] if two else "",
                three,
                "",
                "",
                target,
                "",
            ]
        )
    last = len(rows) - 1
    spans = [
        _row_span(0, 0, 7), _row_span(1, 0, 7), _row_span(2, 0, 1), _row_span(2, 2, 3), _row_span(3, 0, 1),
        _row_span(3, 2, 3), _row_span(3, 5, 7), _row_span(4, 0, 1), _row_span(4, 2, 3), _row_span(4, 5, 7),
        ((0, 5), (1, 8)), _row_span(5, 2, 3), _row_span(5, 5, 6), ((2, 6), (3, 7)), _column_span(4, 6, 7),
        _row_span(6, 5, 6), _row_span(7, 5, 6), _row_span(8, 2, 3), _row_span(8, 5, 6), _column_span(0, 9, 11),
        _row_span(9, 1, 4), _row_span(9, 5, 7), _row_span(10, 1, 4), _row_span(10, 5, 7), _row_span(11, 3, 5),
        _row_span(11, 6, 7), _column_span(0, first, last),
    ]  # fmt: skip
    for row in range(first, last + 1):
        spans += [_row_span(row, 3, 5), _row_span(row, 6, 7)]
    for column in (1, 2):  # a blank 一级/二级 cell is the one above it, merged
        start = first
        for row in range(first + 1, last + 2):
            if row > last or rows[row][column]:
                if row - 1 > start:
                    spans.append(_column_span(column, start, row - 1))
                start = row
    return Grid(rows, spans, landscape=True)


def target_forms(style: str = "template", year: int = 2023) -> list[Block]:
    """Two 填报表 of a year under the prose that closes the 项目经费情况说明 (a sentence is not part of a table's
    title)."""
    return [
        f"上海市普陀区{year}年区级部门预算",
        "七、绩效目标",
        "建成后作为社区事务受理、社区管理、社区文化艺术活动场所，为周边居民提供便捷的社区服务。",
        *(_form(style, year, *form) for form in FORMS),
    ]


def joint_notice() -> list[Block]:
    """A transfer-payment target table under a notice the finance and medical-insurance bureaus issued together."""
    return [
        "遂宁市财政局 遂宁市医疗保障局关于下达2024年医疗服务与保障能力提升补助资金的通知",
        *transfer_payment()[1:],
    ]
