"""What the cross-document dbt models compare, measured on a built warehouse (bench/bench_scale.py, test_blocking.py).

A cross-document model compares a document's tables with other documents' tables. Each compares only within a
block (an equi-join key: region and normalised unit, issuer, year, code or name), so the pairs it forms grow with
the documents, not with their square. For each model: rows in (its inputs), candidate pairs (the pairs its blocked
join or window forms, counted from the blocks it forms: see PAIRS), rows out, the seconds its own query takes with
its inputs materialised, and the join operators of its plan (EXPLAIN ANALYZE) that compare every row with every
row (nested loop, cross product), which none may have.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import duckdb
from budget_grains import DOCUMENTS

from render_templates import RENDERERS
from synthetic import reissue_for_next_year, relocate, sample_text

# Models that join documents to documents (in dbt's order), and how their blocks are formed.
MODELS = (
    "int_tables_deduplicated",
    "int_documents_deduplicated",
    "int_projects_keyed",
    "int_self_evaluations_linked",
    "int_self_evaluations_keyed",
    "int_indicators_linked",
    "int_department_tasks_matched",
    "duplicate_tables",
    "project_changes",
    "indicator_changes",
)

# Candidate pairs: what each model's own blocked joins (or windows) form, counted by a query over the model's own
# CTEs (its compiled SQL with this query in place of its final select), so the count follows the model's code. A
# window compares the rows of one partition: the squares of its partitions; a join its output before any filter
# other than the equi-keys where the model filters after the join.
PAIRS = {
    # the copies of one table: partitions of content fingerprint (type, issuer, year, what it says) and unit
    "int_tables_deduplicated": """
        select sum(n * n) from (
            select count(*) as n from numbered group by content_fingerprint, unit_key, occurrence)""",
    "int_documents_deduplicated": "select count(*) from tables inner join tables as counted "
    "on tables.counted_table_id = counted.table_id",
    # a project with every project of its unit in the unit's previous year: each pair gets a Jaro-Winkler similarity
    "int_projects_keyed": "select count(*) from pairs",
    "int_self_evaluations_linked": "select count(*) from candidates",
    "int_self_evaluations_keyed": "select count(*) from evaluations inner join targets "
    "on evaluations.key_basis = targets.key_basis",
    "int_indicators_linked": "select count(*) from pairs",
    "int_department_tasks_matched": """
        select count(*) from task_names inner join project_names
            on task_names.unit_key = project_names.unit_key and task_names.budget_year = project_names.budget_year
            and task_names.name_key = project_names.name_key""",
    # counted tables of one name key (type, kind, issuer, year and name): the near-duplicates' join
    "duplicate_tables": """
        select coalesce(sum(n * n), 0) from (
            select count(*) as n from described
            where is_counted and table_type in ('project_table', 'budget_table') group by name_key)""",
    "project_changes": "select count(*) from unioned",
    "indicator_changes": "select count(*) from matched",
}

# What a join on the year (and grain) alone, without region and unit, would compare: the quadratic cost avoided.
YEAR_ONLY_PAIRS = {
    "int_projects_keyed": """
        select coalesce(sum(current_year.n * previous_year.n), 0)
        from (select budget_year, count(*) as n from keyed_input group by budget_year) as current_year
        inner join (select budget_year, count(*) as n from keyed_input group by budget_year) as previous_year
            on previous_year.budget_year = current_year.budget_year - 1""",
    "int_self_evaluations_linked": """
        select coalesce(sum(evaluated.n * published.n), 0)
        from (select budget_year, table_kind like 'department%' as is_department_wide, count(*) as n
              from evaluations group by all) as evaluated
        inner join (select budget_year, table_kind like 'department%' as is_department_wide, count(*) as n
                    from targets group by all) as published
            on evaluated.budget_year = published.budget_year
            and evaluated.is_department_wide = published.is_department_wide""",
}

# Join operators that compare every row of one side with every row of the other.
UNBLOCKED_JOINS = ("NESTED_LOOP_JOIN", "CROSS_PRODUCT", "BLOCKWISE_NL_JOIN", "PIECEWISE_MERGE_JOIN")


def write_city(folder: Path, city: str) -> None:
    """One city's documents (9 files), every kind of cross-document relation: sample 000 moved to it and re-issued
    a year later (project keys across years); 遂宁市's disclosures at every grain (tests/budget_grains.py) moved to
    it as text (self-evaluations, department tasks), its 2025 targets also as CSV (the same disclosure in two
    formats: duplicates)."""
    tianjin = sample_text("000")
    text = relocate(tianjin, "天津市", city, 1.0)
    (folder / f"{city}_budget.txt").write_text(text, encoding="utf-8")
    (folder / f"{city}_budget_next_year.txt").write_text(reissue_for_next_year(text), encoding="utf-8")
    short = city.removesuffix("市")
    for name, blocks in DOCUMENTS.items():
        for fmt in ("txt", "csv") if name == "targets_2025" else ("txt",):
            rendered = RENDERERS[fmt](blocks())
            (folder / f"{city}_{name}.{fmt}").write_bytes(rendered.replace("遂宁".encode(), short.encode()))


def _nodes(target: Path) -> tuple[dict, dict]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    models = {node["name"]: node for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    return manifest, models


def _ancestors(manifest: dict, unique_ids: list[str]) -> list[str]:
    """The models these depend on and themselves, parents before children."""
    order: list[str] = []

    def visit(unique_id: str) -> None:
        node = manifest["nodes"].get(unique_id)
        if node is None or node["resource_type"] != "model" or unique_id in order:
            return
        for parent in node["depends_on"]["nodes"]:
            visit(parent)
        order.append(unique_id)

    for unique_id in unique_ids:
        visit(unique_id)
    return order


def _relation(node: dict) -> str:
    return f'"{node["schema"]}"."{node["alias"]}"'


def _parent_rows(con, manifest: dict, node: dict) -> int:
    rows = 0
    for parent in node["depends_on"]["nodes"]:
        parent_node = manifest["nodes"].get(parent) or manifest["sources"].get(parent)
        if parent_node is None or parent_node["resource_type"] not in ("model", "seed", "source"):
            continue
        name = parent_node.get("alias") or parent_node.get("identifier") or parent_node["name"]
        rows += con.execute(f'select count(*) from "{parent_node["schema"]}"."{name}"').fetchone()[0]
    return rows


def _within(sql: str, query: str) -> str:
    """The model's compiled SQL with query in place of its final `select * from final`."""
    body = sql.rstrip().rstrip(";").rstrip()
    if not body.endswith("select * from final"):
        raise ValueError("a cross-document model ends with `select * from final`")
    return body.removesuffix("select * from final") + query


def unblocked_joins(con, sql: str) -> list[str]:
    """The join operators of the query's plan that compare all pairs (EXPLAIN ANALYZE), with their conditions."""
    plan = json.loads(con.execute(f"explain (analyze, format json) {sql}").fetchall()[0][1])
    found = []

    def walk(operator: dict) -> None:
        if operator.get("type") in UNBLOCKED_JOINS or operator.get("name") in UNBLOCKED_JOINS:
            conditions = operator.get("extra_info", {}).get("Conditions", "")
            found.append(f"{operator.get('name')} ({conditions}, {operator.get('intermediate_rows')} rows)")
        for child in operator.get("children", []):
            walk(child)

    for operator in plan.get("operator", []) if isinstance(plan, dict) else plan:
        walk(operator)
    return found


def measure(db: Path, target: Path, models: tuple[str, ...] = MODELS) -> dict[str, dict]:
    """Per cross-document model of a built warehouse (dbt target folder with its manifest): rows_in, pairs (None
    where the model forms no cross-document pairs of its own beyond keyed lookups), rows_out, seconds (its own query,
    its inputs materialised), dbt_seconds (run_results.json: a view's is its creation only) and unblocked joins.

    Works on the file in place: every model the cross-document ones depend on becomes a table (what dbt built as
    a view is replaced by a table of the same rows), so pass a copy."""
    manifest, by_name = _nodes(target)
    wanted = [by_name[name]["unique_id"] for name in models if name in by_name]
    run_results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    dbt_seconds = {result["unique_id"]: result["execution_time"] for result in run_results["results"]}
    figures: dict[str, dict] = {}
    con = duckdb.connect(str(db))
    con.execute("set enable_progress_bar = false")
    try:
        for unique_id in _ancestors(manifest, wanted):
            node = manifest["nodes"][unique_id]
            sql = node.get("compiled_code")
            if not sql:
                raise ValueError(f"{node['name']} is not compiled in {target} (run dbt build or run first)")
            relation = _relation(node)
            kind = con.execute(
                "select table_type from information_schema.tables where table_schema = ? and table_name = ?",
                [node["schema"], node["alias"]],
            ).fetchone()
            if kind is None:
                raise ValueError(f"{relation} is not built in {db}")
            if node["name"] in models:
                entry = {"rows_in": _parent_rows(con, manifest, node), "unblocked": unblocked_joins(con, sql)}
            started = time.perf_counter()
            con.execute(f'create table {relation[:-1]}__measured" as {sql}')
            seconds = time.perf_counter() - started
            con.execute(f"drop {'view' if kind[0] == 'VIEW' else 'table'} {relation}")
            con.execute(f'alter table {relation[:-1]}__measured" rename to "{node["alias"]}"')
            if node["name"] in models:
                entry["rows_out"] = con.execute(f"select count(*) from {relation}").fetchone()[0]
                entry["seconds"] = seconds
                entry["dbt_seconds"] = dbt_seconds.get(unique_id)
                for field, queries in (("pairs", PAIRS), ("year_only_pairs", YEAR_ONLY_PAIRS)):
                    if node["name"] in queries:
                        count = con.execute(_within(sql, queries[node["name"]])).fetchone()[0]
                        entry[field] = int(count or 0)
                figures[node["name"]] = entry
    finally:
        con.close()
    return figures
