"""Check that a change to the layouts changes no record: keep every Document the tests and reports parse, dump what
the code makes of each, change the code, compare field by field (parse_issues, table_cells and table kinds too).

    .venv/bin/python scripts/records_identity.py collect /tmp/documents   # the test suite and both reports (slow)
    .venv/bin/python scripts/records_identity.py dump /tmp/documents /tmp/before
    ... change the layouts ...
    .venv/bin/python scripts/records_identity.py compare /tmp/documents /tmp/before

A field the records did not have before is ignored where it is null or empty (a new column or record type nothing
was read into).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEEP = "RECORDS_IDENTITY_KEEP"  # set: every Document parsed is pickled into this folder


def _keep_documents(folder: str) -> None:
    """Make ingest.layouts.parse_document pickle every Document it is given (by hash) before parsing it."""
    import ingest.layouts

    original = ingest.layouts.parse_document

    def keeping(document):
        data = pickle.dumps(document, protocol=5)
        path = Path(folder) / f"{hashlib.sha256(data).hexdigest()[:24]}.pickle"
        if not path.exists():
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(data)
            temporary.replace(path)
        return original(document)

    ingest.layouts.parse_document = keeping


if os.environ.get(KEEP):  # loaded as a pytest plugin (-p records_identity) by `collect`
    _keep_documents(os.environ[KEEP])


def collect(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, KEEP: str(folder), "PYTHONPATH": str(ROOT / "scripts")}
    tests = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "records_identity"], cwd=ROOT, env=env)
    for report in ("templates_report.py", "formats_report.py"):
        subprocess.call([sys.executable, __file__, "report", str(ROOT / "scripts" / report)], cwd=ROOT, env=env)
    print(f"{len(list(folder.glob('*.pickle')))} documents kept in {folder}; tests exited {tests}")
    return tests


def records(document) -> dict:
    from ingest.layouts import parse_document

    try:
        return json.loads(json.dumps(dataclasses.asdict(parse_document(document)), ensure_ascii=False, default=str))
    except Exception as error:  # a layout that fails is a result too
        return {"exception": f"{type(error).__name__}: {error}"}


def _without_new_nulls(found, before):
    if isinstance(found, dict) and isinstance(before, dict):
        return {key: _without_new_nulls(value, before.get(key)) for key, value in found.items()
                if key in before or value not in (None, [])}  # fmt: skip
    if isinstance(found, list) and isinstance(before, list):
        return [_without_new_nulls(value, before[i] if i < len(before) else None) for i, value in enumerate(found)]
    return found


def dump_or_compare(documents: Path, folder: Path, compare: bool) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    counted = differ = 0
    paths = sorted(documents.glob("*.pickle"))
    for path in paths:
        document = pickle.loads(path.read_bytes())
        found = records(document)
        counted += 1 + sum(len(value) for value in found.values() if isinstance(value, list))
        target = folder / f"{path.stem}.json"
        if not compare:
            target.write_text(json.dumps(found, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            continue
        before = json.loads(target.read_text(encoding="utf-8")) if target.exists() else None
        if before is None or _without_new_nulls(found, before) != before:
            differ += 1
            print(f"differs: {document.file_name} ({document.format}) {path.name}")
            for key in sorted(set(before or {}) | set(found)):
                if (before or {}).get(key) != _without_new_nulls(found, before or {}).get(key):
                    print(f"    {key}")
    print(f"{len(paths)} documents, {counted} records" + (f", {differ} differ" if compare else " dumped"))
    return 1 if differ else 0


def main(argv: list[str]) -> int:
    command, *args = argv
    if command == "collect":
        return collect(Path(args[0]))
    if command == "report":  # a report script run with every Document kept
        sys.argv = args
        runpy.run_path(args[0], run_name="__main__")
        return 0
    return dump_or_compare(Path(args[0]), Path(args[1]), compare=command == "compare")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
