"""An adversarial corpus: small documents printing what real publications print and the samples do not.

Each document is written once as paragraphs and ruled grids (tests/render_templates.py) and rendered into two
formats (a text export and a PDF, DOCX or XLSX). What each varies:

- levels: 一级 printed as 项目完成 (unknown; its 二级 names the family) or spaced (产 出 指 标), weights printed with
  the labels (产出指标（50分）, 时效指标（20分）, 满意度指标(30%)), an unknown 二级 under an unknown 一级;
- no_unit: a comparable target table with no 实施单位 line (null unit), and one with no amount unit;
- budget: a 部门预算 whose tables are titled 表3 一般公共预算支出情况表 (no 预算公开表N), one with 2025年预算数 and
  2026年预算数 columns, and a narrative sentence naming its subject twice;
- final_accounts: the national 财政拨款支出决算表 headed 本年支出 | 小计 | 基本支出 | 项目支出, a column no measure
  claims, and one 项 spent a thousand million million times its budget;
- other_unit: a table the levels document prints, printed for another unit (two units' tables, both counted);
- years: a 2025 disclosure printed twice (the copy without its 实施单位 line) and the 2026 one, a project code
  glued to its name both years;
- evaluated: a target table and its own self-evaluation of the same year, same project and amounts;
- extreme: a self-evaluation whose execution rate and gap no DECIMAL(12, 4) or (20, 4) holds, and a multi-year
  budget of 10^21 万元;
- monitoring: one project's 绩效运行监控表 to the end of July and of September (same targets, other progress);
- narrative_only: a 决算 说明 page whose tables are attachments.
"""

from __future__ import annotations

from render_templates import RENDERERS, Block, Grid
from templates import _self_evaluation, _span_row

# name -> (blocks, the formats it is rendered in: two, but for the 2025 disclosure printed once in each)
CORPUS: dict[str, tuple[list[Block], tuple[str, ...]]] = {}


def target_table(name: str, unit: str | None, budget: str, rows: list[list[str]], *, amount_label="项目资金（万元）",
                 goal="完成年度工作任务。") -> Grid:  # fmt: skip
    """A 项目支出绩效目标申报表 (MoF template): name, optional 实施单位 line, amounts, goal, indicator rows."""
    grid = [["项目名称", name, "", "", ""]]
    spans = [_span_row(0, 1, 4)]
    if unit:
        grid.append(["主管部门及代码", "医疗保障局", "", "实施单位", unit])
        spans.append(_span_row(1, 1, 2))
    top = len(grid)
    grid += [
        [amount_label, f"年度资金总额：{budget}", "", "", ""],
        ["", "其中：财政拨款", budget, "", ""],
        ["", "其他资金", "0.00", "", ""],
        ["总体目标", f"年度目标：{goal}", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        *rows,
    ]
    spans += [_span_row(top, 1, 4), ((0, top), (0, top + 2)), _span_row(top + 3, 1, 4),
              ((0, top + 4), (0, len(grid) - 1))]  # fmt: skip
    return Grid(grid, spans)


def _rows(*rows: tuple[str, str, str, str]) -> list[list[str]]:
    return [["", *row] for row in rows]


CORPUS["levels"] = (
    [
        "四川省遂宁市射洪市医疗保障局",
        "2025年项目支出绩效目标申报表",
        target_table(
            "医保经办服务能力提升",
            "射洪市医疗保障事务中心",
            "120.00",
            _rows(
                ("产出指标", "数量指标", "经办窗口数量", "≥5个"),
                ("效益指标", "社会效益指标", "群众办事便利度", "明显提升"),
                ("项目完成", "数量指标", "业务办理量", "≥1万件"),
            ),
        ),  # fmt: skip
        target_table(
            "医保支付方式改革",
            "射洪市医疗保障事务中心",
            "60.00",
            _rows(
                ("产出指标（50分）", "时效指标（20分）", "改革任务完成时限", "2025年12月底前"),
                ("满意度指标(30%)", "服务对象满意度指标", "定点医疗机构满意度", "≥90%"),
            ),
        ),  # fmt: skip
        target_table(
            "医保基金监管",
            "射洪市医疗保障事务中心",
            "45.00",
            _rows(
                ("产 出 指 标", "质 量 指 标", "检查覆盖率", "100%"),
                ("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"),
            ),
        ),  # fmt: skip
        target_table(
            "医保政策宣传",
            "射洪市医疗保障事务中心",
            "8.00",
            _rows(
                ("项目完成", "完成情况", "宣传任务完成", "完成"),
            ),
        ),  # fmt: skip
    ],
    ("txt", "docx"),
)

CORPUS["no_unit"] = (
    [
        "四川省遂宁市大英县医疗保障局",
        "2025年项目支出绩效目标申报表",
        target_table(
            "医保信息系统运维",
            None,
            "35.00",
            _rows(
                ("产出指标", "数量指标", "系统运维次数", "≥12次"),
                ("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%"),
            ),
        ),  # fmt: skip
        target_table(
            "医保档案整理",
            None,
            "6.00",
            _rows(
                ("产出指标", "数量指标", "整理档案卷数", "≥500卷"),
            ),
            amount_label="项目资金",
        ),  # fmt: skip
    ],
    ("txt", "pdf"),
)


HEBEI = "天津市河北区医疗保障局"

CORPUS["budget"] = (
    [
        f"{HEBEI}2026年部门预算",
        "第一部分 部门预算说明",
        "五、关于一般公共预算支出情况表的说明",
        "2026年卫生健康支出100.00万元，比2025年卫生健康支出90.00万元增加10.00万元，主要原因是人员变动。",
        "表3 一般公共预算支出情况表",
        f"部门名称：{HEBEI}",
        "单位：万元",
        Grid(
            [
                ["项目", "", "合计", "基本支出", "项目支出"],
                ["科目编码", "科目名称", "", "", ""],
                ["", "合计", "100.00", "40.00", "60.00"],
                ["210", "卫生健康支出", "100.00", "40.00", "60.00"],
                ["21015", "医疗保障管理事务", "100.00", "40.00", "60.00"],
                ["2101501", "行政运行", "40.00", "40.00", ""],
                ["2101502", "一般行政管理事务", "60.00", "", "60.00"],
            ],
            [_span_row(0, 0, 1), ((2, 0), (2, 1)), ((3, 0), (3, 1)), ((4, 0), (4, 1))],
        ),
        "表5 部门支出总体情况表",
        f"部门名称：{HEBEI}",
        "单位：万元",
        Grid(
            [
                ["科目编码", "科目名称", "2025年预算数", "2026年预算数"],
                ["", "合计", "90.00", "100.00"],
                ["210", "卫生健康支出", "90.00", "100.00"],
                ["21015", "医疗保障管理事务", "90.00", "100.00"],
            ]
        ),
    ],
    ("txt", "docx"),
)


CORPUS["final_accounts"] = (
    [
        f"{HEBEI}2026年度部门决算",
        "财政拨款支出决算表",
        "    ".join([f"部门：{HEBEI}", "公开05表", "金额单位：元"]),
        Grid(
            [
                ["项目", "", "本年支出", "", "", "结转下年"],
                ["科目编码", "科目名称", "小计", "基本支出", "项目支出", ""],
                ["栏次", "", "1", "2", "3", "4"],
                ["", "合计", "9,999,999,999,999,999,999.00", "400,000.00", "9,999,999,999,999,599,999.00", "1,000.00"],
                [
                    "210",
                    "卫生健康支出",
                    "9,999,999,999,999,999,999.00",
                    "400,000.00",
                    "9,999,999,999,999,599,999.00",
                    "1,000.00",
                ],
                [
                    "21015",
                    "医疗保障管理事务",
                    "9,999,999,999,999,999,999.00",
                    "400,000.00",
                    "9,999,999,999,999,599,999.00",
                    "1,000.00",
                ],
                ["2101501", "行政运行", "400,000.00", "400,000.00", "", ""],
                [
                    "2101502",
                    "一般行政管理事务",
                    "9,999,999,999,999,599,999.00",
                    "",
                    "9,999,999,999,999,599,999.00",
                    "1,000.00",
                ],
            ],  # fmt: skip
            [_span_row(0, 0, 1), _span_row(0, 2, 4), ((5, 0), (5, 1))],
            landscape=True,
        ),
    ],
    ("txt", "pdf"),
)


HONGQIAO = "天津市红桥区医疗保障局"


def _hongqiao(year: int, unit: str | None, code_separator: str, budgets: tuple[str, str]) -> list[Block]:
    rows = _rows(
        ("产出指标", "数量指标", "监管检查次数", "≥12次"),
        ("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"),
    )
    return [
        HONGQIAO,
        f"{year}年项目支出绩效目标申报表",
        target_table(f"51092322T000000431595{code_separator}城乡居民监管工作经费", unit, budgets[0], rows),
        target_table("医保经办运转经费", unit, budgets[1], rows),
    ]


# 2025 printed twice: the copy lost its 实施单位 line (the same tables otherwise); 2026 in two formats.
CORPUS["years_2025"] = (_hongqiao(2025, HONGQIAO, "-", ("30.00", "12.00")), ("txt",))
CORPUS["years_2025_copy"] = (_hongqiao(2025, None, "-", ("30.00", "12.00")), ("pdf",))
CORPUS["years_2026"] = (_hongqiao(2026, HONGQIAO, " ", ("32.00", "12.00")), ("docx", "xlsx"))

# The same 2025 disclosure of 射洪市 reissued with other figures for one project: a near-duplicate, both counted.
CORPUS["levels_reissued"] = (
    [
        "四川省遂宁市射洪市医疗保障局",
        "2025年项目支出绩效目标申报表",
        target_table(
            "医保政策宣传",
            "射洪市医疗保障事务中心",
            "9.00",
            _rows(
                ("产出指标", "数量指标", "宣传场次", "≥10场"),
                ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
            ),
        ),  # fmt: skip
    ],
    ("txt", "pdf"),
)

# The same table as levels' 医保基金监管 but printed for another unit: two units' tables, both counted.
CORPUS["other_unit"] = (
    [
        "四川省遂宁市射洪市医疗保障局",
        "2025年项目支出绩效目标申报表",
        target_table(
            "医保基金监管",
            "射洪市医疗保障局",
            "45.00",
            _rows(
                ("产 出 指 标", "质 量 指 标", "检查覆盖率", "100%"),
                ("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"),
            ),
        ),  # fmt: skip
    ],
    ("txt", "pdf"),
)

NANQIAO = "安徽省滁州市南谯区医疗保障局"
RESCUE_ROWS = (
    ("产出指标", "数量指标", "资助参保人数", "≥1.2万人"),
    ("产出指标", "时效指标", "救助资金拨付时间", "2025年12月底前"),
    ("效益指标", "社会效益指标", "困难群众医疗负担", "有效减轻"),
    ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%"),
)

# A target table and its own self-evaluation: same issuer, year, project and amounts, never the same table.
CORPUS["evaluated_target"] = (
    [NANQIAO, "2025年项目支出绩效目标申报表", target_table("城乡医疗救助资金", NANQIAO, "500.00", _rows(*RESCUE_ROWS))],
    ("txt", "pdf"),
)


def _evaluation(unit: str, name: str, budget_rows, indicators, total) -> Grid:
    first = [
        ["项目名称", name, "", "", "", "", "", "", ""],
        ["主管部门", unit, "", "", "", "实施单位", unit, "", ""],
    ]
    return _self_evaluation(first, budget_rows, ("完成年度目标。", "完成年度目标。"), indicators, total)


CORPUS["evaluated_self"] = (
    [
        NANQIAO,
        "2025年度项目支出绩效自评表",
        _evaluation(
            NANQIAO,
            "城乡医疗救助资金",
            [["", "年度资金总额", "", "500.00", "500.00", "480.00", "10", "96.00%", "9.6"]],
            [
                ["", *row, actual, "20", "20", ""]
                for row, actual in zip(RESCUE_ROWS, ("1.3万人", "2025年12月20日", "有效减轻", "92%"), strict=True)
            ],
            ("90", "89.6"),
        ),  # fmt: skip
    ],
    ("docx", "pdf"),
)

JINNAN = "天津市津南区医疗保障局"

# Figures no DECIMAL(12, 4) or DECIMAL(20, 4 or 2) holds: a rate of 10^26 %, a gap of 10^20 人, 10^25 yuan over 3 years.
CORPUS["extreme"] = (
    [
        JINNAN,
        "2025年度项目支出绩效自评表",
        _evaluation(
            JINNAN,
            "医保经办能力建设",
            [["", "年度资金总额", "", "0.0001", "0.0001", "99999999999999999999", "10", "100%", "10"]],
            [["", "产出指标", "数量指标", "培训人数", "≤1万人", "9999999999999999万人", "90", "0", ""]],
            ("100", "10"),
        ),
        "2025年项目支出绩效目标申报表",
        target_table(
            "2024年-2026年医保信息化建设",
            JINNAN,
            "1,000,000,000,000,000,000,000.00",
            _rows(
                ("产出指标", "数量指标", "建设系统数", "≥1个"),
                ("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%"),
            ),
        ),  # fmt: skip
    ],
    ("txt", "xlsx"),
)

YUHU = "湘潭市雨湖区医疗保障局"


def _monitoring(month: int, executed: str, progress: tuple[str, str], likely: str) -> list[Block]:
    """A county's 绩效运行监控表 to the end of a month: the same project and targets, what was reached by then."""
    period = f"1-{month}月"
    grid = [
        ["项目名称", "医保基金监管专项经费", "", "", "", "", ""],
        ["实施单位", YUHU, "", "", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", f"{period}执行数", f"{period}执行率", "全年预计执行数", ""],
        ["", "年度资金总额", "60.00", executed, "", "60.00", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", f"{period}执行情况", "全年预计完成情况", "完成目标可能性"],
        ["产出指标", "数量指标", "定点医药机构检查覆盖率", "100%", progress[0], "100%", "确定能"],
        ["满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", progress[1], "≥90%", likely],
    ]  # fmt: skip
    spans = [_span_row(0, 1, 6), _span_row(1, 1, 6), ((0, 2), (0, 3)), _span_row(2, 5, 6), _span_row(3, 5, 6)]
    return [YUHU, "2025年项目支出绩效运行监控表", "单位：万元", Grid(grid, spans, landscape=True)]


# One project's monitoring to the end of July (in two formats: counted once) and of September (another table, though
# it prints the same amounts: nothing was spent in August and September).
CORPUS["monitoring_july"] = (_monitoring(7, "45.00", ("52%", "—"), "有可能"), ("txt", "docx"))
CORPUS["monitoring_september"] = (_monitoring(9, "45.00", ("81%", "91%"), "确定能"), ("pdf",))

CORPUS["narrative_only"] = (
    [
        "天津市西青区医疗保障局2024年度部门决算",
        "第一部分 部门概况",
        "一、主要职能",
        "贯彻落实医疗保障工作的方针政策。",
        "第二部分 2024年度部门决算情况说明",
        "一、收入支出决算总体情况说明",
        "2024年度收入总计1,234.56万元，支出总计1,234.56万元。",
        "第三部分 2024年度部门决算表（见附件）",
        "附件：1.收入支出决算总表 2.收入决算表 3.支出决算表",
    ],
    ("txt", "docx"),
)


def render(name: str, fmt: str) -> bytes:
    blocks, _ = CORPUS[name]
    return RENDERERS[fmt](blocks)


def write_corpus(folder, names=None) -> list:
    """Every document of the corpus (or of names) in each of its formats, as folder/<name>.<format>."""
    paths = []
    for name in names or CORPUS:
        for fmt in CORPUS[name][1]:
            paths.append(folder / f"{name}.{fmt}")
            paths[-1].write_bytes(render(name, fmt))
    return paths
