"""The notebook runs against a freshly built warehouse and a synthetic one of 30 regions, saves its charts, and is
stored without outputs."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from conftest import ROOT, build_warehouse
from synthetic import write_synthetic_documents

NOTEBOOK = ROOT / "notebooks" / "01_cross_city_comparison.ipynb"
CROSS_CITY_CHARTS = [
    "01_budgets.png",
    "02_project_kinds.png",
    "03_budget_per_insured.png",
    "04_indicator_mix.png",
    "05_satisfaction_targets.png",
    "06_target_quality.png",
]


def run_notebook(warehouse, chart_dir, monkeypatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("WAREHOUSE_DB", str(warehouse))
    monkeypatch.setenv("CHART_DIR", str(chart_dir))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    return notebook


def text_of(notebook) -> str:
    return "".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/markdown", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def test_notebook_is_stored_without_outputs():
    stored = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in stored["cells"] if cell["cell_type"] == "code"]
    assert code and all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


def test_notebook_runs_on_the_samples(warehouse, tmp_path, monkeypatch):
    notebook = run_notebook(warehouse, tmp_path, monkeypatch)
    charts = sorted(path.name for path in tmp_path.glob("*.png"))
    assert charts == CROSS_CITY_CHARTS  # no unit has two years in the samples: no year-over-year chart
    assert all((tmp_path / name).stat().st_size > 20_000 for name in charts)
    text = text_of(notebook)
    assert "WenQuanYi" in text or "Noto" in text  # a CJK font was found and used
    assert "No unit has two budget years in this warehouse" in text
    assert "No insured-person figure stated: 滨海新区（县级） 2026." in text  # the other four state one
    assert "No numeric satisfaction target: 天长市（县级） 2023." in text
    # The executed notebook exports to HTML with its charts and tables in it (what make notebook saves).
    html, _ = HTMLExporter().from_notebook_node(notebook)
    assert html.count("<img") == len(CROSS_CITY_CHARTS) and "<table" in html


@pytest.fixture(scope="module")
def thirty_regions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("thirty_regions")
    write_synthetic_documents(folder / "documents", n_regions=30)
    return build_warehouse(folder / "documents", folder)


def test_notebook_runs_at_thirty_regions(thirty_regions, tmp_path, monkeypatch):
    import duckdb

    con = duckdb.connect(str(thirty_regions), read_only=True)
    regions, regions_with_two_years = con.execute(
        "select count(distinct region_code), (select count(distinct region_code) from marts.project_changes) "
        "from marts.projects"
    ).fetchone()
    con.close()
    assert (regions, regions_with_two_years) == (30, 10)
    run_notebook(thirty_regions, tmp_path, monkeypatch)
    charts = sorted(path.name for path in tmp_path.glob("*.png"))
    assert charts == [*CROSS_CITY_CHARTS, "07_year_over_year.png"]


def test_notebook_totals_are_one_grain_on_the_grains_fixture(grains_warehouse, tmp_path, monkeypatch):
    """遂宁市 2025 (tests/budget_grains.py): the bars add up the three project tables only, as a hand sum does."""
    import re

    notebook = run_notebook(grains_warehouse, tmp_path, monkeypatch)
    text = text_of(notebook)
    project_budget = 1_200_000 + 2_000_000 + 300_000  # 医保基金监管, 医保信息化运维, 参保扩面工作经费
    department_total = 1_200_000 + 2_000_000 + 30_666_200  # its 年度主要任务, two of them the projects above
    transfer = 10_000_000 + 2_296_000  # 中央补助 + 地方资金 passed on to the counties
    bars = re.search(r"Sum of the bars: ([\d,.]+) yuan in (\d+) project tables", text)
    assert (bars.group(1), bars.group(2)) == (f"{project_budget:,.2f}", "3")
    assert f"department totals {department_total:,.2f} yuan (1 tables, of which 3,200,000.00 yuan" in text
    assert f"transfers to lower levels {transfer:,.2f} yuan (1 tables)" in text
    assert f"Sum over the kinds: {project_budget:,.2f} yuan in 3 project tables" in text
    # Year over year: 医保基金监管 110.00 万元 in 2024; the three project tables in 2025, not the transfer.
    assert f"遂宁市（地级） 2024→2025 1,100,000.00 -> {project_budget:,.2f} yuan." in text
    # Never the sum of every table (5,091.22 万元 with the department total, the transfer and the self-evaluation).
    assert "50,912,200" not in text
    assert sorted(path.name for path in tmp_path.glob("*.png")) == [*CROSS_CITY_CHARTS, "07_year_over_year.png"]
