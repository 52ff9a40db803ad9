"""Notebook 02 (targets against results) runs against the results warehouse, saves its charts, has no outputs."""

from __future__ import annotations

from conftest import ROOT, is_stored_without_outputs, run_notebook

NOTEBOOK = ROOT / "notebooks" / "02_targets_vs_results.ipynb"


def test_notebook_is_stored_without_outputs():
    assert is_stored_without_outputs(NOTEBOOK)


def test_notebook_runs_and_reports_the_findings(results_warehouse, tmp_path, monkeypatch):
    notebook = run_notebook(NOTEBOOK, results_warehouse, tmp_path, monkeypatch)
    charts = sorted(path.name for path in tmp_path.glob("*.png"))
    assert charts == ["01_attainment.png", "02_execution.png", "03_audit_findings.png"]
    assert all((tmp_path / name).stat().st_size > 20_000 for name in charts)
    outputs = "".join(
        str(output.get("text", "")) for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    )
    assert "8 findings in 1 region(s)" in outputs


def test_notebook_runs_on_a_warehouse_without_results(warehouse, tmp_path, monkeypatch):
    notebook = run_notebook(NOTEBOOK, warehouse, tmp_path, monkeypatch)
    assert sorted(path.name for path in tmp_path.glob("*.png")) == []
    outputs = "".join(
        str(output.get("text", "")) for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    )
    assert "No self-evaluation (绩效自评表) in this warehouse: nothing to chart." in outputs
    assert "0 findings in 0 region(s)" in outputs


def test_notebook_totals_are_one_grain_on_the_grains_fixture(grains_warehouse, tmp_path, monkeypatch):
    """遂宁市 (tests/budget_grains.py): evaluated budgets summed per year and grain, as a hand sum does."""
    notebook = run_notebook(NOTEBOOK, grains_warehouse, tmp_path, monkeypatch)
    outputs = "".join(
        str(output.get("text", "")) for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    )
    # 全年预算数 112.00 and 125.00 万元, 全年执行数 100.80 and 118.75 万元: one project self-evaluation a year.
    for year, budget, executed in ((2024, 1_120_000, 1_008_000), (2025, 1_250_000, 1_187_500)):
        line = f"四川省遂宁市 {year} evaluated_project: 1 tables, budget {budget:,.2f} yuan, executed {executed:,.2f}"
        assert line + " yuan" in outputs
    assert "4 findings in 1 region(s)" in outputs
    assert sorted(path.name for path in tmp_path.glob("*.png")) == [
        "01_attainment.png", "02_execution.png", "03_audit_findings.png"
    ]  # fmt: skip
