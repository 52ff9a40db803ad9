"""ingest-explain: what the parser saw in one document, region by region, as a page and as text.

The document holds a target table (one label the vocabulary lacks as a column: 是否核心指标), a budget table and a
table no layout claims (资金项目名称 ... 考核目标值, tests/templates.py `unknown_labels`), rendered as a PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import duckdb
import pdfplumber
import pytest
from test_docs_site import CHROMIUM_FLAGS

from conftest import ROOT
from ingest.explain import explain
from ingest.explain.cli import main
from ingest.explain.page import page
from ingest.explain.saw import NOT_RECORDS, Suggestion
from ingest.explain.suggest import csv_rows, nearest, outcome
from ingest.layouts import parse_document
from ingest.layouts.labels import VOCABULARY_ENV
from ingest.layouts.registry import REGISTRY
from ingest.readers import read_document
from ingest.records import RAW_TABLES
from render_templates import RENDERERS, Grid, render_docx, render_pdf
from templates import TEMPLATES, unknown_labels

TARGET = Grid(
    [
        ["项目名称", "医保基金监管经费", "", "", ""],
        ["预算数", "60.00", "其中：财政资金", "60.00", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "是否核心指标"],
        ["产出指标", "数量指标", "检查定点医药机构", "≥120家", "是"],
        ["", "质量指标", "问题整改率", "100%", "否"],
        ["满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "是"],
    ],
    [((1, 0), (4, 0))],
)
BUDGET = Grid(
    [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", "1,290.50", "1,020.50", "270.00"],
        ["210", "卫生健康支出", "1,290.50", "1,020.50", "270.00"],
        ["21015", "医疗保障管理事务", "1,290.50", "1,020.50", "270.00"],
        ["2101501", "行政运行", "1,020.50", "1,020.50", ""],
        ["2101502", "一般行政管理事务", "270.00", "", "270.00"],
    ]
)
BLOCKS = [
    "湘潭市医疗保障局",
    "2025年项目支出绩效目标表",
    "单位：万元",
    TARGET,
    "预算公开表3",
    "一般公共预算支出表",
    "单位：万元",
    BUDGET,
    "附：宣传经费 <绩效目标> & 说明",  # printed text that is markup in HTML: escaped
    unknown_labels()[-1],
]
SUGGESTED = "scope,role,label,note\nfield,project_name,资金项目名称,\ncolumn,target,考核目标值,\n"
UNITS = [
    "某某区医疗保障局",
    "纳入决算编制范围的单位",
    Grid(
        [
            ["序号", "单位名称", "备注"],
            ["1", "某某区医疗保障局（本级）", ""],
            ["2", "某某区医疗保障事务中心", "并入本级"],
        ]
    ),
]


@pytest.fixture(scope="module")
def document(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("explain") / "xiangtan.pdf"
    path.write_bytes(render_pdf(BLOCKS))
    return path


@pytest.fixture(scope="module")
def html(document) -> str:
    return page(explain(read_document(document)))


def regions(html: str) -> list[tuple[str, str]]:
    """(kind, layout) of each region section, in order."""
    return re.findall(r'<section class="region [^"]*" id="region-\d+" data-region="\d+" data-kind="(\w+)" '
                      r'data-layout="([\w ]+)">', html)  # fmt: skip


def section(html: str, seq: int) -> str:
    return html.split(f'id="region-{seq}"', 1)[1].split("<section", 1)[0]


def test_each_region_is_drawn_with_the_layout_that_claimed_it(html):
    assert regions(html) == [
        ("text", "document_facts"),
        ("table", "project_performance"),
        ("text", "none"),  # the title and unit lines of the budget table: its text above
        ("table", "budget_disclosure"),
        ("text", "none"),
        ("table", "unrecognised"),
    ]
    assert "6 regions: 3 table regions (2 claimed, 1 unrecognised), 3 text regions" in html
    assert "the text above region 4" in section(html, 3)


def test_a_target_table_shows_its_roles_records_and_issue_beside_its_row(html):
    target = section(html, 2)
    assert '<tr class="claimed"><td>project_performance</td><td class="score">1</td><td>claims it</td>' in target
    for role in ("field · project_name", "field · budget", "field · fiscal", "column · level1", "column · target"):
        assert f'<span class="role">{role}</span>' in target, role
    assert "<caption>raw.project_tables (1)</caption>" in target
    assert "<caption>raw.indicator_rows (3)</caption>" in target
    assert "<td>检查定点医药机构</td><td>≥120家</td>" in target  # the record's level3 and target
    # The unknown column's issue is drawn right under the header row it names (row 3 of block 1, page 1, line 6).
    row, after = re.search(r'<tr data-row="3">(.*?)</tr>(<tr class="issues">.*?</tr>)', target).groups()
    assert "是否核心指标" in row and '<span class="prov">p.1 l.6</span>' in row
    assert "column &#x27;是否核心指标&#x27; has no known role; kept in extra <code>unknown_column</code>" in after


def test_a_budget_table_shows_its_lines_and_amounts(html):
    budget = section(html, 4)
    assert '<td>budget_disclosure</td><td class="score">1</td><td>claims it</td>' in budget
    assert '<span class="role">budget_column · code</span>' in budget
    assert '<span class="role">budget_cell · total</span>' in budget
    assert "<caption>raw.budget_tables (1)</caption>" in budget
    assert "<caption>raw.budget_lines (5)</caption>" in budget
    assert "<caption>raw.budget_amounts (13)</caption>" in budget
    assert "<td>预算公开表3</td><td>3</td><td>一般公共预算支出表</td><td>万元</td><td>coded</td>" in budget


def test_an_unrecognised_table_says_why_and_which_vocabulary_rows_read_it(html):
    unread = section(html, 6)
    scores = re.findall(r'<td class="score">([^<]*)</td>', unread)
    assert scores == ["None"] * len(REGISTRY)  # no layout is at all sure of it
    assert (
        '<span class="sev">warning</span>table of 5 rows not recognised (kept whole in raw.table_cells): '
        "资金项目名称 | 医保宣传经费 <code>unrecognised_table</code>"
    ) in unread
    assert f'<pre class="csv">{SUGGESTED}</pre>' in unread
    assert '<span class="label">资金项目名称</span> is like 项目名称: field project_name (block 3, row 1)' in unread
    assert (
        "Tried: with these rows, project_performance claims it and reads 1 project_tables, 2 indicator_rows; 1 warning."
    ) in unread  # the warning: no amount unit above this table
    assert unread.count('<td class="unknown">') == 3  # 资金项目名称, 医保宣传经费, 考核目标值 dashed in the grid
    assert "No records: the table is kept whole" in unread


def test_a_budget_table_with_an_unknown_code_header_is_offered_the_budget_word_first(tmp_path):
    """科目代码 is like 科目编码 (a budget marker) and like 项目代码 (a project code): both sets are tried, and the one
    that reads the table as a budget table with no warning comes first."""
    grid = Grid([["科目代码", "科目名称", "合计", "基本支出"], ["210", "卫生健康支出", "100.00", "100.00"],
                 ["21015", "医疗保障管理事务", "100.00", "100.00"]])  # fmt: skip
    path = tmp_path / "budget.docx"
    path.write_bytes(render_docx(["某某医疗保障局", "一般公共预算支出表", "单位：万元", grid]))
    (table,) = [region for region in explain(read_document(path)).regions if region.kind == "table"]
    assert table.unrecognised
    assert [outcome(trial) for trial in table.trials] == [
        "budget_disclosure claims it and reads 1 budget_tables, 2 budget_lines, 6 budget_amounts; 0 warnings",
        "project_performance claims it and reads 1 project_tables; 3 warnings",
    ]
    assert csv_rows(table.trials[0].rows) == "scope,role,label,note\nbudget_marker,marker,科目代码,\n"
    assert csv_rows(table.trials[1].rows) == (
        "scope,role,label,note\nfield,project_code,科目代码,\nfield,project_name,科目名称,\n"
    )


def test_a_label_known_in_another_scope_is_not_suggested():
    assert nearest("绩效", ("column",), {"column"}) is None  # a part label (绩效 | 一级指标 ...), like 绩效标准
    assert nearest("考核目标值", ("field", "column"), {"column"}) == Suggestion(
        "column", "target", "考核目标值", "目标值"
    )


def test_the_suggested_rows_given_back_read_the_table(document, tmp_path, monkeypatch):
    monkeypatch.delenv(VOCABULARY_ENV, raising=False)
    vocabulary = tmp_path / "my.csv"
    vocabulary.write_text(SUGGESTED, encoding="utf-8")
    out = tmp_path / "page.html"
    assert main(["--vocabulary", str(vocabulary), str(document), "--html", str(out)]) == 0
    assert VOCABULARY_ENV not in os.environ  # the option lasts one run
    fixed = out.read_text(encoding="utf-8")
    assert [layout for kind, layout in regions(fixed) if kind == "table"] == [
        "project_performance",
        "budget_disclosure",
        "project_performance",
    ]
    assert "<caption>raw.indicator_rows (2)</caption>" in section(fixed, 6)
    assert "my.csv" in fixed.split("</header>")[0]  # the vocabulary in force


def test_the_page_is_self_contained_and_escaped(html):
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    for outside in ("<script", "<link", "src=", "url(", "@import", "http://", "https://"):
        assert outside not in html, outside
    assert "附：宣传经费 &lt;绩效目标&gt; &amp; 说明" in html
    assert "<绩效目标>" not in html


def test_without_html_a_summary_is_printed(document, capsys):
    assert main([str(document)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("xiangtan.pdf (pdf): 6 regions, 3 table regions (2 claimed, 1 unrecognised), 3 text regions")
    assert "region   2  table  p.1 l.4-9      project_performance  (1 project_tables, 3 indicator_rows; 1 info)" in out
    assert "region   3  text   p.1 l.10-12    - (the text above region 4)" in out
    assert "region   6  table  p.1 l.20-24    UNRECOGNISED  (1 warning)" in out
    assert out[out.index("    vocabulary rows to add (scope,role,label,note):") + 1 :][:3] == [
        "      field,project_name,资金项目名称,",
        "      column,target,考核目标值,",
        "    tried: project_performance claims it and reads 1 project_tables, 2 indicator_rows; 1 warning",
    ]


def test_a_missing_file_or_bad_vocabulary_is_refused(tmp_path, document, capsys, monkeypatch):
    monkeypatch.delenv(VOCABULARY_ENV, raising=False)
    assert main([str(tmp_path / "nothing.pdf")]) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("scope,role,label\nfield,project_title,项目抬头\n", encoding="utf-8")
    assert main(["--vocabulary", str(bad), str(document)]) == 2
    assert "unknown field role 'project_title'" in capsys.readouterr().err
    assert VOCABULARY_ENV not in os.environ


def drawn_once(document) -> None:
    """Nothing is lost from the page and nothing counts twice: per raw table, the regions' records add up to the
    document's, every issue is placed once, and the page has a section per region."""
    parsed = parse_document(document)
    explanation = explain(document)
    drawn = Counter()
    for region in explanation.regions:
        for records in region.records:
            drawn[records.raw_table] += len(records.rows)
    assert (
        drawn
        == Counter({raw.name: len(getattr(parsed, raw.field)) for raw in RAW_TABLES if raw.name not in NOT_RECORDS})
        - Counter()
    )
    placed = len(explanation.issues) + sum(
        len(region.issues) + sum(len(block.issues) + sum(len(row.issues) for row in block.rows)
                                 for block in region.blocks)
        for region in explanation.regions
    )  # fmt: skip
    assert placed == len(parsed.issues)
    assert len(regions(page(explanation))) == len(explanation.regions)


@pytest.mark.parametrize("sample", sorted((ROOT / "data" / "samples").glob("0*.txt")), ids=lambda path: path.name[:3])
def test_every_record_is_drawn_in_exactly_one_region(sample):
    drawn_once(read_document(sample))


@pytest.mark.parametrize("fmt", ("txt", "pdf", "docx", "xlsx", "csv"))
@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_in_every_format_is_drawn_whole(name, fmt, tmp_path):
    path = tmp_path / f"{name}.{fmt}"
    path.write_bytes(RENDERERS[fmt](TEMPLATES[name]()))
    drawn_once(read_document(path))


def test_an_export_grouped_into_projects_draws_each_in_its_region(tmp_path):
    """The indicator export reads its projects when it finishes: they are placed by the row each starts on."""
    from templates import indicator_export

    path = tmp_path / "export.docx"
    path.write_bytes(render_docx(indicator_export()))
    (table,) = [region for region in explain(read_document(path)).regions if region.kind == "table"]
    assert table.layout == "indicator_export"
    assert (table.count("project_tables"), table.count("indicator_rows")) == (2, 5)


def test_make_explain_writes_the_page(document, tmp_path):
    out = tmp_path / "made.html"
    made = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "explain", f"FILE={document}", f"HTML={out}"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr[-2000:]
    assert f"{out}: 6 regions (3 tables, 1 unrecognised)" in made.stdout
    assert regions(out.read_text(encoding="utf-8"))[-1] == ("table", "unrecognised")
    vocabulary = tmp_path / "my.csv"
    vocabulary.write_text(SUGGESTED, encoding="utf-8")
    made = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "explain", f"FILE={document}", f"HTML={out}", f"VOCABULARY={vocabulary}"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr[-2000:]
    assert f"{out}: 6 regions (3 tables, 0 unrecognised)" in made.stdout


def chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """Debian's chromium, headless, with the docs site test's flags."""
    binary = shutil.which("chromium")
    assert binary, "chromium is not installed: run scripts/install_system_deps.sh (Debian's chromium)"
    return subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip


def test_the_page_in_a_browser_shows_the_regions_and_the_row_to_add(html, tmp_path):
    site = tmp_path / "page.html"
    site.write_text(html, encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", f"file://{site}").stdout
    assert len(re.findall(r'<section class="region ', dom)) == 6
    assert re.findall(r'data-layout="(\w+)"', dom)[-1] == "unrecognised"
    # What a reader sees on paper: the page printed to PDF by the browser, its text read back. Collapsed parts
    # (the layouts asked about a text region) are not printed; the unrecognised table's rows to add are.
    printed = tmp_path / "page.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={printed}", f"file://{site}")
    with pdfplumber.open(printed) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "6 regions: 3 table regions (2 claimed, 1 unrecognised), 3 text regions" in text
    assert re.findall(r"^Region (\d) ·", text, flags=re.M) == ["1", "2", "3", "4", "5", "6"]
    assert "Region 6 · table · page 1 · lines 20–24 · unrecognised" in text
    assert "scope,role,label,note\nfield,project_name,资金项目名称,\ncolumn,target,考核目标值," in text
    assert "Tried: with these rows, project_performance claims it and reads 1 project_tables, 2" in text
    assert "附：宣传经费 <绩效目标> & 说明" in text  # escaped in the source, shown as printed
    shot = tmp_path / "page.png"
    chromium(tmp_path, "--window-size=1400,2400", f"--screenshot={shot}", f"file://{site}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_readme_example_prints_what_the_readme_shows(document, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("### Seeing what the parser saw", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    shown = example.split("$ ")[1].splitlines()[1:]  # the first command's output
    assert main([str(document)]) == 0
    printed = capsys.readouterr().out.splitlines()
    for line in shown:
        if "..." in line:
            assert any(out.startswith(line.split("...")[0].rstrip()) for out in printed), line
        else:
            assert line in printed, line


def test_a_folder_named_explain_is_still_a_folder_to_ingest(tmp_path, monkeypatch):
    """ingest-explain is a command of its own: `ingest explain` keeps meaning the documents in ./explain."""
    from ingest.cli import main as ingest

    folder = tmp_path / "explain"
    folder.mkdir()
    (folder / "xiangtan.docx").write_bytes(render_docx(BLOCKS[:8]))
    monkeypatch.chdir(tmp_path)
    assert ingest(["--db", str(tmp_path / "w.duckdb"), "--quiet", "--workers", "1", "explain"]) == 0
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert con.execute("select file_name, n_projects from raw.documents").fetchall() == [("xiangtan.docx", 1)]
    con.close()


def test_a_merged_cell_and_what_each_layout_looks_for_are_drawn(html):
    target = section(html, 2)
    # 医保基金监管经费 spans columns 2-5 of row 1: its text in the first, the cells it covers blank (shaded).
    assert (
        '<tr data-row="1"><th class="row">1 <span class="prov">p.1 l.4</span></th><td>项目名称<span class="role">'
        'field · project_name</span></td><td>医保基金监管经费</td><td class="blank"></td><td class="blank"></td>'
        '<td class="blank"></td></tr>'
    ) in target
    # Beside a layout's None: what its detect looks for.
    assert (
        '<tr><td>budget_disclosure</td><td class="score">None</td><td></td><td>a table number above the table '
        "(预算公开表N, 公开05表) or a budget_marker word (科目编码, 本年收入, 栏次 ...) in its first three rows; not a "
        "table of contents</td></tr>"
    ) in target


def test_a_table_no_known_label_resembles_asks_for_its_roles_or_a_layout(tmp_path, capsys):
    """序号 | 单位名称 | 备注 (the units a 部门决算 lists first): 单位名称 is known, the rest resembles nothing."""
    path = tmp_path / "units.docx"
    path.write_bytes(render_docx(UNITS))
    explanation = explain(read_document(path))
    (table,) = [region for region in explanation.regions if region.kind == "table"]
    assert (table.unrecognised, table.unknown, table.suggestions, table.trials) == (
        True,
        ("序号", "备注", "某某区医疗保障局（本级）", "某某区医疗保障事务中心", "并入本级"),  # its first three rows
        (),
        (),
    )
    assert (
        '<p class="advice">No known label resembles them: add the labels among them with the role each plays '
        "(README, Extending the vocabulary), or, if no layout reads a table of this shape, write one (README, How a "
        "document flows).</p>"
    ) in page(explanation)
    assert main([str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[out.index("    first row: 序号 | 单位名称 | 备注") :][1:3] == [
        "    text in its first rows the vocabulary does not know: 序号, 备注, 某某区医疗保障局（本级）, "
        "某某区医疗保障事务中心, 并入本级",
        "    No known label resembles them: add the labels among them with the role each plays (README, Extending "
        "the vocabulary), or, if no layout reads a table of this shape, write one (README, How a document flows)",
    ]


def test_a_layout_that_fails_on_a_region_is_shown_there_and_the_rest_still_read(document, monkeypatch, capsys):
    """ingest fails a document whose layout raises; the page names the region, the error and where it was raised,
    and draws every other region as it reads."""
    from ingest.layouts.budget_tables import BudgetTables
    from ingest.pipeline import parse_file

    def broken(self, region, found):
        raise IndexError("list index out of range")

    monkeypatch.setattr(BudgetTables, "parse", broken)
    failed = parse_file(document)
    assert (failed.status, failed.error) == ("failed", "xiangtan.pdf: unexpected IndexError: list index out of range")
    explanation = explain(read_document(document))
    assert [(region.seq, region.layout) for region in explanation.regions if region.failed] == [
        (4, "budget_disclosure")
    ]
    html = page(explanation)
    budget = section(html, 4)
    assert '<span class="badge failed">budget_disclosure failed</span>' in budget
    assert "<code>IndexError: list index out of range (test_explain.py:" in budget
    assert "<caption>raw.budget_lines" not in budget
    assert "<caption>raw.indicator_rows (3)</caption>" in section(html, 2)  # the regions before and after: read
    assert regions(html)[-1] == ("table", "unrecognised")
    assert main([str(document)]) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"^region   4  table  p\.1 l\.13-18    budget_disclosure FAILED: IndexError: list index out of range "
        r"\(test_explain\.py:\d+ in broken\)$",
        out,
        flags=re.M,
    )
    assert "ingest fails this document: its layout raised an error reading region 4 (each read as nothing here)" in out


def test_python_m_ingest_explain_writes_nothing_but_the_page(document, tmp_path):
    out = tmp_path / "page.html"
    run = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "ingest.explain", str(document), "--html", str(out)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout == f"{out}: 6 regions (3 tables, 1 unrecognised)\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["page.html"]


def test_a_new_layout_is_asked_and_claims_its_region(tmp_path, monkeypatch, capsys):
    """README, How a document flows: a layout added to the registry shows up in every region's list, with what it
    looks for, and claims the table it detects; its tables get its name as their kind."""
    from ingest.layouts import registry
    from ingest.layouts.layout import Found, Layout
    from ingest.layouts.segment import TableRegion

    class UnitList(Layout):
        name = "unit_list"
        wants = "a first row 序号 | 单位名称"

        def detect(self, region):
            if isinstance(region, TableRegion) and region.pieces[0].table.rows[0].texts[:2] == ["序号", "单位名称"]:
                return 1.0
            return None

        def parse(self, region, found):
            return Found()

    monkeypatch.setattr(registry, "REGISTRY", (*registry.REGISTRY, UnitList))
    path = tmp_path / "units.docx"
    path.write_bytes(render_docx(UNITS))
    html = page(explain(read_document(path)))
    assert regions(html) == [("text", "document_facts"), ("table", "unit_list")]
    assert (
        '<tr class="claimed"><td>unit_list</td><td class="score">1</td><td>claims it</td>'
        "<td>a first row 序号 | 单位名称</td></tr>"
    ) in html
    assert "<h3>block 1 · unit_list · line 3 · 3 rows × 3 columns</h3>" in html
    assert main([str(path)]) == 0
    assert "region   2  table  l.3-5          unit_list" in capsys.readouterr().out.splitlines()
    # A parse that raises: shown in its region, where ingest fails the whole document.
    from ingest.pipeline import parse_file

    def parse(self, region, found):
        return {}["code"]

    monkeypatch.setattr(UnitList, "parse", parse)
    assert parse_file(path).error == "units.docx: unexpected KeyError: 'code'"
    assert main([str(path)]) == 0
    assert re.search(
        r"^region   2  table  l\.3-5          unit_list FAILED: KeyError: 'code' \(test_explain\.py:\d+ in parse\)$",
        capsys.readouterr().out,
        flags=re.M,
    )


def test_the_readme_on_adding_a_layout_names_what_is_so(tmp_path):
    """The smallest whole layout is department_goals.py; monitoring detects 2 where performance/ detects 1."""
    import inspect

    from ingest.layouts.registry import REGISTRY
    from templates import project_monitoring

    sizes = {
        Path(inspect.getsourcefile(layout)).relative_to(ROOT / "ingest" / "layouts").as_posix(): len(
            inspect.getsource(inspect.getmodule(layout)).splitlines()
        )
        for layout in REGISTRY
    }
    assert min(sizes, key=sizes.get) == "department_goals.py"
    path = tmp_path / "monitoring.docx"
    path.write_bytes(render_docx(project_monitoring()))
    tables = [region for region in explain(read_document(path)).regions if region.kind == "table"]
    assert {(score.layout, score.score, score.claimed) for region in tables for score in region.scores
            if score.layout.startswith("project_")} == {("project_performance", 1.0, False),
                                                         ("project_monitoring", 2.0, True)}  # fmt: skip


TWO_SIDED = [
    "2025年部门财政拨款收支预算总表",
    "编制部门：某某区医疗保障局 单位：万元",
    Grid(
        [
            ["资金来源", "", "资金安排", "", "", "", ""],
            ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
            ["一、一般公共预算资金", "1,290.50", "一、卫生健康支出", "1,290.50", "1,290.50", "", ""],
            ["二、政府性基金", "", "二、社会保障和就业支出", "", "", "", ""],
            ["收入总计", "1,290.50", "支出总计", "1,290.50", "1,290.50", "", ""],
        ],
        [((0, 0), (1, 0)), ((2, 0), (6, 0))],
    ),
]


def test_a_budget_table_whose_words_resemble_no_marker_is_offered_its_first_label_as_one(tmp_path, capsys):
    """A two-sided 收支总表 without a table number headed by words the vocabulary does not know (资金来源 | 资金安排;
    its 财政拨款收入 | 财政拨款支出 form is read as printed by Shanghai's districts): no word resembles a budget marker,
    the labels read as target-table fields get it claimed by no layout; its first label as a marker does."""
    path = tmp_path / "two_sided.docx"
    path.write_bytes(render_docx(TWO_SIDED))
    assert main([str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[out.index("    first row: 资金来源 | 资金安排") + 2 :] == [
        "    vocabulary rows to add (scope,role,label,note):",
        "      budget_marker,marker,资金来源,",
        "    tried: budget_disclosure claims it and reads 1 budget_tables, 3 budget_lines, 12 budget_amounts; "
        "0 warnings",
        "    or (scope,role,label,note):",
        "      field,fiscal,一、一般公共预算资金,",
        "    tried: no layout claims it yet",
        "",
        "--html OUT draws every region: its cells and their roles, the records read, the issues in place.",
    ]
    html = page(explain(read_document(path)))
    assert (
        '<li><span class="label">资金来源</span> as a word that marks a budget table: budget_marker marker '
        "(block 1, row 1)</li>"
    ) in html
    assert '<p class="advice">' not in html  # a set of rows gets it read
    vocabulary = tmp_path / "my.csv"
    vocabulary.write_text("scope,role,label,note\nbudget_marker,marker,资金来源,\n", encoding="utf-8")
    assert main(["--vocabulary", str(vocabulary), str(path)]) == 0
    assert (
        "region   2  table  l.3-7          budget_disclosure  (1 budget_tables, 3 budget_lines, 12 budget_amounts; "
        "1 info)" in (capsys.readouterr().out.splitlines())
    )
