"""The generated dbt docs site, opened in headless Chromium, shows the marts with their descriptions."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import run_dbt

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=15000",
]


@pytest.fixture(scope="module")
def site(warehouse):
    target = warehouse.parent / "target"
    run_dbt(["docs", "generate", "--static"], warehouse, target)
    return target / "static_index.html"


def rendered_text(site, fragment: str, tmp_path) -> str:
    """The page's visible text after Angular rendered it (scripts and styles removed)."""
    chromium = shutil.which("chromium")
    assert chromium, "chromium is not installed: run scripts/install_system_deps.sh (Debian's chromium)"
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
         f"file://{site}#!/{fragment}"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    body = re.sub(r"<(script|style)[\s\S]*?</\1>", " ", result.stdout)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_mart_page_shows_description_and_columns(site, tmp_path):
    text = rendered_text(site, "model/model.medinsure.projects", tmp_path)
    assert "One row per target or self-evaluation table (项目支出绩效目标表" in text
    assert "budget_yuan" in text and "预算数 in yuan, exact decimal" in text


def test_indicator_mart_documents_target_columns(site, tmp_path):
    text = rendered_text(site, "model/model.medinsure.indicators", tmp_path)
    assert "One row per indicator row" in text
    assert "target_kind" in text and "deadline_date" in text


def test_notebook_exposure_is_in_the_catalogue(site, tmp_path):
    text = rendered_text(site, "exposure/exposure.medinsure.cross_city_comparison_notebook", tmp_path)
    assert "notebooks/01_cross_city_comparison.ipynb" in text


def test_catalogue_opens_on_the_overview(site, tmp_path):
    text = rendered_text(site, "overview", tmp_path)
    assert "medinsure-warehouse: the data catalogue" in text
    assert "Welcome!" not in text  # dbt's stock landing text is replaced
    for mart in ("budget_summary", "indicator_summary", "project_target_quality", "project_changes", "budget_checks"):
        assert mart in text, mart
    assert "Five questions and the marts that answer them" in text
