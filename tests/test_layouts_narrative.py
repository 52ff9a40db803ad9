"""The narrative's amounts (raw.narrative_amounts) where a 部门决算 prints them: after the tables, in 第三部分 情况说明,
each sentence wrapped over a PDF's lines, a class named with its 类, 款 and 项 codes; and not under a 名词解释's
definition; a Shanghai 部门预算's under its title of its own ending in 说明 (2026年部门预算编制说明), a numbered
sentence stating an amount a claim, not a heading, and its list after 财政拨款支出主要内容如下： under that lead-in.
The same claims from the PDF (one paragraph per printed line) and
from DOCX and text (one per paragraph)."""

from __future__ import annotations

import pytest

from ingest.layouts import parse_document
from ingest.readers import read_document
from render_documents import FINAL_ACCOUNTS, FUNCTIONAL, TITLE_GAP
from render_templates import RENDERERS

AFTER_TABLES = [
    "第三部分 天津市东丽区医疗保障局2026年度部门决算",
    "情况说明",
    "一、收入支出决算总体情况说明",
    "天津市东丽区医疗保障局2026年度收入支出总计156,402,518.40元。与2025年度相比，收入支出总计增加1,200.00元，"
    "主要原因是人员变动及医疗救助资金增加，以及城乡居民医疗保险财政补助标准提高；年末结转和结余200.00元。",
    "二、收入决算情况说明",
    "本年收入合计156,402,518.40元，其中：财政拨款收入156,402,318.40元，占99.99%；其他收入200.00元，占0.01%。",
    "五、一般公共预算财政拨款支出决算情况说明",
    "（一）一般公共预算财政拨款支出决算结构情况",
    "一般公共预算财政拨款支出156,402,318.40元，主要用于以下方面：社会保障和就业支出（208类）468,120.00元，"
    "占0.30%；卫生健康支出（210类）医疗保障管理事务（15款）行政运行（01项）1,910,620.40元，主要用于机关运行。",
    "（三）一般公共预算财政拨款支出决算具体情况",
    "1、卫生健康支出（210类）医疗保障管理事务（15款）行政运行（01项）。主要用于机关运行。",
    "年初预算为1,900,000.00元，支出决算为1,910,620.40元。",
    "第四部分 名词解释",
    "（一）财政拨款收入：指本级财政当年拨付的资金。",
    "财政拨款收入不含上年结转，全年共计0元。",
]

STRUCTURE = "一般公共预算财政拨款支出决算结构情况"
CLAIMS = [
    ("收入支出总计", "156,402,518.40", "收入支出决算总体情况说明"),
    ("收入支出总计增加", "1,200.00", "收入支出决算总体情况说明"),
    ("年末结转和结余", "200.00", "收入支出决算总体情况说明"),
    ("本年收入合计", "156,402,518.40", "收入决算情况说明"),
    ("财政拨款收入", "156,402,318.40", "收入决算情况说明"),
    ("其他收入", "200.00", "收入决算情况说明"),
    ("一般公共预算财政拨款支出", "156,402,318.40", STRUCTURE),
    ("社会保障和就业支出（208类）", "468,120.00", STRUCTURE),
    ("卫生健康支出（210类）医疗保障管理事务（15款）行政运行（01项）", "1,910,620.40", STRUCTURE),
    ("年初预算为", "1,900,000.00", "一般公共预算财政拨款支出决算具体情况"),
    ("支出决算为", "1,910,620.40", "一般公共预算财政拨款支出决算具体情况"),
    # 第四部分 名词解释 is a part of its own (section and chapter); its definitions are no headings
    ("全年共计", "0", "名词解释"),
]


LONG_PATH = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"

# A Shanghai 部门预算 prints its 编制说明 under a title of its own, after the duties and the 名词解释, with no
# numbered heading: the claims are under that title, not under the last duty or definition.
BUDGET = [
    "上海市普陀区司法局主要职能",
    "（十）完成区委、区政府交办的其他任务。",
    "名词解释",
    "（二）事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "2026年部门预算编制说明",
    "2026年，上海市普陀区司法局收入预算9628.22万元，其中：财政拨款收入9628.22万元。",
    "财政拨款收入支出增加的主要原因是工作量增加",  # no stop, as printed: it does not run on into the lead-in
    "财政拨款支出主要内容如下：",
    "1、公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元。主要用于：行政单位的基本支出。",
    f"2、“{LONG_PATH}”441.25万元。",
    "三、2026年“三公”经费预算情况说明",
    "（一）因公出国（境）费0万元，与2025年预算持平。",  # numbered, but a sentence stating an amount: a claim
    "一般公共预算支出功能分类预算表",
    TITLE_GAP.join(["编制部门：上海市普陀区司法局", "单位：元"]),
    FUNCTIONAL,
]

LEAD_IN = "财政拨款支出主要内容如下"
BUDGET_LEAD_INS = [None, None, LEAD_IN, LEAD_IN, None]  # the 三公 heading ends the list

BUDGET_CLAIMS = [
    ("上海市普陀区司法局收入预算", "9628.22", "2026年部门预算编制说明"),
    ("财政拨款收入", "9628.22", "2026年部门预算编制说明"),
    ("公共安全支出（204类）司法（06款）行政运行（01项）", "1672.67", "2026年部门预算编制说明"),
    # a quoted path of 42 characters, its quotes left out
    (
        "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）",
        "441.25",
        "2026年部门预算编制说明",
    ),
    ("因公出国（境）费", "0", "2026年“三公”经费预算情况说明"),
]


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("narrative")
    out = {}
    for fmt in ("pdf", "docx", "txt"):
        path = folder / f"东丽区2026年度部门决算.{fmt}"
        path.write_bytes(RENDERERS[fmt](FINAL_ACCOUNTS + AFTER_TABLES))
        out[fmt] = (read_document(path), parse_document(read_document(path)))
        budget = folder / f"普陀区司法局2026年部门预算.{fmt}"
        budget.write_bytes(RENDERERS[fmt](BUDGET))
        out[f"budget.{fmt}"] = (read_document(budget), parse_document(read_document(budget)))
    return out


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt"])
def test_the_narrative_after_the_tables_is_read(parsed, fmt):
    _, result = parsed[fmt]
    assert [(c.subject, c.amount, c.section) for c in result.narrative_amounts] == CLAIMS
    assert {c.chapter for c in result.narrative_amounts} == {
        "收入支出决算总体情况说明", "收入决算情况说明", "一般公共预算财政拨款支出决算情况说明", "名词解释",
    }  # fmt: skip
    assert {c.amount_unit for c in result.narrative_amounts} == {"元"}


def test_a_claim_wrapped_over_two_printed_lines_is_one_claim(parsed):
    document, result = parsed["pdf"]
    starts = ("天津市东丽区医疗保障局2026年度收入支出总计", "一般公共预算财政拨款支出1")
    lines = [p for p in document.paragraphs() if p.text.startswith(starts)]
    # the PDF prints each of these sentences on more than one line ...
    assert all(not p.text.endswith("。") for p in lines) and len(lines) == 2
    # ... and a claim is on the line its amount is printed on
    claim = next(c for c in result.narrative_amounts if c.amount == "1,910,620.40")
    printed = next(p for p in document.paragraphs() if p.line == claim.line)
    assert "1,910,620.40" in printed.text.replace(" ", "") and claim.page == printed.page
    assert claim.sentence.startswith("卫生健康支出（210类）医疗保障管理事务（15款）行政运行（01项）1,910,620.40元")


def test_no_narrative_between_the_tables(parsed):
    # 本部门2026年度一般公共预算财政拨款支出决算见公开05表 (before the tables) states no amount; the tables' own notes
    # (部门：... 金额单位：元) are not narrative: every claim is from 第三部分.
    document, result = parsed["pdf"]
    first = next(p for p in document.paragraphs() if p.text == "情况说明")
    assert min(c.line for c in result.narrative_amounts) > first.line


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt"])
def test_a_title_ending_in_shuoming_is_the_section_of_what_follows(parsed, fmt):
    _, result = parsed[f"budget.{fmt}"]
    assert [(c.subject, c.amount, c.section) for c in result.narrative_amounts] == BUDGET_CLAIMS


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt"])
def test_an_amount_whose_subject_names_no_class_has_the_class_named_before_it(parsed, fmt):
    _, result = parsed[fmt]
    path = "卫生健康支出（210类）医疗保障管理事务（15款）行政运行（01项）"
    context = {(c.subject, c.amount): c.context_class for c in result.narrative_amounts}
    assert context[("年初预算为", "1,900,000.00")] == context[("支出决算为", "1,910,620.40")] == path
    assert context[(path, "1,910,620.40")] is None  # its subject is the class
    # none before a class is named in its section, nor after a heading (第四部分 名词解释)
    assert context[("一般公共预算财政拨款支出", "156,402,318.40")] is None
    assert context[("全年共计", "0")] is None
    assert sum(c.context_class is not None for c in result.narrative_amounts) == 2


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt"])
def test_a_list_has_the_lead_in_it_follows_until_the_next_heading(parsed, fmt):
    _, result = parsed[f"budget.{fmt}"]
    assert [c.lead_in for c in result.narrative_amounts] == BUDGET_LEAD_INS
    # 一般公共预算财政拨款支出156,402,318.40元，主要用于以下方面： states an amount: a claim, no lead-in
    _, final_accounts = parsed[fmt]
    assert {c.lead_in for c in final_accounts.narrative_amounts} == {None}


@pytest.mark.parametrize(
    ("text", "lead_in"),
    [
        ("财政拨款支出主要内容如下：", LEAD_IN),
        ("财政拨款支出主要内容如下:", LEAD_IN),
        ("财政拨款支出主要内容 如下 ：", LEAD_IN),
        ("2025年财政拨款支出主要内容如下：", "2025年财政拨款支出主要内容如下"),
        ("一般公共预算拨款支出主要用于以下方面：", "一般公共预算拨款支出主要用于以下方面"),
        ("主要用于以下几个方面：", "主要用于以下几个方面"),
        ("具体情况如下：", "具体情况如下"),
        ("一般公共预算财政拨款支出307.82万元，主要用于以下方面：", None),  # states an amount: a claim
        ("拨付到位率100.00%。具体情况如下：", None),  # the end of a sentence, not one of its own
        ("财政拨款支出主要内容如下", None),  # no colon: introduces nothing
        ("主要内容：", None),
        # too long for a sentence of its own
        ("根据区财政局关于做好部门预算编制工作的通知要求，结合本部门实际，财政拨款支出主要内容如下：", None),
    ],
)
def test_a_lead_in_is_a_sentence_of_its_own_ending_in_ruxia(text, lead_in):
    from ingest.layouts.narrative import _lead_in

    assert _lead_in(text) == lead_in


@pytest.mark.parametrize(
    ("sentence", "subject", "amount"),
    [
        # Shanghai's 部门预算: the quoted path, then 科目, then the amount
        (
            "1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”科目43.83万元，主要用于统计管理。",
            "一般公共服务支出（类）统计信息事务（款）专项普查活动（项）",
            "43.83",
        ),
        ("2.“社会保障和就业支出”科目1,756万元，主要用于缴纳养老保险。", "社会保障和就业支出", "1,756"),
        # the end of a bracket the subject starts inside is no part of it (was 下同）预算增加)
        ("比2022年（上一年度，下同）预算增加1421.25万元；", "预算增加", "1421.25"),
        # a short quoted word opening the subject is part of it (was 经费预算数为)
        ("2025年“三公”经费预算数为37.91万元。", "“三公”经费预算数为", "37.91"),
        (
            "4. “一般公共服务支出-政府办公厅（室）及相关机构事务-其他政府办公厅（室）及相关机构事务支出”"
            "科目2,012万元。",
            "一般公共服务支出-政府办公厅（室）及相关机构事务-其他政府办公厅（室）及相关机构事务支出",
            "2,012",
        ),
        (
            "5. “住房保障支出（类）住房改革支出（款）购房补贴（项）”334.08万元。",
            "住房保障支出（类）住房改革支出（款）购房补贴（项）",
            "334.08",
        ),
    ],
)
def test_a_quoted_subject_is_read_whole(sentence, subject, amount):
    from ingest.layouts.narrative import CLAIM, subject_of

    found = [(subject_of(m.group(1)), m.group(2)) for m in CLAIM.finditer(sentence)]
    assert found == [(subject, amount)]
