"""The label vocabulary (ingest/vocabulary.csv, extendable by the user) and the one rule for comparing labels.

Code asks "what role does this label have?" (`vocabulary().role("column", "指标值（包含数字及文字描述）")` ->
"target"), or "does this text mention a word of that role?" (`vocabulary().mentions("title", "2023年度项目支出绩效
自评表", "self_evaluation")`), never compares against literal labels. One normalisation: `compact` folds
full-width forms (NFKC) and removes whitespace and trailing colons; `label_key`, the form labels are compared in, also
drops bracketed notes (实施单位（盖章） -> 实施单位) and a leading 其中. A cell may carry its value after its label
(年度资金总额：520.00, 其中：中央补助 680.00): `Vocabulary.split`.

Users add synonyms in CSV files with the same columns (scope, role, label, note), named in $INGEST_VOCABULARY
(several separated by the path separator) or given to `ingest --vocabulary`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache, wraps
from importlib import resources
from pathlib import Path
from typing import Any

from ingest.errors import DocumentError

_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_LEADING = re.compile(r"^(?:其中|含|包括)[:]?")
# The months a monitoring table reports on, printed before its labels: 1-7月执行数, 1—7月份执行情况, 截至7月底执行数.
REPORTING_PERIOD = re.compile(r"^(?:1[-—–~至到](\d{1,2})月份?|截至(\d{1,2})月(?:底|末)?)(?=\S)")
_NUMBER_TAIL = re.compile(r"^(.*?\D)[:]?\s*(-?[\d,，]+(?:\.\d+)?\s*%?)$")
PLACEHOLDER = re.compile(r"^[.。…·\-—–_/\\]+$")
VOCABULARY_ENV = "INGEST_VOCABULARY"
KNOWN_ANSWERS = 1 << 17


@lru_cache(maxsize=1 << 16)  # labels repeat on every table: fold each once
def compact(text: str | None) -> str:
    """Printed text folded for comparison: NFKC (full-width forms), no whitespace, no trailing colon."""
    if not text:
        return ""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).rstrip(":")


@lru_cache(maxsize=1 << 16)
def label_key(text: str | None) -> str:
    """The form labels are compared in: `compact`, without bracketed notes, a leading 其中, a leading reporting
    period (1-7月执行数 is 执行数) or colons."""
    key = compact(text)
    if not key:
        return ""
    previous = None
    while previous != key:  # nested or repeated notes
        previous = key
        key = _BRACKETED.sub("", key)
    key = REPORTING_PERIOD.sub("", _LEADING.sub("", key))
    return key.strip(":")


def reporting_period(text: str | None) -> str | None:
    """The reporting period a label starts with (`1-7月执行情况` -> `1-7月`), or None."""
    found = REPORTING_PERIOD.match(compact(text))
    return found.group(0) if found else None


@dataclass(frozen=True)
class Vocabulary:
    """Roles by scope and label key, as loaded from the vocabulary files."""

    roles: dict[str, dict[str, str]]
    sources: tuple[str, ...]
    # Answers already given (labels repeat on every table): (question, scope, text) -> answer.
    known: dict[tuple, object] = field(default_factory=dict, compare=False, repr=False)

    def role(self, scope: str, text: str | None) -> str | None:
        """The role a label plays in a scope (column, field, execution, execution_line, task, level1, level2)."""
        try:
            return self.known["role", scope, text]
        except KeyError:
            return self.remember(("role", scope, text), self.roles.get(scope, {}).get(label_key(text)))

    def remember(self, question: tuple, answer):
        """Keep an answer (at most KNOWN_ANSWERS of them: a long run sees many texts once) and return it."""
        if len(self.known) >= KNOWN_ANSWERS:
            self.known.clear()
        self.known[question] = answer
        return answer

    def asked(self, question: tuple, answer: Callable[[], Any]) -> Any:
        """The answer to a question asked before, else answer() remembered."""
        try:
            return self.known[question]
        except KeyError:
            return self.remember(question, answer())

    def split(self, scope: str, text: str | None) -> tuple[str, str] | None:
        """A label carrying its value in the same cell: (role, value); 年度资金总额：520.00 -> (budget, 520.00)."""
        return self.asked(("split", scope, text), lambda: self._split(scope, text))

    def _split(self, scope: str, text: str | None) -> tuple[str, str] | None:
        if not text:
            return None
        folded = unicodedata.normalize("NFKC", text).strip()
        match = re.match(r"^(.{1,20}?)[:]\s*(\S.*)$", folded, re.S)
        if match:
            role = self.role(scope, match.group(1))
            if role is not None:
                return role, _value_after(text, match.group(2))
        number = _NUMBER_TAIL.match(folded)
        if number:
            role = self.role(scope, number.group(1))
            if role is not None:
                return role, number.group(2).strip()
        return None

    def mentions(self, scope: str, text: str | None, role: str | None = None) -> str | None:
        """The role of the first label of a scope (in vocabulary order) that the text contains, or None; with a role,
        that role if one of its labels is in the text. 2023年度项目支出绩效自评表 mentions title's self_evaluation."""
        return self.asked(("mentions", scope, (text, role)), lambda: self._mentions(scope, text, role))

    def _mentions(self, scope: str, text: str | None, role: str | None) -> str | None:
        folded = compact(text)
        for label, found in self.roles.get(scope, {}).items():
            if (role is None or found == role) and label in folded:
                return found
        return None

    def pattern(self, scope: str, role: str | None = None) -> str:
        """A regular-expression alternation of a scope's labels (of one role), longest first."""
        return self.asked(("pattern", scope, role), lambda: self._pattern(scope, role))

    def _pattern(self, scope: str, role: str | None) -> str:
        labels = [label for label, found in self.roles.get(scope, {}).items() if role is None or found == role]
        return "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))


def _value_after(original: str, folded_value: str) -> str:
    """The value part in the document's own characters (the folded form is only for matching)."""
    stripped = original.strip()
    for index, char in enumerate(stripped):
        if char in ":：":
            return stripped[index + 1 :].strip()
    return folded_value.strip()


def _read(text: str, source: str, into: dict[str, dict[str, str]], known: dict[str, set[str]] | None) -> None:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"scope", "role", "label"} - set(reader.fieldnames or ())
    if missing:
        raise DocumentError(f"{source}: vocabulary file lacks the column(s) {', '.join(sorted(missing))}")
    for number, row in enumerate(reader, start=2):
        scope, role, label = (row.get(name, "").strip() for name in ("scope", "role", "label"))
        if not (scope and role and label):
            continue
        if known is not None and role not in known.get(scope, set()):
            choices = ", ".join(sorted(known.get(scope, set()))) or f"none (scopes: {', '.join(sorted(known))})"
            raise DocumentError(f"{source}, line {number}: unknown {scope} role '{role}' (known: {choices})")
        into.setdefault(scope, {})[label_key(label)] = role


@cache
def load_vocabulary(extra: tuple[str, ...] = ()) -> Vocabulary:
    """The packaged vocabulary plus the user's files (their rows win where a label repeats)."""
    roles: dict[str, dict[str, str]] = {}
    packaged = resources.files("ingest").joinpath("vocabulary.csv").read_text(encoding="utf-8")
    _read(packaged, "ingest/vocabulary.csv", roles, None)
    known = {scope: set(mapping.values()) for scope, mapping in roles.items()}
    for path in extra:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except OSError as error:
            raise DocumentError(f"{path}: cannot read vocabulary file ({error.strerror or error})") from error
        _read(text, path, roles, known)
    return Vocabulary(roles=roles, sources=("ingest/vocabulary.csv", *extra))


_fixed: Vocabulary | None = None  # the vocabulary while a document is read (fixed_vocabulary)
_reading: dict[tuple[str, int], tuple[object, object]] | None = None  # once_per_reading's answers meanwhile


def vocabulary() -> Vocabulary:
    """The vocabulary in force: packaged plus the files named in $INGEST_VOCABULARY (while a document is read, the
    one in force when its reading began)."""
    if _fixed is not None:
        return _fixed
    extra = tuple(part for part in os.environ.get(VOCABULARY_ENV, "").split(os.pathsep) if part)
    return load_vocabulary(extra)


@contextmanager
def fixed_vocabulary() -> Iterator[Vocabulary]:
    """The vocabulary in force now, for every question asked while the block runs (a document's reading asks
    thousands: $INGEST_VOCABULARY is read once, not for each)."""
    global _fixed, _reading
    before, _fixed = (_fixed, _reading), None
    _fixed, _reading = vocabulary(), {}
    try:
        yield _fixed
    finally:
        _fixed, _reading = before


def once_per_reading(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A question about one object of a document (a row, a table, a region) answered once while the document is
    read (fixed_vocabulary): layouts ask it of the same object in detect and again in parse. The object is kept
    with its answer, so its id is not reused meanwhile; an answer must not be changed by its askers."""
    question = function.__qualname__

    @wraps(function)
    def asked(item):
        answers = _reading
        if answers is None:
            return function(item)
        try:
            return answers[question, id(item)][1]
        except KeyError:
            answer = function(item)
            answers[question, id(item)] = (item, answer)
            return answer

    return asked


def is_level1(text: str | None) -> bool:
    return vocabulary().role("level1", text) is not None


def _remembered(function: Callable[[str | None], bool]) -> Callable[[str | None], bool]:
    """A question about a label answered once per vocabulary and text (kept in the vocabulary's known answers)."""
    question = function.__name__

    @wraps(function)
    def asked(text: str | None) -> bool:
        words = vocabulary()
        try:
            return words.known[question, None, text]
        except KeyError:
            return words.remember((question, None, text), function(text))

    return asked


@_remembered
def is_level2(text: str | None) -> bool:
    """True for a 二级指标 label, including variants that end in 指标 and bare ones like 生态效益."""
    key = label_key(text)
    if not key:
        return False
    roles = vocabulary().roles.get("level2", {})
    if key in roles or f"{key}指标" in roles:
        return True
    # Unlisted variants (产出数量指标, 经济成本指标...) are longer than the four-character core labels.
    return key.endswith("指标") and 5 <= len(key) <= 10 and not is_level1(key) and "一级" not in key


@_remembered
def level2_prefix(text: str | None) -> bool:
    """True for the first part of a 二级 label wrapped onto two rows (e.g. 可持续 | 影响 指标)."""
    key = label_key(text)
    if not key or is_level2(key):
        return False
    known = vocabulary().roles
    return any(full.startswith(key) and full != key for full in (*known.get("level2", {}), *known.get("level1", {})))


def is_placeholder(text: str) -> bool:
    return bool(PLACEHOLDER.match(compact(text)))


def clean(text: str | None) -> str | None:
    """Trim a printed value; blank becomes None."""
    if text is None:
        return None
    text = text.strip()
    return text or None
