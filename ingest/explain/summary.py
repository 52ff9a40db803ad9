"""An explanation as plain text: a line per region, and for a table no layout claimed, why and what to add."""

from __future__ import annotations

from collections import Counter

from ingest.explain.saw import Explanation, RegionView
from ingest.explain.suggest import advice, csv_rows, outcome


def summary(explanation: Explanation) -> str:
    regions = explanation.regions
    tables = [region for region in regions if region.kind == "table"]
    unrecognised = sum(1 for region in tables if region.unrecognised)
    meta = explanation.meta
    lines = [
        f"{explanation.file_name} ({explanation.format}): {len(regions)} regions, {len(tables)} table regions "
        f"({len(tables) - unrecognised} claimed, {unrecognised} unrecognised), "
        f"{len(regions) - len(tables)} text regions",
        f"layouts: {', '.join(explanation.layouts) or 'none'}; issuer {meta.issuer or '?'}, year "
        f"{meta.budget_year or '?'}, kind {meta.doc_kind or '?'}; vocabulary: {', '.join(explanation.vocabulary)}",
        "",
    ]
    for region in regions:
        lines.append(_line(region))
        if region.unrecognised:
            lines.extend(_unrecognised(region))
        elif region.suggestions:
            lines.append("    vocabulary rows to add (scope,role,label,note):")
            lines.extend(f"      {row}" for row in csv_rows(region.suggestions).splitlines()[1:])
    if explanation.issues:
        lines.append(f"document: {_issue_count(explanation.issues)}")
    failed = [region.seq for region in regions if region.failed]
    if failed:
        lines.append(
            f"ingest fails this document: its layout raised an error reading region{'s' if len(failed) > 1 else ''} "
            f"{', '.join(map(str, failed))} (each read as nothing here)"
        )
    lines.append("")
    lines.append("--html OUT draws every region: its cells and their roles, the records read, the issues in place.")
    return "\n".join(lines)


def _line(region: RegionView) -> str:
    where = ""
    if region.pages:
        first, last = region.pages[0], region.pages[-1]
        where = f"p.{first}" if first == last else f"p.{first}-{last}"
    if region.lines:
        first, last = region.lines
        where += (" " if where else "") + (f"l.{first}" if first == last else f"l.{first}-{last}")
    owner = region.layout or ("UNRECOGNISED" if region.unrecognised else "-")
    if region.layout is None and region.heads is not None:
        owner = f"- (the text above region {region.heads})"
    if region.failed:
        owner += f" FAILED: {region.failed}"
    counts = ", ".join(f"{len(records.rows)} {records.raw_table}" for records in region.records)
    issues = [issue for block in region.blocks for row in block.rows for issue in row.issues]
    issues += [issue for block in region.blocks for issue in block.issues] + list(region.issues)
    tail = "; ".join(part for part in (counts, _issue_count(issues) if issues else "") if part)
    return f"region {region.seq:>3}  {region.kind:<5}  {where:<14} {owner}" + (f"  ({tail})" if tail else "")


def _unrecognised(region: RegionView) -> list[str]:
    scores = ", ".join(f"{score.layout} {'None' if score.score is None else f'{score.score:g}'}" for score in
                       region.scores)  # fmt: skip
    lines = [f"    detect: {scores}"]
    first = next((block for block in region.blocks), None)
    header = next((row for row in first.rows if any(cell.text.strip() for cell in row.cells)), None) if first else None
    if header is not None:
        lines.append("    first row: " + " | ".join(cell.text.strip() for cell in header.cells if cell.text.strip()))
    if region.unknown:
        lines.append("    text in its first rows the vocabulary does not know: " + ", ".join(region.unknown))
    for number, trial in enumerate(region.trials, start=1):
        lines.append(f"    {'vocabulary rows to add' if number == 1 else 'or'} (scope,role,label,note):")
        lines.extend(f"      {row}" for row in csv_rows(trial.rows).splitlines()[1:])
        lines.append(f"    tried: {outcome(trial)}")
    if region.suggestions and not region.trials:
        lines.append("    vocabulary rows to add (scope,role,label,note), not tried:")
        lines.extend(f"      {row}" for row in csv_rows(region.suggestions).splitlines()[1:])
    if advice(region):
        lines.append(f"    {advice(region)}")
    return lines


def _issue_count(issues) -> str:
    counted = Counter(issue.severity for issue in issues)
    return ", ".join(f"{count} {severity}{'s' if count > 1 else ''}" for severity, count in sorted(counted.items()))
