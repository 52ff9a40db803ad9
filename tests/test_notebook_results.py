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
