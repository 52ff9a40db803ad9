"""Render every template fixture of tests/templates.py in every format and print what ingest reads from it.

Usage: .venv/bin/python scripts/templates_report.py   (or: make templates-report)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from ingest.pipeline import parse_file  # noqa: E402
from render_templates import RENDERERS  # noqa: E402
from templates import TEMPLATES  # noqa: E402


def main() -> int:
    print(f"{'template':28} {'format':6} {'status':22} {'kind':28} tables indicators budget_block warnings")
    with tempfile.TemporaryDirectory() as folder:
        for name, template in TEMPLATES.items():
            for fmt, render in RENDERERS.items():
                path = Path(folder) / f"{name}.{fmt}"
                try:
                    path.write_bytes(render(template()))
                except Exception as error:  # a renderer this machine lacks
                    print(f"{name:28} {fmt:6} not rendered: {error}")
                    continue
                result = parse_file(path)
                parsed = result.parsed
                kinds = ",".join(sorted({p.table_kind for p in parsed.projects})) if parsed else "-"
                print(
                    f"{name:28} {fmt:6} {result.status:22} {kinds:28} {len(parsed.projects) if parsed else 0:6} "
                    f"{len(parsed.indicators) if parsed else 0:10} {len(parsed.budget_execution) if parsed else 0:12} "
                    f"{sum(1 for i in parsed.issues if i.severity == 'warning') if parsed else 0:6}"
                    + (f"  {result.error}" if result.error else "")
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
