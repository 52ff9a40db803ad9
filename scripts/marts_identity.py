"""Check that a change to the dbt project changes no mart row: build a warehouse, dump every marts table ordered by
all its columns, change the models, build again (dbt build --full-refresh) and compare.

    .venv/bin/python scripts/marts_identity.py /tmp/warehouse.duckdb /tmp/before.txt
    ... change the models, dbt build --full-refresh ...
    .venv/bin/python scripts/marts_identity.py /tmp/warehouse.duckdb /tmp/after.txt
    cmp /tmp/before.txt /tmp/after.txt

raw_identity.py does the same for the raw tables a change to ingest writes.
"""

from __future__ import annotations

import sys
from pathlib import Path


def dump(db: Path, out: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    lines = 0
    with out.open("w", encoding="utf-8") as handle:
        names = con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by table_name"
        ).fetchall()
        for (name,) in names:
            rows = con.execute(f'select * from marts."{name}" order by all').fetchall()
            handle.write(f"## {name}: {len(rows)} rows\n")
            for row in rows:
                handle.write("\t".join(repr(value) for value in row) + "\n")
            lines += len(rows)
    con.close()
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    db, out = Path(argv[0]), Path(argv[1])
    print(f"{dump(db, out)} mart rows dumped to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
