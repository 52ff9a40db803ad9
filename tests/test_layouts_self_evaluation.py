"""The self-evaluation the results marts are tested on (tests/self_evaluation.py), rendered and read back: the
layout gives exactly the hand-built records, so the marts asserted in test_results_marts.py are what the
document gives."""

from __future__ import annotations

import pytest

from ingest.layouts import parse_document
from ingest.readers import read_document
from render_templates import RENDERERS
from self_evaluation import SELF_EVALUATION, self_evaluation_blocks


def projects(parsed) -> list[tuple]:
    return [
        (p.table_seq, p.table_kind, p.title, p.unit_name, p.supervising_department, p.amount_unit, p.project_name,
         p.budget, p.fiscal, p.other, p.goal, p.goal_achieved, p.total_score)
        for p in parsed.projects
    ]  # fmt: skip


def indicators(parsed) -> list[tuple]:
    return [
        (r.table_seq, r.horizon, r.row_number, r.level1, r.level2, r.level3, r.target, r.actual, r.weight, r.score,
         r.deviation_reason)
        for r in parsed.indicators
    ]  # fmt: skip


def execution(parsed) -> list[tuple]:
    return [
        (e.table_seq, e.line_seq, e.label, e.role, e.initial, e.full_year, e.executed, e.weight, e.rate, e.score)
        for e in parsed.budget_execution
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt", "xlsx"])
def test_rendered_self_evaluation_reads_as_the_records(tmp_path, fmt):
    path = tmp_path / f"东丽区2026年度绩效自评表.{fmt}"
    path.write_bytes(RENDERERS[fmt](self_evaluation_blocks()))
    parsed = parse_document(read_document(path))
    assert (parsed.meta.issuer, parsed.meta.budget_year, parsed.meta.doc_kind) == (
        "天津市东丽区医疗保障局", 2026, "self_evaluation"
    )  # fmt: skip
    assert projects(parsed) == projects(SELF_EVALUATION)
    assert indicators(parsed) == indicators(SELF_EVALUATION)
    assert execution(parsed) == execution(SELF_EVALUATION)
    assert len(parsed.indicators) == 11 and len(parsed.budget_execution) == 5
    assert not [issue.message for issue in parsed.issues if issue.severity == "warning"]
