"""The key test (macros/tests.sql primary_key: unique and not null in one dbt node) passes on the samples' keys and
fails, with the offending key as its failing row, on a repeated key and on a null key."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from conftest import run_dbt

KEY_TEST = "primary_key_documents_document_id"


def failures(target) -> dict[str, int]:
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    return {result["unique_id"].split(".")[2]: result["failures"] for result in results}


def test_primary_key_fails_on_a_repeated_or_a_null_key(warehouse, tmp_path):
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, db)
    target = tmp_path / "target"
    run_dbt(["test", "--select", KEY_TEST], db, target)
    assert failures(target) == {KEY_TEST: 0}

    with duckdb.connect(str(db)) as con:
        con.execute(
            "insert into marts.documents (document_id, file_name) "
            "select document_id, 'copy' from marts.documents limit 1"
        )
    with pytest.raises(AssertionError, match=f"{KEY_TEST}: fail"):
        run_dbt(["test", "--select", KEY_TEST], db, target)
    assert failures(target) == {KEY_TEST: 1}

    with duckdb.connect(str(db)) as con:
        con.execute("delete from marts.documents where file_name = 'copy'")
        con.execute("insert into marts.documents (document_id, file_name) values (null, 'no key'), (null, 'no key')")
    with pytest.raises(AssertionError, match=f"{KEY_TEST}: fail"):
        run_dbt(["test", "--select", KEY_TEST], db, target)
    assert failures(target) == {KEY_TEST: 1}  # one failing row: the null key, counted twice
