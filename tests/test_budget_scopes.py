"""seeds/budget_scopes.csv names the funds each budget or final-accounts table covers, by its title, as
int_budget_tables_scoped matches it (regexp_matches on the title): the titles of the national templates as Tianjin
prints them (预算公开表1-10, 公开01-07表) and as Shanghai's 部门预算, 单位预算 and 部门决算 print them (a year
before the title, 部门 or 预算单位 in it), each matched by exactly one pattern, so budget_checks tells 表3 (all
funds) from 表5 (一般公共预算) whichever way a title is printed. The narrative's sections are scoped the same way
(int_budget_checks_narrative_vs_tables): a 部门决算's 情况说明 names the 公开 table each part describes, and a
Shanghai 预算编制说明's list names its funds in its lead-in (财政拨款支出主要内容如下)."""

from __future__ import annotations

import duckdb
import pytest

from conftest import ROOT

TITLES = {
    # Tianjin 部门预算 (sample 003) and 部门决算 (tests/render_documents.py)
    "部门收支总体情况表": "all funds",
    "部门收入总体情况表": "all funds",
    "部门支出总体情况表": "all funds",
    "财政拨款收支总体情况表": "fiscal appropriations",
    "一般公共预算支出情况表": "general public budget",
    "一般公共预算基本支出情况表": "general public budget (basic spending)",
    "一般公共预算“三公”经费支出情况表": "general public budget (三公 spending)",
    "政府性基金预算支出情况表": "government funds",
    "国有资本经营预算支出情况表": "state capital operations",
    "项目支出表": "all funds (projects)",
    "收入支出决算总表": "all funds",
    "一般公共预算财政拨款支出决算表": "general public budget",
    "一般公共预算财政拨款基本支出决算表": "general public budget (basic spending)",
    # Shanghai 部门预算 and 单位预算
    "2026年部门财务收支预算总表": "all funds",
    "2026年部门收入预算总表": "all funds",
    "2026年部门支出预算总表": "all funds",
    "2026年部门财政拨款收支预算总表": "fiscal appropriations",
    "2026年部门一般公共预算支出功能分类预算表": "general public budget",
    "2026年部门政府性基金预算支出功能分类预算表": "government funds",
    "2026年部门国有资本经营预算支出功能分类预算表": "state capital operations",
    "2026年部门一般公共预算基本支出部门预算经济分类预算表": "general public budget (basic spending)",
    "2026年部门“三公”经费和机关运行经费预算表": "general public budget (三公 spending)",
    "2024年预算单位财务收支预算总表": "all funds",
    "2024年预算单位支出预算总表": "all funds",
    "2024年预算单位一般公共预算支出功能分类预算表": "general public budget",
    "单位“三公”经费和机关运行经费预算表": "general public budget (三公 spending)",
    # Shanghai 部门决算
    "收入决算表": "all funds",
    "支出决算表": "all funds",
    "财政拨款收入支出决算总表": "fiscal appropriations",
    "政府性基金预算财政拨款收入支出决算表": "government funds",
    "国有资本经营预算财政拨款收入支出决算表": "state capital operations",
}

NOT_SCOPED = [
    "部门整体支出绩效目标表",  # not a budget table's scope
    "一般公共预算财政拨款支出决算明细表",  # another table than 公开05表: no scope rather than a wrong one
]


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    connection.execute(
        "create table scopes as select * from read_csv(?, header = true, all_varchar = true)",
        [str(ROOT / "seeds" / "budget_scopes.csv")],
    )
    yield connection
    connection.close()


SECTIONS = {
    # Tianjin 部门预算 (sample 003)
    "机关运行经费": ("general public budget (basic spending)", "administrative units"),
    # Shanghai 部门决算 (第三部分 情况说明, after the tables)
    "收入支出决算总体情况说明": ("all funds", "department"),
    "收入决算情况说明": ("all funds", "department"),
    "支出决算情况说明": ("all funds", "department"),
    "财政拨款收入支出决算总体情况说明": ("fiscal appropriations", "department"),
    "一般公共预算财政拨款支出决算情况说明": ("general public budget", "department"),
    "一般公共预算财政拨款支出决算总体情况": ("general public budget", "department"),
    "一般公共预算财政拨款支出决算结构情况": ("general public budget", "department"),
    "一般公共预算财政拨款支出决算具体情况": ("general public budget", "department"),
    "一般公共预算财政拨款基本支出决算情况说明": ("general public budget (basic spending)", "department"),
    "机关运行经费支出情况": ("general public budget (basic spending)", "administrative units"),
    # Shanghai 部门预算 and 单位预算: a title of its own; its first paragraph states the 财务收支预算总表's figures
    "2026年部门预算编制说明": ("all funds", "department"),
    "部门预算编制说明": ("all funds", "department"),
    "2025年单位预算编制说明": ("all funds", "department"),
    "2024年度预算单位预算编制说明": ("all funds", "department"),
}

# The sentence of its own that introduces a list of amounts (raw.narrative_amounts.lead_in, its colon left out)
LEAD_INS = {
    "财政拨款支出主要内容如下": ("fiscal appropriations", "department"),
    "2025年财政拨款支出主要内容如下": ("fiscal appropriations", "department"),
    "财政拨款支出预算主要内容如下": ("fiscal appropriations", "department"),
    "财政拨款支出的主要内容如下": ("fiscal appropriations", "department"),
    "一般公共预算拨款支出主要内容如下": ("general public budget", "department"),
    "一般公共预算财政拨款支出主要用于以下方面": ("general public budget", "department"),
}

LEAD_INS_NOT_SCOPED = [
    "具体情况如下",  # says not which funds: the section's scope stands
    "政府性基金预算拨款支出主要内容如下",  # no pattern yet: no scope rather than a wrong one
    "主要用于以下几个方面",
]

SECTIONS_NOT_SCOPED = [
    "关于收支总体情况表的说明",  # Tianjin: scoped through the table its chapter names, not by section
    "2026年部门预算情况说明",  # Tianjin's 第二部分: its chapters (关于X的说明) name their tables
    "政府采购支出情况",
    "财政拨款“三公”经费支出决算情况说明",  # 三公 figures are matched by the 三公 table's own lines
]


def matches(con, title: str, source: str = "table") -> list:
    return [
        scope if source == "table" else (scope, organisation)
        for scope, organisation in con.execute(
            "select funding_scope, organisation_scope from scopes where source = ? and regexp_matches(?, pattern)"
            " order by pattern",
            [source, title],
        ).fetchall()
    ]


@pytest.mark.parametrize("title", sorted(TITLES))
def test_a_budget_table_title_has_one_scope(con, title):
    assert matches(con, title) == [TITLES[title]]


@pytest.mark.parametrize("title", NOT_SCOPED)
def test_another_title_has_none(con, title):
    assert matches(con, title) == []


NARRATIVE = {"narrative_section": SECTIONS, "narrative_lead_in": LEAD_INS}
NARRATIVE_NOT_SCOPED = {"narrative_section": SECTIONS_NOT_SCOPED, "narrative_lead_in": LEAD_INS_NOT_SCOPED}


@pytest.mark.parametrize(
    ("source", "text"), [(source, text) for source in NARRATIVE for text in sorted(NARRATIVE[source])]
)
def test_a_narrative_section_or_lead_in_has_one_scope(con, source, text):
    assert matches(con, text, source) == [NARRATIVE[source][text]]


@pytest.mark.parametrize(
    ("source", "text"), [(source, text) for source, texts in NARRATIVE_NOT_SCOPED.items() for text in texts]
)
def test_another_section_or_lead_in_has_none(con, source, text):
    assert matches(con, text, source) == []
