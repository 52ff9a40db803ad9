"""Notebook 02 (targets against results) runs against the results warehouse, saves its charts, has no outputs."""

from __future__ import annotations

import json

import nbformat
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "02_targets_vs_results.ipynb"


def test_notebook_is_stored_without_outputs():
    stored = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in stored["cells"] if cell["cell_type"] == "code"]
    assert code and all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


def test_notebook_runs_and_reports_the_findings(results_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_DB", str(results_warehouse))
    monkeypatch.setenv("CHART_DIR", str(tmp_path))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    charts = sorted(path.name for path in tmp_path.glob("*.png"))
    assert charts == ["01_attainment.png", "02_execution.png", "03_audit_findings.png"]
    assert all((tmp_path / name).stat().st_size > 20_000 for name in charts)
    outputs = "".join(
        str(output.get("text", "")) for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    )
    assert "7 findings in 1 region(s)" in outputs
