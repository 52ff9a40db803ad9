"""Incremental dbt keyed by document: after a changed, a removed document or a stated fact, an incremental build (as
make dbt runs it: tables, incremental models and data tests downstream of the raw sources; no views, seeds, tables
of seeds alone or unit tests) gives exactly the rows
of a full refresh of the same raw tables (macros/incremental_by_document.sql); and `python -m ingest.dbt_build`
(make dbt) asks for a full refresh only when the dbt project changed."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, SAMPLES, run_dbt, sample_path
from ingest import dbt_build, load, publish
from ingest.cli import main
from synthetic import reissue_for_next_year, relocate

INCREMENTAL_MODELS = {
    "staging": ["stg_raw__indicator_rows", "stg_raw__project_tables"],
    "intermediate": [
        "int_indicators_joined",
        "int_projects_named",
        "int_indicator_targets_parsed",
        "int_indicator_actuals_parsed",
        "int_indicators_classified",
        "int_indicators_conceptualised",
        "int_table_cells_recognised",
        "int_budget_lines_classified",
        "int_budget_amounts_measured",
        "int_budget_execution_converted",
        "int_documents_regioned",
        "int_budget_tables_scoped",
        "int_budget_amounts_scoped",
    ],
    "marts": ["indicators", "budget_lines", "budget_amounts", "indicator_changes"],
}


# What make dbt runs when the dbt project is unchanged (views, seeds and unit tests left out).
INCREMENTAL_BUILD = dbt_build.incremental_command(["build"])


def ingest(db: Path, docs: Path, *options: str) -> None:
    assert main(["--db", str(db), "--quiet", "--prune", *options, str(docs)]) == 0


def built_tables(db: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and table_schema in ('staging', 'intermediate', 'marts') order by all"
        ).fetchall()


def differences(db: Path, reference: Path) -> dict[str, tuple[int, int]]:
    """Each built table whose rows differ between the two warehouses: rows only in one, rows only in the other."""
    found = {}
    con = duckdb.connect()
    con.execute(f"attach '{db}' as incremental (read_only)")
    con.execute(f"attach '{reference}' as reference (read_only)")
    for schema, table in built_tables(reference):
        one, other = f"incremental.{schema}.{table}", f"reference.{schema}.{table}"
        only_here = con.execute(f"select count(*) from (from {one} except all from {other})").fetchone()[0]
        only_there = con.execute(f"select count(*) from (from {other} except all from {one})").fetchone()[0]
        if only_here or only_there:
            found[f"{schema}.{table}"] = (only_here, only_there)
    con.close()
    return found


def assert_same_as_full_refresh(db: Path, tmp_path: Path, name: str) -> None:
    """A full refresh of a copy of the warehouse (same raw tables) has every table row for row."""
    folder = tmp_path / name
    folder.mkdir()
    reference = folder / db.name  # the same file name: DuckDB names the database after it
    shutil.copyfile(db, reference)
    run_dbt(["run", "--full-refresh"], reference, folder / "target")
    tables = built_tables(reference)
    for schema, models in INCREMENTAL_MODELS.items():
        assert {(schema, model) for model in models} <= set(tables)
    assert sum(schema == "marts" for schema, _ in tables) >= 30
    assert differences(db, reference) == {}


def comments(db: Path) -> set[tuple[str, str, str, str]]:
    """Every comment on a model's relation or column in the warehouse: schema, relation, column ('' for the
    relation itself) and comment."""
    schemas = "('staging', 'intermediate', 'marts')"
    with duckdb.connect(str(db), read_only=True) as con:
        return set(
            con.execute(
                f"select schema_name, table_name, '', comment from duckdb_tables() where schema_name in {schemas} "
                f"union all select schema_name, view_name, '', comment from duckdb_views() "
                f"where schema_name in {schemas} "
                f"union all select schema_name, table_name, column_name, comment from duckdb_columns() "
                f"where schema_name in {schemas} and comment is not null"
            ).fetchall()
        )


def descriptions(target: Path) -> set[tuple[str, str, str, str]]:
    """The models' descriptions and their columns' in the manifest, as comments() gives them."""
    described = set()
    for node in json.loads((target / "manifest.json").read_text(encoding="utf-8"))["nodes"].values():
        if node["resource_type"] == "model":
            described.add((node["schema"], node["alias"], "", node["description"]))
            described |= {(node["schema"], node["alias"], name, column["description"])
                          for name, column in node["columns"].items()}  # fmt: skip
    return described


def counts(db: Path) -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "select (select count(*) from marts.documents), (select count(*) from marts.projects), "
            "(select count(*) from marts.indicators), (select count(*) from staging.stg_raw__indicator_rows), "
            "(select count(distinct document_revision) from intermediate.int_indicators_joined)"
        ).fetchone()


def revisions(db: Path) -> dict[str, str]:
    """The revision each document's rows in int_indicators_joined were built from, by file name."""
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(
            con.execute(
                "select distinct documents.file_name, indicators.document_revision "
                "from intermediate.int_indicators_joined as indicators "
                "inner join marts.documents as documents on indicators.document_id = documents.document_id"
            ).fetchall()
        )


def test_incremental_runs_equal_a_full_refresh(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(SAMPLES, docs)
    db = tmp_path / "build" / "warehouse.duckdb"
    db.parent.mkdir()
    target = tmp_path / "build" / "target"
    ingest(db, docs)
    run_dbt(["seed"], db, target)
    run_dbt(["run"], db, target)  # the first run builds every model
    assert counts(db) == (5, 125, 876, 876, 5)

    # (a) A changed document: its third project gone, so a new document_id and a removed one.
    path = docs / sample_path("002").name
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[bookmark: _Toc_4_4_0000000006]")], encoding="utf-8")
    ingest(db, docs)
    run_dbt(INCREMENTAL_BUILD, db, target)
    assert counts(db)[:3] == (5, 124, 876 - 7)  # 002 printed 19 indicator rows, now 12
    # Every relation and column carries its description as a comment (macros/persist_docs.sql), the incremental
    # models' kept from the first run.
    assert comments(db) == descriptions(target)
    assert_same_as_full_refresh(db, tmp_path, "changed")

    # (b) A removed document.
    (docs / sample_path("004").name).unlink()
    ingest(db, docs)
    run_dbt(INCREMENTAL_BUILD, db, target)
    assert counts(db)[:3] == (4, 124 - 6, 876 - 7 - 92)  # 004: 6 projects, 92 indicator rows
    assert_same_as_full_refresh(db, tmp_path, "removed")

    # (c) A stated fact of an unchanged file: documents.csv gives 003 another year; only its rows get a new revision.
    before = revisions(db)
    (docs / "documents.csv").write_text(f"file,issuer,region_code,year,doc_kind\n{sample_path('003').name},,,2030,\n")
    ingest(db, docs)
    run_dbt(INCREMENTAL_BUILD, db, target)
    after = revisions(db)
    assert {name for name in after if after[name] != before[name]} == {sample_path("003").name}
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "select budget_year from marts.documents where file_name = ?", [sample_path("003").name]
        ).fetchall() == [(2030,)]
    assert_same_as_full_refresh(db, tmp_path, "stated")

    # (d) A touched file: its time changes, nothing it says does; no document gets a new revision.
    before = revisions(db)
    touched = docs / sample_path("001").name
    earlier = touched.stat().st_mtime - 3600
    os.utime(touched, (earlier, earlier))
    ingest(db, docs)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "select file_modified_ns from raw.documents where file_name = ?", [touched.name]
        ).fetchall() == [(touched.stat().st_mtime_ns,)]
    run_dbt(INCREMENTAL_BUILD, db, target)
    assert revisions(db) == before


def change_revisions(db: Path) -> dict[str, set[str]]:
    """The revisions indicator_changes' rows were built from, by region."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select region_code, change_revision from marts.indicator_changes").fetchall()
    found: dict[str, set[str]] = {}
    for region, revision in rows:
        found.setdefault(region, set()).add(revision)
    return found


def test_indicator_changes_rebuild_only_the_project_changes_of_a_changed_document(tmp_path):
    """indicator_changes is incremental by project change: a changed or removed document rebuilds the changes of its
    projects alone (another city's keep their rows and revisions), and the table equals a full refresh."""
    docs = tmp_path / "docs"
    docs.mkdir()
    tianjin = sample_path("000").read_text(encoding="utf-8")
    other = relocate(tianjin, "天津市", "石家庄市", 0.5)
    for name, text in {
        "tianjin_2025.txt": tianjin,
        "tianjin_2026.txt": reissue_for_next_year(tianjin),
        "shijiazhuang_2025.txt": other,
        "shijiazhuang_2026.txt": reissue_for_next_year(other),
    }.items():
        (docs / name).write_text(text, encoding="utf-8")
    db = tmp_path / "build" / "warehouse.duckdb"
    db.parent.mkdir()
    target = tmp_path / "build" / "target"
    ingest(db, docs)
    run_dbt(["seed"], db, target)
    run_dbt(["run"], db, target)
    before = change_revisions(db)
    assert sorted(before) == ["120000", "130100"]
    assert len(before["120000"]) == len(before["130100"]) == 54  # every continued project change

    def satisfaction(region: str) -> list[tuple]:
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute(
                "select previous_target_raw, target_raw, target_change from marts.indicator_changes "
                "where region_code = ? and level3 like '%参保群众满意度%' and target_change <> 'same' order by all",
                [region],
            ).fetchall()

    assert satisfaction("120000") == [("≥85 百分比", "≥90 百分比", "tightened")]

    # Tianjin's 2026 issue raises the target again: Tianjin's changes alone are rebuilt.
    path = docs / "tianjin_2026.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("≥90 百分比", "≥95 百分比"), encoding="utf-8")
    ingest(db, docs)
    run_dbt(INCREMENTAL_BUILD, db, target)
    after = change_revisions(db)
    assert after["130100"] == before["130100"]
    assert len(after["120000"]) == 54 and not after["120000"] & before["120000"]
    assert satisfaction("120000") == [("≥85 百分比", "≥95 百分比", "tightened")]
    assert_same_as_full_refresh(db, tmp_path, "changed")

    # Without Tianjin's 2026 issue, Tianjin has no project changes and no indicator changes.
    path.unlink()
    ingest(db, docs)
    run_dbt(INCREMENTAL_BUILD, db, target)
    assert change_revisions(db) == {"130100": before["130100"]}
    assert_same_as_full_refresh(db, tmp_path, "removed")


def listed(*arguments: str) -> set[str]:
    """The names of the nodes `dbt ls` selects with the given arguments (a model's tests come with it)."""
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(
        ["ls", *arguments, "--output", "name", "--project-dir", str(ROOT), "--profiles-dir", str(ROOT), "--quiet"]
    )
    assert result.success, result.exception
    return set(result.result)


def test_an_incremental_build_leaves_out_what_seeds_alone_build():
    """regions (built from seeds alone) and its tests are left out; every other table, and the tests that compare
    a document's column with regions, are built."""
    models = listed(*INCREMENTAL_BUILD[1:], "--resource-type", "model")
    tables = listed(
        "--select", "config.materialized:table", "config.materialized:incremental", "--resource-type", "model"
    )
    assert "regions" in tables and "documents" in tables and len(tables) >= 55
    assert models == tables - {"regions"}
    tests = listed(*INCREMENTAL_BUILD[1:], "--resource-type", "test")
    assert "primary_key_regions_region_code" not in tests and "primary_key_int_regions_unioned_region_code" not in tests
    assert "relationships_documents_region_code__region_code__ref_regions_" in tests
    assert "primary_key_documents_document_id" in tests
    # the tests that restate a raw table's primary key run in full builds only
    raw_key = listed("--select", "tag:raw_key", "--resource-type", "test")
    assert len(raw_key) == 9 and "primary_key_stg_raw__documents_document_id" in raw_key
    assert not raw_key & tests
    every = listed("--select", "test_type:data,path:models", "--resource-type", "test")
    assert len(every - tests) == 3 + 9  # regions' two tests, int_regions_unioned's key and the raw key tests


def test_a_raw_key_test_restates_the_primary_key_of_the_one_raw_table_its_model_selects(tmp_path):
    """A test tagged raw_key is left out of incremental builds because it cannot fail while the project is
    unchanged: its model selects one raw table's rows one for one (no join, filter, grouping or union), its columns
    are that table's primary key, and the raw table refuses a row that repeats its key."""
    from dbt.cli.main import dbtRunner

    target = tmp_path / "target"
    result = dbtRunner().invoke(
        ["parse", "--project-dir", str(ROOT), "--profiles-dir", str(ROOT), "--target-path", str(target), "--quiet"]
    )
    assert result.success, result.exception
    nodes = json.loads((target / "manifest.json").read_text(encoding="utf-8"))["nodes"]
    keys = {table.name: ("document_id", *table.key) for table in load.ALL_TABLES}
    tagged = [node for node in nodes.values() if node["resource_type"] == "test" and "raw_key" in node["tags"]]
    assert len(tagged) == 9
    for test in tagged:
        (model_id,) = test["depends_on"]["nodes"]
        model = nodes[model_id]
        (source,) = model["sources"]
        raw_table = source[1]
        sql = model["raw_code"].lower()
        code = sql[sql.rfind("#}") + 2 :] if "#}" in sql else sql  # the SQL after the model's comment
        for word in (" join ", " where ", "group by", " union ", "qualify", "distinct"):
            assert word not in code, (model["name"], word)
        arguments = test["test_metadata"]["kwargs"]
        columns = arguments.get("columns") or [arguments["column_name"]]
        if columns != list(keys[raw_table]):  # an id: the key's columns written out
            (column,) = columns
            expression = code.split(f" as {column}")[0].rsplit("select", 1)[-1]  # the select list's first item
            assert " as " not in expression and "," not in expression.replace("', ", ""), (column, expression)
            for part in keys[raw_table]:
                assert part in expression, (column, part)

    db = tmp_path / "keys.duckdb"
    with duckdb.connect(str(db)) as con:
        load.ensure_schema(con)
        con.execute("insert into raw.table_cells (document_id, block_seq, row_seq, column_seq) values ('d', 1, 1, 1)")
        with pytest.raises(duckdb.ConstraintException):
            con.execute(
                "insert into raw.table_cells (document_id, block_seq, row_seq, column_seq) values ('d', 1, 1, 1)"
            )


INCREMENTAL = (
    "dbt build: incremental (the dbt project is unchanged: only changed documents are rebuilt; "
    "no views, seeds, tables of seeds alone, unit tests or raw key tests)"
)


@pytest.fixture()
def project(tmp_path):
    """A copy of the dbt project's files the fingerprint covers."""
    folder = tmp_path / "project"
    for part in dbt_build.PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, folder / part)
    return folder


NOTHING = "dbt build: nothing to do (neither the dbt project nor any document changed since the last build)"


def test_make_dbt_refreshes_fully_only_when_the_project_changed(tmp_path, project, capsys):
    db = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(db)) as con:
        load.ensure_schema(con)
    calls = tmp_path / "calls.txt"
    record = f"import sys; open({str(calls)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')"
    dbt = [sys.executable, "-c", record, "build"]

    def build() -> str:
        assert dbt_build.build(db, dbt, project) == 0
        return capsys.readouterr().out.strip()

    def documents(sql: str, *parameters: str) -> None:
        with duckdb.connect(str(db)) as con:
            con.execute(sql, list(parameters))

    assert build() == "dbt build: full refresh (no dbt build recorded in the warehouse)"
    assert build() == NOTHING
    documents("insert into raw.documents (document_id, file_name) values ('d1', 'a.txt')")
    assert build() == INCREMENTAL
    model = project / "models" / "marts" / "targets" / "projects.sql"
    model.write_text(model.read_text(encoding="utf-8") + "\n-- an edit\n", encoding="utf-8")
    assert build() == "dbt build: full refresh (the dbt project changed since the last build)"
    documents("update raw.documents set file_modified_ns = 1")  # a touched file: nothing it says changed
    assert build() == NOTHING
    documents("update raw.documents set stated_year = 2030")  # a stated fact
    assert build() == INCREMENTAL
    (project / "seeds" / "unit_aliases.csv").write_text("changed\n", encoding="utf-8")
    assert build() == "dbt build: full refresh (the dbt project changed since the last build)"
    documents("delete from raw.documents")
    assert build() == INCREMENTAL
    assert build() == NOTHING
    full, incremental = "build --full-refresh", " ".join(INCREMENTAL_BUILD)
    assert calls.read_text().splitlines() == [full, incremental, full, incremental, full, incremental]


def test_make_dbt_on_a_standby_a_build_behind_copies_the_warehouse_when_it_needs_nothing(
    tmp_path, project, monkeypatch, capfd
):
    """Publishing in place (a large warehouse), the standby holds the models of the build before last: a make dbt
    with nothing to build copies the warehouse into it instead of building (it used to build all over again)."""
    monkeypatch.setenv(publish.COPY_BELOW_ENV, "0")
    monkeypatch.setenv("DBT_PROJECT_DIR", str(project))
    db = tmp_path / "warehouse.duckdb"
    ingest(db, sample_path("002"))  # buffer 0
    calls = tmp_path / "calls.txt"
    record = f"import sys; open({str(calls)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')"
    make_dbt = [sys.executable, "-m", "ingest.dbt_build", "--", sys.executable, "-c", record, "build"]

    def build() -> str:
        capfd.readouterr()
        assert publish.run(db, make_dbt) == 0
        return capfd.readouterr().out.strip()

    assert build() == "dbt build: full refresh (no dbt build recorded in the warehouse)"  # in buffer 1
    assert build() == NOTHING[:-1] + "; the standby is now a copy of the warehouse)"  # buffer 0: raw only
    assert load.recorded_dbt_build(db)[1] == load.raw_state(db)  # the warehouse published records its build
    assert build() == NOTHING  # buffer 1 holds the build
    assert calls.read_text().splitlines() == ["build --full-refresh"]


def test_make_docs_generates_the_site_only_when_it_is_out_of_date(tmp_path, project, monkeypatch, capsys):
    """The catalogue holds columns and descriptions, no figure of the data: another document built by the same
    project leaves the site as it was; an edit of the project, a build of the models, or a missing site does not."""
    db = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(db)) as con:
        load.ensure_schema(con)
    target = tmp_path / "target"
    monkeypatch.setenv("DBT_TARGET_PATH", str(target))
    calls = tmp_path / "calls.txt"
    site = "import pathlib, sys; t = pathlib.Path(sys.argv[1]); t.mkdir(exist_ok=True); "
    site += f"open({str(calls)!r}, 'a').write('generate\\n'); "
    site += "[(t / name).write_text('') for name in ('catalog.json', 'index.html')]"
    dbt_docs = [sys.executable, "-c", site, str(target)]
    fake_build = [sys.executable, "-c", "pass", "build"]
    up_to_date = f"dbt docs: nothing to do (the site in {target} describes this dbt project's models)"

    def generate() -> str:
        assert dbt_build.docs(db, dbt_docs, project) == 0
        return capsys.readouterr().out.strip()

    def generated() -> int:
        return calls.read_text().count("generate") if calls.exists() else 0

    def build() -> None:
        assert dbt_build.build(db, fake_build, project) == 0
        capsys.readouterr()

    assert generate() == "" and generated() == 1  # the models were never built: generated, nothing recorded
    assert generate() == "" and generated() == 2
    build()
    assert generate() == "" and generated() == 3
    assert generate() == up_to_date and generated() == 3
    with duckdb.connect(str(db)) as con:
        con.execute("insert into raw.documents (document_id, file_name) values ('d1', 'a.txt')")
    build()  # incremental: another document, the same project
    assert generate() == up_to_date and generated() == 3
    (target / "catalog.json").unlink()
    assert generate() == "" and generated() == 4
    model = project / "models" / "marts" / "targets" / "projects.sql"
    model.write_text(model.read_text(encoding="utf-8") + "\n-- an edit\n", encoding="utf-8")
    assert generate() == "" and generated() == 5  # the site is of another project
    assert generate() == up_to_date and generated() == 5  # the project, not the build: its models not yet rebuilt
    build()  # a full refresh
    assert generate() == "" and generated() == 6
