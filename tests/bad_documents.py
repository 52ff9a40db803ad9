"""Generate performance-target documents (the DOCX cell-per-line export of sample 002) with chosen facts.

The bad-input tests build their cases from these: an issuer, a year, amounts, as many tables or rows as a case
needs, so each case states exactly what it changes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Project:
    """One performance table: its name, amounts as printed and how many indicator rows it has."""

    name: str = "医保政策宣传"
    budget: str = "200000.00"
    fiscal: str = "200000.00"
    other: str = ""
    indicators: int = 3


def project_lines(seq: int, unit_line: str, project: Project, amount_unit: str = "元", year: int | None = 2026):
    """The lines of one table, numbered seq, under the unit line (e.g. 382101天津市滨海新区医疗保障局)."""
    lines = [
        f"{seq}.{project.name}绩效目标表",
        f"\t{unit_line}",
        f"\t单位：{amount_unit}",
        "",
        "\t项目名称",
        f"\t{project.name}",
        "",
        "\t预算规模及资金用途",
        "\t预算数",
        f"\t{project.budget}",
        "\t其中：财政资金",
        f"\t{project.fiscal}",
        "\t其他资金",
        f"\t{project.other}",
        "",
        "\t",
        f"\t用于{project.name}。",
        "",
        "\t绩效目标",
        f"\t1.做好{project.name}工作。",
        "",
        "",
        "\t一级指标",
        "\t二级指标",
        "\t三级指标",
        "\t绩效指标描述",
        "\t指标值",
        "",
    ]
    for row in range(project.indicators):
        if row == 0 and year is not None:
            cells = ["产出指标", "时效指标", "完成时间", "完成时间", f"{year}年12月31日前"]
        elif row == project.indicators - 1 and row > 0:
            cells = ["满意度指标", "服务对象满意度指标", "参保群众满意度", "参保群众满意度", "≥90%"]
        else:
            cells = [
                "产出指标" if row == 0 else "",
                "数量指标",
                f"宣传活动{row}",
                f"开展宣传活动{row}",
                f"≥{row + 1}次",
            ]
        lines.extend(f"\t{cell}" for cell in cells)
        lines.append("")
    return lines


def performance_document(
    projects: list[Project] | tuple[Project, ...] = (Project(),),
    unit_line: str = "382101天津市滨海新区医疗保障局",
    amount_unit: str = "元",
    year: int | None = 2026,
    title: str | None = None,
) -> str:
    """A whole document: an optional title paragraph, then one table per project."""
    lines = [title, ""] if title else []
    for seq, project in enumerate(projects, start=1):
        lines.extend(project_lines(seq, unit_line, project, amount_unit, year))
        lines.append("")
    return "\n".join(lines) + "\n"


SPAN_CELL = '<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>'


def docx_with(edit_xml: Callable[[str], str] = lambda xml: xml, extra_member: tuple[str, int] | None = None) -> bytes:
    """A one-table DOCX whose word/document.xml is edited, optionally with an extra member of that many zero bytes
    (written in chunks: a zip bomb costs the test little memory)."""
    import docx

    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "x"
    plain = io.BytesIO()
    document.save(plain)
    edited = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, zipfile.ZipFile(edited, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/document.xml":
                data = edit_xml(data.decode()).encode()
            target.writestr(member, data, compress_type=zipfile.ZIP_DEFLATED)
        if extra_member:
            name, size = extra_member
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with target.open(info, "w", force_zip64=True) as bomb:
                chunk = bytes(1024 * 1024)
                for _ in range(size // len(chunk)):
                    bomb.write(chunk)
    return edited.getvalue()


def docx_rows_spanning(span: int, rows: int = 1) -> bytes:
    """A DOCX whose one table has rows each of one cell spanning `span` grid columns."""
    row = f"<w:tr>{SPAN_CELL.format(span=span)}</w:tr>"
    return docx_with(lambda xml: xml[: xml.index("<w:tr>")] + row * rows + xml[xml.index("</w:tbl>") :])
