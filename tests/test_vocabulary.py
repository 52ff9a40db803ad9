"""The label vocabulary is data: matching rules, and a user's synonym making an unknown table readable."""

from __future__ import annotations

import duckdb
import pytest

from ingest.cli import main
from ingest.layouts.labels import label_key, load_vocabulary, vocabulary
from render_templates import render_docx
from templates import unknown_labels


@pytest.mark.parametrize(
    ("printed", "scope", "role"),
    [
        ("实施单位（盖章）", "field", "unit_name"),
        ("部门（单位）名称", "field", "unit_name"),
        ("部门（单位）", "field", "unit_name"),
        ("其中：财政    资金", "field", "fiscal"),
        ("其中:当年财政拨款", "field", "fiscal"),
        ("转移支付（项目）名称", "field", "project_name"),
        ("项目资金（万元）", "field", "section"),
        ("指标值（包含数字及文字描述）", "column", "target"),
        ("指 标 值", "column", "target"),
        ("度量单位", "column", "target_unit"),
        ("偏差原因分析及改进措施", "column", "deviation_reason"),
        ("产出", "level1", "产出指标"),
        ("满意度", "level1", "满意度指标"),
    ],
)
def test_printed_labels_find_their_role(printed, scope, role):
    assert vocabulary().role(scope, printed) == role


def test_label_key_folds_widths_brackets_and_colons():
    assert label_key("  其中：财政资金（万元）： ") == "财政资金"
    assert label_key("ＡＢＣ１２３") == "ABC123"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("年度资金总额：520.00", ("budget", "520.00")),
        ("其中：中央补助 680.00", ("central_fiscal", "680.00")),
        ("绩效目标：加强基金监管", ("goal", "加强基金监管")),
        ("资金用途：办公", None),
        ("年度资金总额", None),
    ],
)
def test_a_label_may_carry_its_value(cell, expected):
    assert vocabulary().split("field", cell) == expected


def test_a_vocabulary_file_with_an_unknown_role_is_refused(tmp_path, monkeypatch):
    # main() sets INGEST_VOCABULARY for its workers: restore it afterwards, or every later ingest reads bad.csv.
    monkeypatch.setenv("INGEST_VOCABULARY", "")
    monkeypatch.delenv("INGEST_VOCABULARY")
    path = tmp_path / "bad.csv"
    path.write_text("scope,role,label\nfield,project_title,项目抬头\n", encoding="utf-8")
    with pytest.raises(Exception, match="unknown field role 'project_title'"):
        load_vocabulary((str(path),))
    assert main(["--db", str(tmp_path / "w.duckdb"), "--vocabulary", str(path), str(tmp_path)]) == 2


def test_a_synonym_added_to_the_vocabulary_reads_a_table_after_reingest(tmp_path, monkeypatch):
    monkeypatch.setenv("INGEST_VOCABULARY", "")  # recorded, so the value main() sets is undone afterwards
    monkeypatch.delenv("INGEST_VOCABULARY")
    document = tmp_path / "docs" / "xiangtan.docx"
    document.parent.mkdir()
    document.write_bytes(render_docx(unknown_labels()))
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--workers", "1", str(document.parent)]) == 1  # the only file failed
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select status from raw.documents").fetchone()[0] == "failed"
    assert con.execute("select code, subject from raw.parse_issues where code = 'unrecognised_table'").fetchall() == [
        ("unrecognised_table", "资金项目名称 | 医保宣传经费")
    ]
    # The whole table is kept, cell by cell, so nothing is lost before the vocabulary learns its labels.
    assert con.execute("select count(*) from raw.table_cells").fetchone()[0] == 18  # 5 rows x 4, 2 merged
    con.close()

    extra = tmp_path / "my_vocabulary.csv"
    extra.write_text("scope,role,label,note\nfield,project_name,资金项目名称,\ncolumn,target,考核目标值,\n", "utf-8")
    assert main(["--db", str(db), "--quiet", "--workers", "1", "--vocabulary", str(extra), str(document.parent)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select project_name, budget, amount_unit from raw.project_tables").fetchall() == [
        ("医保宣传经费", "12.00", "万元")
    ]
    assert con.execute("select level3, target from raw.indicator_rows order by row_number").fetchall() == [
        ("宣传活动场次", "≥10场"),
        ("群众满意度", "≥90%"),
    ]
    assert con.execute("select count(*) from raw.documents").fetchone()[0] == 1
    con.close()
