"""What is printed around a table, read once for every layout: amount units, numbered titles and section headings,
labelled lines, and the two shapes of text above a table.

Above a target table: a numbered title (`13.XX项目绩效目标表`, perhaps wrapped over two lines), a unit line
(`382101 天津市医疗保障局`, perhaps on the line of the amount unit), `单位：万元`, `（2024年度）` and labelled lines
(`填报单位：XX`). Above a budget table: `预算公开表3`, or a title line holding several parts
(`部门：XX医疗保障局    公开05表    金额单位：元`).
"""

from __future__ import annotations

import re
from functools import cache

from ingest.document import is_page_marker
from ingest.layouts.labels import Vocabulary, compact, vocabulary

# `单位：万元`, `金额单位：元`; not `编制单位：元宝山区…` (a unit's name that starts with 元).
AMOUNT_UNIT = re.compile(r"(?<!编制)(?<!填报)(?:金额\s*)?单位\s*[:：]\s*(万元|千元|元)(?![\u4e00-\u9fa5])")
BRACKETED_UNIT = re.compile(r"[(（]\s*(万元|千元|元)\s*[)）]")  # 资金总额（万元）
NUMBERED = re.compile(r"^(?:[-*]\s*)?(\d{1,3})\s*[.．、]\s*(?![\d.]+\s*$)(\S.*)$")  # 13.XX绩效目标表, not 1.5
SECTION = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*(.*)$")  # 二、分项绩效目标
UNIT_LINE = re.compile(r"^(\d{6,})\s*([^\d\s].*)$")  # 382101 天津市医疗保障局
PERIOD_LABEL = re.compile(r"^[（(]\s*\d{4}\s*年度?\s*[)）]$")  # （2024年度）
TABLE_MARK = re.compile(r"^预算公开表(\d+)$")
TABLE_TITLE = re.compile(r"^表\s*(\d{1,2})\s*[.．、:：]?\s*(\S.{0,38}表)$")  # 表3 一般公共预算支出情况表
PUBLIC_MARK = re.compile(r"((?:部门)?公开\s*0*(\d{1,2})\s*表)(?!格)")  # 公开05表
SENTENCE = re.compile(r"[。，；]|详见|参见")
NOTE = re.compile(r"^注\s*[:：]")

Line = tuple[str, int | None, int | None]  # text, line, page


def amount_unit(text: str) -> str | None:
    """The amount unit a line states (单位：万元), or None."""
    found = AMOUNT_UNIT.search(text)
    return found.group(1) if found else None


def bracketed_unit(text: str) -> str | None:
    """The amount unit a label carries in brackets (资金总额（万元）), or None."""
    found = BRACKETED_UNIT.search(text)
    return found.group(1) if found else None


def numbered(text: str) -> tuple[str, str] | None:
    """A numbered title's number and text (`13.XX项目绩效目标表` -> ('13', 'XX项目绩效目标表')), or None."""
    found = NUMBERED.match(text)
    return (found.group(1), found.group(2)) if found else None


def read_table_preamble(lines: list[Line]) -> dict[str, str | None]:
    """Title, unit line, amount unit, period label and labelled unit lines from the text above a target table."""
    meta: dict[str, str | None] = {}
    title_parts: list[str] = []
    words = vocabulary()
    for text, _line, _page in lines:
        stripped = text.strip()
        unit = AMOUNT_UNIT.search(stripped)
        if unit:
            meta["amount_unit"] = unit.group(1)
            # The unit line may share its printed line with the amount unit: 619001唐山市医疗保障局本级 单位：万元.
            stripped = stripped[: unit.start()].strip()
            unit_line = UNIT_LINE.match(stripped)
            if unit_line:
                meta["unit_code"], meta["unit_name"] = unit_line.group(1), unit_line.group(2).strip()
            else:
                _labelled(words, stripped, meta)
            continue
        if PERIOD_LABEL.match(stripped):
            meta["period_label"] = stripped
            continue
        unit_line = UNIT_LINE.match(stripped)
        if unit_line and not stripped.endswith("表"):
            meta["unit_code"], meta["unit_name"] = unit_line.group(1), unit_line.group(2).strip()
            continue
        if _labelled(words, stripped, meta):
            continue
        if numbered(stripped):
            title_parts = [stripped]
        elif title_parts and compact(stripped) not in words.roles.get("generic_title", {}):  # brackets count here
            title_parts.append(stripped)
    if not title_parts:
        titled = [text for text, _, _ in lines if _ends_a_title(words, text.strip())]
        if titled:
            title_parts = [titled[-1].strip()]
    if title_parts:
        title = "".join(part.strip() for part in title_parts)
        number = numbered(title)
        if number:
            meta["title_number"], title = number[0], number[1].strip()
        meta["title"] = title
    return meta


def _ends_a_title(words: Vocabulary, text: str) -> bool:
    return any(text.endswith(ending) for ending in words.roles.get("title_end", {}))


def _labelled(words: Vocabulary, text: str, meta: dict[str, str | None]) -> bool:
    """A labelled line above a table (填报单位：XX, 部门（单位）：XX（本级）): the unit or supervising department."""
    split = words.split("field", text)
    if split is None or split[0] not in ("unit_name", "supervising_department"):
        return False
    value = re.split(r"\s{2,}", split[1])[0].strip()
    if value:
        meta.setdefault(split[0], value)
    return True


def read_title_line(context: dict[str, str | None], text: str) -> None:
    """Fold one line above a budget table into its context: label and number, title, department, amount unit."""
    if is_page_marker(text) or not re.search(r"\w", text):  # page numbers; quote marks on a line of their own
        return
    marked = TABLE_MARK.match(compact(text))
    if marked:
        context.clear()
        context["label"] = f"预算公开表{marked.group(1)}"
        context["number"] = marked.group(1)
        return
    titled = TABLE_TITLE.match(text.strip())
    if titled:
        context.clear()
        context["label"] = f"表{titled.group(1)}"
        context["number"] = titled.group(1)
        context["title"] = titled.group(2).strip()
        return
    # A title line may hold several of title, number, department and unit: `部门：XX局    公开05表    金额单位：元`,
    # `收入支出决算总表    公开01表`. A sentence naming a table (详见公开05表。) is not one.
    if len(text) > 100:
        context.pop("title", None)
        return
    public = None if SENTENCE.search(text) else PUBLIC_MARK.search(text)
    department = department_label().search(text)
    unit = AMOUNT_UNIT.search(text)
    if public:
        if context.get("label"):  # an earlier number no table took
            context.clear()
        context["label"] = compact(public.group(1))
        context["number"] = public.group(2)
    if department and department.group(1).strip():
        context["department"] = department.group(1).strip()
    if unit:
        context["amount_unit"] = unit.group(1)
    if public or (department and department.group(1).strip()) or unit:
        rest = text
        for match in (public, department, unit):
            if match:
                rest = rest.replace(match.group(0), " ")
        rest = rest.strip()
        if rest.endswith("表") and len(rest) <= 40 and not re.search(r"[:：]", rest):
            context["title"] = rest
        return
    if text.endswith("表") and len(text) <= 40:
        context["title"] = text
    elif NOTE.match(text):
        return
    else:
        context.pop("title", None)


def is_title_line(text: str) -> bool:
    """A line that titles a budget table or states its number, department or amount unit (what read_title_line
    reads), not a sentence: `2024年预算单位财政拨款收支预算总表`, `编制单位：XX福利院    单位：元`, `公开05表`."""
    if SENTENCE.search(text) or len(text) > 100:
        return False
    folded = compact(text)
    return bool(
        TABLE_MARK.match(folded)
        or TABLE_TITLE.match(text.strip())
        or PUBLIC_MARK.search(text)
        or AMOUNT_UNIT.search(text)
        or department_label().search(text)
        or (text.strip().endswith("表") and len(text.strip()) <= 40)
    )


def department_label() -> re.Pattern[str]:
    """`部门：XX医疗保障局` on a budget table's title line, up to wide spaces, the table number or the amount unit."""
    return _department_label(vocabulary().pattern("title_label", "department"))


@cache
def _department_label(labels: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?:^|\s)(?:{labels})\s*[:：]\s*(.+?)"
        r"(?=\s{2,}|\s*(?:部门)?公开\s*\d{1,2}\s*表|\s*(?:金额)?单位\s*[:：]\s*(?:万元|千元|元)|$)"
    )


def labelled_line() -> re.Pattern[str]:
    """A labelled line at a document's head: `发布机构：XX医疗保障局`, `部门（单位）名称：XX`."""
    return _labelled_line(vocabulary().pattern("title_label"))


@cache
def _labelled_line(labels: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*({labels})\s*(?:[（(][^）)]*[）)])?\s*(?:名称)?\s*[:：]\s*(.+)$")
