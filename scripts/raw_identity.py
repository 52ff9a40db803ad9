"""Check that a change to ingest changes no raw row: ingest folders into a fresh warehouse, dump every raw table
ordered by all its columns, change the code, dump again and compare (records_identity.py checks the layouts on the
Documents the tests parse; this checks the whole path, readers, Arrow tables and loader included).

    .venv/bin/python scripts/raw_identity.py dump /tmp/before.tsv data/samples /tmp/generated
    ... change the code ...
    .venv/bin/python scripts/raw_identity.py dump /tmp/after.tsv data/samples /tmp/generated
    cmp /tmp/before.tsv /tmp/after.tsv

PYTHONPATH=<another checkout> dumps what that checkout makes of the same files. Columns that differ between runs by
nature (parse_seconds, file_modified_ns, parser_version) are left out.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

VOLATILE = {"parse_seconds", "file_modified_ns", "parser_version"}


def dump(db: Path, out: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    lines = 0
    with out.open("w", encoding="utf-8") as handle:
        names = con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw' order by table_name"
        ).fetchall()
        for (name,) in names:
            columns = [
                column
                for (column,) in con.execute(
                    "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ? "
                    "order by ordinal_position",
                    [name],
                ).fetchall()
                if column not in VOLATILE
            ]
            listed = ", ".join(columns)
            rows = con.execute(f"select {listed} from raw.{name} order by all").fetchall()
            handle.write(f"## {name} ({listed}): {len(rows)} rows\n")
            for row in rows:
                handle.write("\t".join(repr(value) for value in row) + "\n")
            lines += len(rows)
    con.close()
    return lines


def main(argv: list[str]) -> int:
    command, out, *folders = argv
    if command != "dump" or not folders:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="raw-identity-") as work:
        db = Path(work) / "identity.duckdb"
        done = subprocess.run(
            [sys.executable, "-P", "-m", "ingest", "--db", str(db), "--quiet", "--workers", "2", *folders]
        )
        if done.returncode not in (0, 1):
            return done.returncode
        print(f"{dump(db, Path(out))} raw rows dumped to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
