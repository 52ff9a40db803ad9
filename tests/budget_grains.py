"""One city's money at every grain: 遂宁市医疗保障局's disclosures, as blocks for tests/render_templates.py.

- `targets_2025`: the 部门整体支出绩效目标表 (its 年度主要任务 add up to 3,386.62 万元, 33,866,200 元) followed
  by three 项目支出绩效目标表: 医保基金监管 (120.00 万元) and 医保信息化运维 (200.00 万元) are 年度主要任务 of the
  department table, 城乡居民医保参保扩面工作经费 (30.00 万元) is not;
- `transfer_2025`: the 转移支付 区域绩效目标表 of 医疗服务与保障能力提升补助资金 the city passes to its counties
  (1,229.60 万元: 中央补助 1,000.00 + 地方资金 229.60);
- `self_evaluation_2025`: the 项目支出绩效自评表 of 医保基金监管 (年初预算数 120.00, 全年预算数 125.00, 全年执行数
  118.75 万元), whose evaluated targets differ from the published ones: 检查经费 ≤20万元 published, ≤25万元 evaluated,
  24万元 spent (met as evaluated, missed as published); 违规问题整改率 ≥95% -> ≥98% (97% reached: missed as
  evaluated, met as published); 检查完成时间 2025年11月底前 -> 12月底前 (done 12月20日); an actual copying its
  numeric target (≥90%) and a qualitative phrase repeated (有效遏制); one indicator added, one dropped;
- `targets_2024` and `self_evaluation_2024`: the year before, for changes year on year (检查经费 ≤18万元 -> ≤20万元
  loosened, 检查定点医药机构数量 ≥280家 -> ≥300家 and 参保群众满意度 ≥85% -> ≥90% tightened, 检查完成时间 2024年10月底前
  -> 2025年11月底前 loosened by a month) and a project's results across years;
- `final_accounts_2025`: the 部门决算's 一般公共预算财政拨款支出决算表 printing 年初预算数, 调整预算数 and 决算数.

Every total the marts give for this city is checked by hand in tests/test_budget_grains.py. Run as a script to
write the documents to a folder to ingest: .venv/bin/python tests/budget_grains.py /tmp/grains
"""

from __future__ import annotations

from pathlib import Path

from render_templates import RENDERERS, Grid
from templates import _self_evaluation, _span_row

UNIT = "遂宁市医疗保障局"


def _project(name: str, budget: str, goal: str, rows: list[list[str]]) -> Grid:
    """A 项目支出绩效目标表 (MoF 申报表 shape, amounts in 万元), indicators in five columns."""
    grid = [
        ["项目名称", name, "", "", ""],
        ["主管部门及代码", f"[510900]{UNIT}", "", "实施单位", UNIT],
        ["项目资金（万元）", f"年度资金总额：{budget}", "", "", ""],
        ["", "其中：财政拨款", budget, "", ""],
        ["", "其他资金", "0.00", "", ""],
        ["总体目标", f"年度目标：{goal}", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        *rows,
    ]
    spans = [_span_row(0, 1, 4), _span_row(1, 1, 2), _span_row(2, 1, 4), ((0, 2), (0, 4)), _span_row(5, 1, 4),
             ((0, 6), (0, len(grid) - 1))]  # fmt: skip
    return Grid(grid, spans)


SUPERVISION_2025 = [
    ["", "产出指标", "数量指标", "检查定点医药机构数量", "≥300家"],
    ["", "", "数量指标", "专项检查次数", "≥4次"],
    ["", "", "质量指标", "违规问题整改率", "≥95%"],
    ["", "", "时效指标", "检查完成时间", "2025年11月底前"],
    ["", "", "成本指标", "检查经费", "≤20万元"],
    ["", "效益指标", "社会效益指标", "欺诈骗保行为", "有效遏制"],
    ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"],
]

SUPERVISION_2024 = [
    ["", "产出指标", "数量指标", "检查定点医药机构数量", "≥280家"],
    ["", "", "数量指标", "飞行检查次数", "≥2次"],
    ["", "", "质量指标", "违规问题整改率", "≥95%"],
    ["", "", "时效指标", "检查完成时间", "2024年10月底前"],
    ["", "", "成本指标", "检查经费", "≤18万元"],
    ["", "效益指标", "社会效益指标", "欺诈骗保行为", "有效遏制"],
    ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥85%"],
]


def department_table() -> Grid:
    """部门整体支出绩效目标表: 年度主要任务 with amounts (two are the project tables below), 金额合计, indicators."""
    grid = [
        ["部门（单位）名称", UNIT, "", "", "", ""],
        ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", "", ""],
        ["", "", "", "总额", "财政拨款", "其他资金"],
        ["", "医保基金监管", "开展定点医药机构检查和专项治理", "120.00", "120.00", "0.00"],
        ["", "医保信息化运维", "医保信息平台运行维护", "200.00", "200.00", "0.00"],
        ["", "机关运行保障", "保障机关和经办机构正常运转", "3,066.62", "3,066.62", "0.00"],
        ["", "金额合计", "", "3,386.62", "3,386.62", "0.00"],
        ["年度总体目标", "管好用好医保基金，提升经办服务和信息化水平。", "", "", "", ""],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", ""],
        ["", "产出指标", "数量指标", "定点医药机构检查覆盖率", "100%", ""],
        ["", "", "时效指标", "医保待遇按时支付率", "100%", ""],
        ["", "效益指标", "社会效益指标", "医保基金运行", "安全平稳", ""],
        ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", ""],
    ]
    spans = [_span_row(0, 1, 5), _span_row(1, 3, 5), ((1, 1), (1, 2)), ((2, 1), (2, 2)), ((0, 1), (0, 6)),
             _span_row(7, 1, 5), ((0, 8), (0, 12))] + [_span_row(row, 4, 5) for row in range(8, 13)]  # fmt: skip
    return Grid(grid, spans)


def targets_2025() -> list:
    return [
        UNIT,
        "2025年部门整体支出绩效目标表",
        department_table(),
        "2025年项目支出绩效目标表",
        _project("医保基金监管", "120.00", "开展定点医药机构全覆盖检查，守护医保基金安全。", SUPERVISION_2025),
        _project("医保信息化运维", "200.00", "保障医保信息平台安全稳定运行。", [
            ["", "产出指标", "质量指标", "系统正常运行率", "≥99%"],
            ["", "效益指标", "社会效益指标", "医保业务线上办理", "逐步提高"],
            ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"],
        ]),
        _project("城乡居民医保参保扩面工作经费", "30.00", "做好城乡居民医保参保扩面工作，参保率稳定在95%以上。", [
            ["", "产出指标", "数量指标", "参保宣传场次", "≥20场"],
            ["", "", "质量指标", "户籍人口参保率", "≥95%"],
            ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%"],
        ]),
    ]  # fmt: skip


def targets_2024() -> list:
    return [
        UNIT,
        "2024年项目支出绩效目标表",
        _project("医保基金监管", "110.00", "开展定点医药机构全覆盖检查，守护医保基金安全。", SUPERVISION_2024),
    ]


def transfer_2025() -> list:
    """转移支付 区域绩效目标表: the city passes the central fund on to its counties."""
    grid = [
        ["转移支付（项目）名称", "医疗服务与保障能力提升补助资金", "", "", ""],
        ["中央主管部门", "国家医疗保障局", "地方主管部门", UNIT, ""],
        ["资金使用单位", "遂宁市各县（市、区）医疗保障局", "", "", ""],
        ["资金情况（万元）", "年度金额：", "1,229.60", "", ""],
        ["", "其中：中央补助", "1,000.00", "", ""],
        ["", "地方资金", "229.60", "", ""],
        ["", "其他资金", "0.00", "", ""],
        ["年度目标", "支持各县（市、区）提升医保经办服务和基金监管能力。", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["", "产出指标", "数量指标", "医保经办人员培训人次", "≥600人次"],
        ["", "效益指标", "社会效益指标", "医保服务便民程度", "明显提高"],
        ["", "满意度指标", "服务对象满意度指标", "参保人员满意度", "≥85%"],
    ]
    spans = [_span_row(0, 1, 4), _span_row(1, 3, 4), _span_row(2, 1, 4), ((0, 3), (0, 6)), _span_row(7, 1, 4),
             ((0, 8), (0, 11))]  # fmt: skip
    return ["遂宁市财政局", "2025年医疗服务与保障能力提升补助资金区域绩效目标表", Grid(grid, spans)]


def _evaluation(year: int, budget: tuple[str, str, str, str], indicators: list[list[str]], total: tuple[str, str]):
    first = [
        ["项目名称", "医保基金监管", "", "", "", "", "", "", ""],
        ["主管部门", UNIT, "", "", "", "实施单位", UNIT, "", ""],
    ]
    initial, full_year, executed, rate = budget
    rows = [
        ["", "年度资金总额", "", initial, full_year, executed, "10", rate, "10"],
        ["", "其中：当年财政拨款", "", initial, full_year, executed, "—", rate, "—"],
        ["", "上年结转资金", "", "0.00", "0.00", "0.00", "—", "—", "—"],
        ["", "其他资金", "", "0.00", "0.00", "0.00", "—", "—", "—"],
    ]
    goals = ("开展定点医药机构全覆盖检查，守护医保基金安全。", "完成全市定点医药机构检查，基金运行安全。")
    return [UNIT, f"{year}年度项目支出绩效自评表", _self_evaluation(first, rows, goals, indicators, total)]


def self_evaluation_2025() -> list:
    indicators = [
        ["", "产出指标", "数量指标", "检查定点医药机构数量", "≥300家", "320家", "15", "15", ""],
        ["", "", "质量指标", "违规问题整改率", "≥98%", "97%", "15", "13", "部分问题整改周期长，已督促限期整改"],
        ["", "", "时效指标", "检查完成时间", "2025年12月底前", "2025年12月20日", "10", "10", ""],
        ["", "", "成本指标", "检查经费", "≤25万元", "24万元", "10", "10", ""],
        ["", "", "数量指标", "宣传覆盖率", "≥80%", "85%", "10", "10", ""],
        ["", "效益指标", "社会效益指标", "欺诈骗保行为", "有效遏制", "有效遏制", "15", "15", ""],
        ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "≥90%", "15", "15", ""],
    ]  # fmt: skip
    return _evaluation(2025, ("120.00", "125.00", "118.75", "95.00%"), indicators, ("100", "98"))


def self_evaluation_2024() -> list:
    indicators = [
        ["", "产出指标", "数量指标", "检查定点医药机构数量", "≥280家", "291家", "30", "30", ""],
        ["", "", "成本指标", "检查经费", "≤18万元", "17.5万元", "30", "30", ""],
        ["", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥85%", "83%", "30", "26", "投诉处理时限偏长"],
    ]  # fmt: skip
    return _evaluation(2024, ("110.00", "112.00", "100.80", "90.00%"), indicators, ("100", "96"))


def final_accounts_2025() -> list:
    """一般公共预算财政拨款支出决算表 printing the initial and the adjusted budget beside what was spent (元)."""
    grid = [
        ["科目编码", "科目名称", "年初预算数", "调整预算数", "决算数"],
        ["210", "卫生健康支出", "33,866,200.00", "35,166,200.00", "34,462,876.00"],
        ["21015", "医疗保障管理事务", "33,866,200.00", "35,166,200.00", "34,462,876.00"],
        ["2101501", "行政运行", "30,666,200.00", "31,466,200.00", "31,120,000.00"],
        ["2101550", "事业运行", "3,200,000.00", "3,700,000.00", "3,342,876.00"],
    ]
    return [
        f"{UNIT}2025年度部门决算",
        "一般公共预算财政拨款支出决算表",
        "    ".join([f"部门：{UNIT}", "公开05表", "金额单位：元"]),
        Grid(grid),
    ]


DOCUMENTS = {
    "targets_2025": targets_2025,
    "targets_2024": targets_2024,
    "transfer_2025": transfer_2025,
    "self_evaluation_2025": self_evaluation_2025,
    "self_evaluation_2024": self_evaluation_2024,
    "final_accounts_2025": final_accounts_2025,
}

# Two renderings of the same disclosures: each document in a different format in each, every total the same.
FORMATS = (
    {"targets_2025": "pdf", "targets_2024": "docx", "transfer_2025": "xlsx", "self_evaluation_2025": "docx",
     "self_evaluation_2024": "pdf", "final_accounts_2025": "xlsx"},
    {"targets_2025": "xlsx", "targets_2024": "txt", "transfer_2025": "docx", "self_evaluation_2025": "pdf",
     "self_evaluation_2024": "csv", "final_accounts_2025": "pdf"},
)  # fmt: skip


def write_documents(folder: Path, formats: dict[str, str]) -> list[Path]:
    """Render every document of the city into folder, each in its format."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, blocks in DOCUMENTS.items():
        paths.append(folder / f"{name}.{formats[name]}")
        paths[-1].write_bytes(RENDERERS[formats[name]](blocks()))
    return paths


def main(argv: list[str] | None = None) -> int:
    """Write the city's documents to a folder, to ingest: .venv/bin/python tests/budget_grains.py /tmp/grains."""
    import argparse

    parser = argparse.ArgumentParser(description="Write 遂宁市's disclosures at every grain (tests/budget_grains.py).")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--formats", type=int, choices=(0, 1), default=0, help="which set of formats (FORMATS)")
    args = parser.parse_args(argv)
    paths = write_documents(args.folder, FORMATS[args.formats])
    print(f"{len(paths)} documents -> {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
