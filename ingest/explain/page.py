"""An explanation drawn as one self-contained HTML page: inline CSS, no script, no external asset, every text escaped.

Each region is a section (`data-region`, `data-layout`): a table region shows the text above it, every layout's
detect score, its blocks as printed (a grid with each row's page and line and each label's role), the issues next
to the row they name, the records read, and, where no layout claimed it, the vocabulary rows to add. A merged cell
is drawn as the readers give it: its text in its top-left cell, the cells it covers blank (shaded, without the
rules between them).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ingest.explain.saw import BlockView, Explanation, Records, RegionView, RowView, Suggestion
from ingest.explain.suggest import advice, csv_rows, outcome
from ingest.layouts.labels import label_key
from ingest.records import ParseIssue

MAX_RECORD_ROWS = 200  # per raw table and region; the rest is counted

CSS = """
:root { --line: #9aa4b1; --soft: #eef1f5; --warn: #b45309; --info: #3f5f8a; --ok: #166534; --bad: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "PingFang SC",
       "Microsoft YaHei", "SimSun", sans-serif; color: #1f2933; background: #f7f8fa; }
header, main, nav { max-width: 1400px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 16px; }
h1 { font-size: 20px; margin: 8px 0; } h2 { font-size: 16px; margin: 0 0 8px; }
h3 { font-size: 14px; margin: 14px 0 6px; } h4 { font-size: 13px; margin: 10px 0 4px; }
.facts, .totals, .legend { margin: 4px 0; color: #3e4c59; }
nav ol { list-style: none; padding: 0; margin: 10px 0; display: flex; flex-wrap: wrap; gap: 4px; }
nav a { display: inline-block; padding: 1px 6px; border-radius: 3px; text-decoration: none; font-size: 12px;
        background: #e4e7eb; color: #1f2933; }
nav a.claimed { background: #dcfce7; } nav a.unrecognised, nav a.failed { background: #fee2e2; font-weight: bold; }
section.region { background: #fff; border: 1px solid #d9dee4; border-radius: 6px; margin: 14px 0; padding: 12px 16px; }
section.unrecognised, section.failed { border: 2px solid var(--bad); }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: bold;
         background: #dcfce7; color: var(--ok); }
.badge.unrecognised, .badge.failed { background: #fee2e2; color: var(--bad); }
.badge.none { background: #e4e7eb; color: #52606d; }
.prov { color: #7b8794; font-size: 11px; white-space: nowrap; }
.above p, .paragraphs p { margin: 2px 0; }
table { border-collapse: collapse; margin: 4px 0; }
table.grid td, table.grid th { border: 1px solid var(--line); padding: 3px 6px; vertical-align: top; }
table.grid td { white-space: pre-wrap; min-width: 2em; }
table.grid td.blank { background: var(--soft); border-left-color: transparent; border-top-color: transparent; }
table.grid thead th { background: #e4e7eb; font-size: 11px; color: #52606d; }
table.grid th.row { background: #f5f7fa; font-weight: normal; text-align: left; }
.role { display: block; margin-top: 2px; font-size: 11px; color: var(--ok); background: #ecfdf3; border-radius: 3px;
        padding: 0 3px; white-space: nowrap; }
td.unknown { outline: 2px dashed var(--bad); outline-offset: -3px; }
tr.issues td { border: none; padding: 0 0 4px 0; }
ul.issues { list-style: none; margin: 4px 0; padding: 0; }
ul.issues li { margin: 2px 0; padding: 2px 8px; border-left: 4px solid var(--info); background: #eef2f8; }
ul.issues li.warning { border-left-color: var(--warn); background: #fff7ed; }
.sev { font-weight: bold; text-transform: uppercase; font-size: 11px; margin-right: 6px; }
table.scores td, table.scores th, table.records td, table.records th { border: 1px solid #d9dee4; padding: 2px 6px;
        text-align: left; vertical-align: top; }
table.scores tr.claimed { background: #dcfce7; font-weight: bold; }
table.scores td.score { font-family: monospace; white-space: nowrap; }
table.records th { background: #f0f2f5; font-size: 12px; } table.records td { font-size: 12px; }
caption { text-align: left; font-weight: bold; font-size: 12px; padding: 2px 0; }
.fix { border: 1px solid #fca5a5; background: #fff5f5; padding: 8px 12px; border-radius: 4px; margin: 8px 0; }
.fix pre, pre.csv { background: #1f2933; color: #f5f7fa; padding: 8px 10px; border-radius: 4px; margin: 6px 0;
        font: 13px/1.4 "Noto Sans Mono CJK SC", "WenQuanYi Zen Hei Mono", monospace; overflow-x: auto; }
.label { font-weight: bold; background: #fee2e2; padding: 0 4px; border-radius: 3px; }
.trial { font-weight: bold; } .trial.ok { color: var(--ok); } .trial.bad { color: var(--bad); }
details summary { cursor: pointer; color: #52606d; }
.scroll { overflow-x: auto; }
code { background: #eef1f5; padding: 0 3px; border-radius: 3px; }
"""


def page(explanation: Explanation) -> str:
    """The whole page."""
    regions = explanation.regions
    tables = [region for region in regions if region.kind == "table"]
    unrecognised = [region for region in tables if region.unrecognised]
    meta = explanation.meta
    facts = [
        f"format {explanation.format}",
        f"{explanation.page_count} page(s)" if explanation.page_count else None,
        f"issuer {meta.issuer}" if meta.issuer else None,
        f"year {meta.budget_year}" if meta.budget_year else None,
        f"kind {meta.doc_kind}" if meta.doc_kind else None,
        f"layouts: {', '.join(explanation.layouts) or 'none'}",
    ]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>ingest-explain: {_e(explanation.file_name)}</title><style>{CSS}</style></head><body>",
        "<header>",
        f'<h1>What the parser saw: <span class="file">{_e(explanation.file_name)}</span></h1>',
        f'<p class="facts">{_e(" · ".join(fact for fact in facts if fact))}</p>',
        f'<p class="totals" id="totals">{len(regions)} regions: {len(tables)} table regions '
        f"({len(tables) - len(unrecognised)} claimed, {len(unrecognised)} unrecognised), "
        f"{len(regions) - len(tables)} text regions</p>",
        f'<p class="legend">Vocabulary in force: {_e(", ".join(explanation.vocabulary))}. A region is a table (with '
        "the tables printed right after it, nothing but page numbers between) or a run of text; each layout is asked "
        "how sure it is (detect: a score, or None), the surest claims it. Green tags are the role the vocabulary gives "
        "a label; a shaded blank cell is blank as the reader gives it (a cell a merged cell covers, or empty).</p>",
        "</header>",
        _nav(regions),
        "<main>",
    ]
    if explanation.issues:
        parts.append('<section class="region document-issues"><h2>Issues about the whole document</h2>')
        parts.append(_issues(explanation.issues))
        parts.append("</section>")
    parts.extend(_region(region, explanation.file_name) for region in regions)
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _state(region: RegionView) -> str:
    if region.failed:
        return "failed"
    return "unrecognised" if region.unrecognised else "claimed" if region.layout else "none"


def _nav(regions: Iterable[RegionView]) -> str:
    items = []
    for region in regions:
        state = _state(region)
        what = region.layout or ("unrecognised" if region.unrecognised else "not read")
        what += " (failed)" if region.failed else ""
        items.append(
            f'<li><a class="{state}" href="#region-{region.seq}">{region.seq} {region.kind}: {_e(what)}</a></li>'
        )
    return f"<nav><ol>{''.join(items)}</ol></nav>"


def _region(region: RegionView, file_name: str) -> str:
    layout = region.layout or ("unrecognised" if region.unrecognised else "none")
    badge = "not read" if layout == "none" else f"{layout} failed" if region.failed else layout
    state = _state(region)
    where = [region.kind]
    if region.pages:
        first, last = region.pages[0], region.pages[-1]
        where.append(f"page {first}" if first == last else f"pages {first}–{last}")
    if region.lines:
        first, last = region.lines
        where.append(f"line {first}" if first == last else f"lines {first}–{last}")
    out = [
        f'<section class="region {region.kind} {state}" id="region-{region.seq}" data-region="{region.seq}" '
        f'data-kind="{region.kind}" data-layout="{_e(layout)}">',
        f'<h2>Region {region.seq} · {_e(" · ".join(where))} · <span class="badge {state}">{_e(badge)}</span></h2>',
    ]
    if region.failed:
        out.append(
            f'<div class="fix failed"><h3>{_e(region.layout)} claimed this region and failed reading it</h3>'
            f"<p><code>{_e(region.failed)}</code></p><p>ingest records the whole document as failed (documents.status "
            "failed, reason 'unexpected …'). Here the region is read as nothing and every other region is shown as it "
            "reads: the region's cells below are what the layout was given.</p></div>"
        )
    if region.kind == "text":
        out.append(_paragraphs(region, open_=region.layout is not None))
    if region.above:
        out.append('<div class="above"><h3>Text above</h3>')
        out.extend(f"<p>{_prov(p.page, p.line)} {_e(p.text)}</p>" for p in region.above if p.text.strip())
        out.append("</div>")
    out.append(_scores(region))
    if region.unrecognised:
        out.append(_fix(region, file_name))
    elif region.suggestions:
        out.append(f"<h3>Vocabulary rows to add</h3>{_suggested(region.suggestions)}")
    unknown = {label_key(label) for label in region.unknown}
    out.extend(_block(block, unknown) for block in region.blocks)
    if region.issues:
        out.append(f"<h3>Issues about this region</h3>{_issues(region.issues)}")
    out.append(_records(region.records))
    if region.unrecognised:
        out.append("<p>No records: the table is kept whole, cell by cell, in raw.table_cells.</p>")
    out.append("</section>")
    return "\n".join(out)


def _paragraphs(region: RegionView, open_: bool) -> str:
    lines = "".join(f"<p>{_prov(p.page, p.line)} {_e(p.text)}</p>" for p in region.paragraphs if p.text.strip())
    summary = f"{len(region.paragraphs)} paragraph(s)"
    if region.layout is None:
        summary += f": the text above region {region.heads}" if region.heads else ": no layout reads this text"
    return f'<details class="paragraphs"{" open" if open_ else ""}><summary>{_e(summary)}</summary>{lines}</details>'


def _scores(region: RegionView) -> str:
    rows = []
    for score in region.scores:
        value = "None" if score.score is None else f"{score.score:g}"
        mark = ' class="claimed"' if score.claimed else ""
        verdict = "claims it" if score.claimed else "" if score.score is None else "less sure"
        rows.append(
            f'<tr{mark}><td>{_e(score.layout)}</td><td class="score">{value}</td><td>{verdict}</td>'
            f"<td>{_e(score.wants)}</td></tr>"
        )
    head = "<tr><th>layout</th><th>detect</th><th></th><th>looks for</th></tr>"
    return (
        f'<details class="claims"{" open" if region.kind == "table" else ""}><summary>Layouts asked, in registry order'
        f'</summary><table class="scores">{head}{"".join(rows)}</table></details>'
    )


def _fix(region: RegionView, file_name: str) -> str:
    out = ['<div class="fix"><h3>No layout claimed this table: what to add to the vocabulary</h3>']
    if region.unknown:
        labels = ", ".join(f'<span class="label">{_e(label)}</span>' for label in region.unknown)
        out.append(f"<p>Text in its first rows the vocabulary does not know (dashed in the grid; the labels among "
                   f"them are what to add): {labels}</p>")  # fmt: skip
    for number, trial in enumerate(region.trials, start=1):
        best = " (the best tried)" if number == 1 and len(region.trials) > 1 else ""
        out.append(f'<div class="option"><h4>{"Rows to add" if number == 1 else "Or"}{best}</h4>')
        out.append(_suggested(trial.rows))
        state = "ok" if trial.layout else "bad"
        out.append(f'<p class="trial {state}">Tried: with these rows, {_e(outcome(trial))}.</p></div>')
    if region.suggestions and not region.trials:
        out.append(_suggested(region.suggestions))
    if advice(region):
        out.append(f'<p class="advice">{_e(advice(region))}.</p>')
    out.append(
        f"<p>Save the rows as <code>my.csv</code>, check with <code>ingest-explain --vocabulary my.csv "
        f"{_e(file_name)} --html page.html</code>, load with <code>ingest --vocabulary my.csv …</code>.</p></div>"
    )
    return "\n".join(out)


def _suggested(rows: tuple[Suggestion, ...]) -> str:
    notes = "".join(
        f'<li><span class="label">{_e(item.label)}</span> {_like(item)}: {_e(item.scope)} '
        f"{_e(item.role)}{f' (block {item.block_seq}, row {item.row})' if item.row else ''}</li>"
        for item in rows
    )
    return f'<ul>{notes}</ul><pre class="csv">{_e(csv_rows(rows))}</pre>'


def _like(item: Suggestion) -> str:
    return f"is like {_e(item.like)}" if item.like else "as a word that marks a budget table"


def _block(block: BlockView, unknown: set[str]) -> str:
    where = [f"block {block.block_seq}", block.kind]
    if block.sheet:
        where.append(f"sheet {block.sheet}")
    if block.page is not None:
        where.append(f"page {block.page}")
    if block.line is not None:
        where.append(f"line {block.line}")
    where.append(f"{len(block.rows)} rows × {block.width} columns")
    out = [f'<div class="block" data-block="{block.block_seq}"><h3>{_e(" · ".join(where))}</h3>']
    if block.issues:
        out.append(_issues(block.issues))
    head = "".join(f"<th>{column}</th>" for column in range(1, block.width + 1))
    out.append(f'<div class="scroll"><table class="grid"><thead><tr><th>row</th>{head}</tr></thead><tbody>')
    for row in block.rows:
        out.append(_row(row, block.width, unknown))
    out.append("</tbody></table></div></div>")
    return "\n".join(out)


def _row(row: RowView, width: int, unknown: set[str]) -> str:
    cells = []
    for cell in row.cells:
        if not cell.text.strip():
            cells.append('<td class="blank"></td>')
            continue
        role = f'<span class="role">{_e(cell.role[0])} · {_e(cell.role[1])}</span>' if cell.role else ""
        title = f' title="line {cell.line}"' if cell.line is not None and cell.line != row.line else ""
        mark = ' class="unknown"' if label_key(cell.text) in unknown else ""
        cells.append(f"<td{mark}{title}>{_e(cell.text)}{role}</td>")
    cells.extend('<td class="blank"></td>' for _ in range(width - len(row.cells)))
    number = f'<th class="row">{row.number} {_prov(row.page, row.line)}</th>'
    out = f'<tr data-row="{row.number}">{number}{"".join(cells)}</tr>'
    if row.issues:
        out += f'<tr class="issues"><td></td><td colspan="{max(width, 1)}">{_issues(row.issues)}</td></tr>'
    return out


def _records(records: tuple[Records, ...]) -> str:
    if not records:
        return ""
    out = ["<h3>Records read</h3>"]
    for table in records:
        head = "".join(f"<th>{_e(column)}</th>" for column in table.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{_e(value)}</td>" for value in row) + "</tr>" for row in table.rows[:MAX_RECORD_ROWS]
        )
        more = len(table.rows) - MAX_RECORD_ROWS
        caption = f"raw.{table.raw_table} ({len(table.rows)})" + (
            f", first {MAX_RECORD_ROWS} shown" if more > 0 else ""
        )
        out.append(f'<div class="scroll"><table class="records" data-raw-table="{_e(table.raw_table)}">'
                   f"<caption>{_e(caption)}</caption><tr>{head}</tr>{body}</table></div>")  # fmt: skip
    return "\n".join(out)


def _issues(issues: Iterable[ParseIssue]) -> str:
    items = []
    for issue in issues:
        where = _prov(issue.page, issue.line)
        code = f" <code>{_e(issue.code)}</code>" if issue.code else ""
        items.append(
            f'<li class="{_e(issue.severity)}"><span class="sev">{_e(issue.severity)}</span>{_e(issue.message)}{code} '
            f"{where}</li>"
        )
    return f'<ul class="issues">{"".join(items)}</ul>'


def _prov(page: int | None, line: int | None) -> str:
    parts = [f"p.{page}" if page is not None else "", f"l.{line}" if line is not None else ""]
    text = " ".join(part for part in parts if part)
    return f'<span class="prov">{text}</span>' if text else ""


def _e(text: object) -> str:
    return escape(str(text), quote=True)
