"""What dbt costs whatever the data: the floor under an incremental `make dbt`.

An incremental build (ingest/dbt_build.py) runs the project's tables and incremental models downstream of the raw
sources and their data tests. This bench counts them (dbt ls with that selection), writes a stand-in dbt project of
as many table models of ten rows and as many data tests (unique, not_null, accepted_values) into a temporary
folder, and times on it, with this project's dbt and DuckDB adapter and two threads as profiles.yml has:

- dbt start-up: `dbt run` of one model of ten rows (reading the project, partial parse, connection, artifacts);
- the models alone and the whole build (models and tests), each the second run of the command (the first parses).

Whatever the documents, an incremental build of this project cannot cost less than that build of ten-row tables;
no dbt command that builds anything costs less than the start-up. Compare with a full `make dbt` of the same run
(bench/bench_scale.py) to see which share of a full build a one-change build can reach.

Run: .venv/bin/python bench/bench_dbt_floor.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BIN = Path(sys.executable).parent
DBT_ENV = {"DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}


def selected_counts(work: Path) -> tuple[int, int]:
    """Models and data tests an incremental build of this project runs (dbt ls; no warehouse is opened)."""
    from ingest.dbt_build import INCREMENTAL_SELECTION

    env = {**os.environ, **DBT_ENV, "DBT_PROFILES_DIR": str(ROOT), "DBT_PROJECT_DIR": str(ROOT),
           "DBT_TARGET_PATH": str(work / "project-target"), "WAREHOUSE_DB": str(work / "unused.duckdb")}  # fmt: skip
    listed = subprocess.run(
        [str(BIN / "dbt"), "ls", "--quiet", "--resource-type", "model", "test", "--output", "json",
         "--output-keys", "resource_type", *INCREMENTAL_SELECTION],  # fmt: skip
        env=env, capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    kinds = [line for line in listed.stdout.splitlines() if line.startswith("{")]
    models = sum('"model"' in line for line in kinds)
    return models, len(kinds) - models


def stand_in(folder: Path, models: int, tests: int) -> None:
    """A dbt project of `models` table models of ten rows and `tests` data tests on them."""
    (folder / "models").mkdir(parents=True)
    (folder / "dbt_project.yml").write_text(
        "name: floor\nversion: '1.0'\nconfig-version: 2\nprofile: floor\nmodels:\n  floor:\n    +materialized: table\n"
    )
    (folder / "profiles.yml").write_text(
        f"floor:\n  target: local\n  outputs:\n    local:\n      type: duckdb\n"
        f"      path: {folder / 'floor.duckdb'}\n      threads: 2\n"
    )
    kinds = ["unique", "not_null", "accepted_values"]
    per_model = [tests // models + (index < tests % models) for index in range(models)]
    schema = ["version: 2", "models:"]
    for index in range(models):
        # A column of each kind per test, so that no column is listed twice: id0 unique, id1 not_null, ...
        columns = []
        for test in range(per_model[index]):
            kind = kinds[test % len(kinds)]
            if kind == "accepted_values":
                columns += [
                    f"      - name: kind{test}",
                    "        data_tests: [{accepted_values: {arguments: {values: ['a']}}}]",
                ]
            else:
                columns += [f"      - name: id{test}", f"        data_tests: [{kind}]"]
        (folder / "models" / f"m{index}.sql").write_text(
            "select "
            + ", ".join(
                f"range as id{test}" if kinds[test % len(kinds)] != "accepted_values" else f"'a' as kind{test}"
                for test in range(per_model[index])
            )
            + " from range(10)\n"
        )
        schema += [f"  - name: m{index}", "    columns:", *columns]
    (folder / "models" / "schema.yml").write_text("\n".join(schema) + "\n")


def timed(command: list[str], folder: Path) -> float:
    env = {**os.environ, **DBT_ENV, "DBT_PROFILES_DIR": str(folder), "DBT_PROJECT_DIR": str(folder)}
    env.pop("DBT_TARGET_PATH", None)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=folder, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command after the first (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-dbt-floor-") as temporary:
        work = Path(temporary)
        models, tests = selected_counts(work)
        folder = work / "stand-in"
        stand_in(folder, models, tests)
        dbt = str(BIN / "dbt")
        commands = {
            "dbt start-up (one model of ten rows)": [dbt, "run", "--quiet", "--select", "m0"],
            f"{models} table models of ten rows": [dbt, "run", "--quiet"],
            f"{models} models and {tests} data tests": [dbt, "build", "--quiet"],
        }
        print(f"an incremental build of this project runs {models} models and {tests} data tests "
              f"(ingest.dbt_build.INCREMENTAL_SELECTION); load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")  # fmt: skip
        for label, command in commands.items():
            timed(command, folder)  # the first run parses the stand-in project
            seconds = [timed(command, folder) for _ in range(args.repeat)]
            print(f"  {label}: median {statistics.median(seconds):.1f} s "
                  f"({', '.join(f'{value:.1f}' for value in seconds)})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
