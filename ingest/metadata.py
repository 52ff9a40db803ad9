"""Facts a user states about documents, which win over what the parsers infer.

A `documents.csv` beside the documents (columns `file`, `issuer`, `region_code`, `year`, `doc_kind`; `file` is a
file name or a glob pattern relative to the CSV's folder, blank cells state nothing) and the `ingest` options
`--issuer`, `--region-code`, `--year`, `--doc-kind`. Pure functions: the caller reads the file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, fields, replace
from fnmatch import fnmatchcase
from pathlib import PurePath

METADATA_FILE = "documents.csv"
COLUMNS = ("file", "issuer", "region_code", "year", "doc_kind")


class MetadataError(ValueError):
    """A metadata file or option that cannot be used; the message names the file, row and value."""


@dataclass(frozen=True)
class StatedFacts:
    """What the user stated about one document, and where (basis)."""

    issuer: str | None = None
    region_code: str | None = None
    year: int | None = None
    doc_kind: str | None = None
    basis: str | None = None

    def over(self, other: StatedFacts) -> StatedFacts:
        """These facts, with other's filling what these leave blank."""
        merged = {}
        for field in fields(self):
            if field.name != "basis":
                mine = getattr(self, field.name)
                merged[field.name] = mine if mine is not None else getattr(other, field.name)
        bases = [basis for basis in (self.basis, other.basis) if basis]
        return StatedFacts(**merged, basis="; ".join(bases) or None)

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, field.name) is None for field in fields(self) if field.name != "basis")


@dataclass(frozen=True)
class Rule:
    """One row of a metadata file: a pattern and the facts it states."""

    pattern: str
    facts: StatedFacts


def facts(
    issuer: str | None = None,
    region_code: str | None = None,
    year: str | int | None = None,
    doc_kind: str | None = None,
    basis: str = "",
) -> StatedFacts:
    """Checked facts: a six-digit region code, a four-digit year; blank means not stated."""
    issuer = (issuer or "").strip() or None
    region_code = (region_code or "").strip() or None
    doc_kind = (doc_kind or "").strip() or None
    year_text = str(year).strip() if year is not None else ""
    if region_code is not None and not re.fullmatch(r"\d{6}", region_code):
        raise MetadataError(f"{basis}: region_code must be six digits (e.g. 110105), not {region_code!r}")
    if year_text and not re.fullmatch(r"(19|20)\d{2}", year_text):
        raise MetadataError(f"{basis}: year must be a four-digit year, not {year_text!r}")
    stated = StatedFacts(issuer, region_code, int(year_text) if year_text else None, doc_kind)
    return stated if stated.is_empty else replace(stated, basis=basis or None)


def parse_rules(text: str, file_name: str = METADATA_FILE) -> list[Rule]:
    """The rows of a metadata file, checked."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    if "file" not in header:
        raise MetadataError(f"{file_name}: needs a 'file' column (columns: {', '.join(COLUMNS)})")
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise MetadataError(f"{file_name}: unknown column(s) {', '.join(unknown)} (columns: {', '.join(COLUMNS)})")
    rules = []
    for number, row in enumerate(reader, start=2):
        row = {(key or "").strip(): value for key, value in row.items()}
        pattern = (row.get("file") or "").strip()
        if not pattern:
            raise MetadataError(f"{file_name} line {number}: the 'file' cell is empty")
        basis = f"{file_name} line {number}"
        stated = facts(row.get("issuer"), row.get("region_code"), row.get("year"), row.get("doc_kind"), basis)
        rules.append(Rule(pattern, stated))
    return rules


def stated_for(relative: PurePath, rules: list[Rule]) -> StatedFacts:
    """Facts for a file (path relative to the metadata file's folder): later rows win over earlier ones."""
    found = StatedFacts()
    for rule in rules:
        if fnmatchcase(relative.as_posix(), rule.pattern) or fnmatchcase(relative.name, rule.pattern):
            found = rule.facts.over(found)
    return found
