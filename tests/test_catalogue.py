"""Every model and column is described, and the descriptions name exactly the columns the models build."""

from __future__ import annotations

import yaml

from conftest import ROOT

SCHEMA_OF_FOLDER = {"staging": "staging", "intermediate": "intermediate", "marts": "marts"}


def documented_models() -> dict[str, dict]:
    models: dict[str, dict] = {}
    for path in (ROOT / "models").rglob("*.yml"):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            models[model["name"]] = {**model, "folder": path.relative_to(ROOT / "models").parts[0]}
    return models


def test_every_model_file_is_documented():
    files = {path.stem for path in (ROOT / "models").rglob("*.sql")}
    assert files == set(documented_models())


def test_every_model_and_column_is_described(marts):
    for name, model in documented_models().items():
        assert model.get("description", "").strip(), f"{name} has no description"
        schema = SCHEMA_OF_FOLDER[model["folder"]]
        built = [
            row[0]
            for row in marts.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
                "order by ordinal_position",
                [schema, name],
            ).fetchall()
        ]
        described = {column["name"]: column.get("description", "") for column in model.get("columns", [])}
        assert set(built) == set(described), f"{name}: built {set(built) ^ set(described)} differ from the YAML"
        assert all(text.strip() for text in described.values()), f"{name} has an undescribed column"


def test_mart_descriptions_start_with_their_grain():
    for name, model in documented_models().items():
        if model["folder"] in ("marts", "staging"):
            assert model["description"].strip().startswith("One row per"), name


def test_cli_help_has_an_example(capsys):
    import pytest

    from ingest.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    assert "example: ingest --db warehouse.duckdb data/samples" in capsys.readouterr().out


def test_every_raw_source_column_is_described(marts):
    sources = yaml.safe_load((ROOT / "models" / "staging" / "raw" / "_raw__sources.yml").read_text(encoding="utf-8"))
    for table in sources["sources"][0]["tables"]:
        built = {
            row[0]
            for row in marts.execute(
                "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ?",
                [table["name"]],
            ).fetchall()
        }
        described = {column["name"]: column.get("description", "") for column in table.get("columns", [])}
        assert built == set(described), f"raw.{table['name']}: {built ^ set(described)}"
        assert all(text.strip() for text in described.values()), table["name"]
