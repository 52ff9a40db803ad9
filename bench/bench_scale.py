"""Scale benchmark: N generated documents through ingest and dbt, and what a re-run after one change costs.

The corpus is the five samples transformed into other issuers (real cities, districts and county-level cities of
the region seeds), budget years and amounts (tests/synthetic.py), a share of them rendered to PDF
(tests/render_samples.py). Printed: ingest and dbt wall time, rows/s, peak memory per process, warehouse size,
the latency of three analyst queries, and the re-run after one changed document as ratios to the fresh build; and
text ingest in documents/s against another git revision (default main) on the same documents, in the same run.

Run: make bench-scale N=1000  (or: .venv/bin/python bench/bench_scale.py --documents 1000)
Cross-document models only (rows in, candidate pairs, rows out, seconds and their growth exponent at each size;
tests/blocking.py): .venv/bin/python bench/bench_scale.py --blocking-sizes 100,300,1000
The machine is shared: the load average is printed with the figures; compare ratios within one run.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

BIN = Path(sys.executable).parent
# (sample prefix, the place it names, the kind of region that can stand in for it)
BASES = (("000", "天津市", "city"), ("001", "唐山市", "city"), ("002", "滨海新区", "district"),
         ("003", "东丽区", "district"), ("004", "天长市", "county"))  # fmt: skip
# Run a command and report its wall time and the peak RSS of itself and of its largest child (KiB).
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.call(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "seconds": time.perf_counter() - started, "peak_kib": usage.ru_maxrss}),
      file=sys.stderr)
"""
MEASURE_TREE = """
import json, resource, sys, time, runpy
started = time.perf_counter()
sys.argv = sys.argv[1:]
try:
    runpy.run_module(sys.argv[0], run_name="__main__")
    code = 0
except SystemExit as exit:
    code = exit.code or 0
own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
print(json.dumps({"code": code, "seconds": time.perf_counter() - started, "peak_kib": own.ru_maxrss,
                  "child_kib": children.ru_maxrss, "cpu": cpu}), file=sys.stderr)
"""
QUERIES = {
    "budget by region and year (README)": """
        select regions.full_name, projects.budget_year, count(*) as projects, sum(annual_budget_yuan) as budget_yuan
        from marts.projects inner join marts.regions using (region_code) group by all order by budget_yuan desc""",
    "share of quantitative targets by concept": """
        select indicators.concept, projects.budget_year, avg(indicators.is_quantitative::int) as share_quantitative,
            count(*) as indicators
        from marts.indicators inner join marts.projects using (project_id) group by all order by indicators desc""",
    "functional spending per issuer": """
        select documents.issuer, budget_lines.code, sum(budget_lines.total_yuan) as total_yuan
        from marts.budget_lines inner join marts.documents using (document_id)
        where budget_lines.classification = 'functional' group by all order by total_yuan desc nulls last limit 100""",
}


def regions() -> dict[str, list[tuple[str, str]]]:
    """Stand-ins by kind: (place, the city or province it belongs to) from the region seeds."""
    provinces = {row["province_code"]: row["province_name"] for row in _seed("region_provinces")}
    cities = {row["city_code"]: row for row in _seed("region_cities")}
    found: dict[str, list[tuple[str, str]]] = {"city": [], "district": [], "county": []}
    for row in cities.values():
        if row["city_name"].endswith("市") and row["city_name"] != "市辖区":
            found["city"].append((row["city_name"], provinces[row["province_code"]]))
    for row in _seed("region_areas"):
        city = cities.get(row["city_code"], {}).get("city_name", "市辖区")
        parent = provinces[row["province_code"]] if city == "市辖区" else city
        if row["area_name"].endswith("区"):
            found["district"].append((row["area_name"], parent))
        elif row["area_name"].endswith("市"):
            found["county"].append((row["area_name"], parent))
    return found


def _seed(name: str) -> list[dict]:
    with (ROOT / "seeds" / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def generate(folder: Path, n: int, pdf_share: float, seed: int = 18) -> dict[str, int]:
    """N documents in folder: each a sample moved to another place of its kind, year and scale; some as PDF."""
    import re

    from ingest.layouts import parse_document
    from ingest.readers import read_document
    from render_samples import render_pdf
    from synthetic import relocate, sample_text

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    texts = {prefix: sample_text(prefix) for prefix, _, _ in BASES}
    places = regions()
    for kind in places:
        rng.shuffle(places[kind])
    counts = {"txt": 0, "pdf": 0}
    for index in range(n):
        prefix, old_place, kind = BASES[index % len(BASES)]
        serial = index // len(BASES)
        shift = -(serial // len(places[kind]) % 4)  # the same place again: an earlier year
        new_place, parent = places[kind][serial % len(places[kind])]
        text = relocate(texts[prefix], old_place, new_place, rng.uniform(0.3, 3.0))
        if kind == "district":
            text = text.replace("天津市", parent).replace("天津", parent.removesuffix("市"))
        if shift:
            text = re.sub(r"(20[12]\d)(?=\s*年)", lambda match, shift=shift: str(int(match.group(1)) + shift), text)
        path = folder / f"{index:05d}_{prefix}.txt"
        path.write_text(text, encoding="utf-8")
        if rng.random() < pdf_share:
            pdf = path.with_suffix(".pdf")
            pdf.write_bytes(render_pdf(parse_document(read_document(path))))
            path.unlink()
            counts["pdf"] += 1
        else:
            counts["txt"] += 1
    return counts


def measure(args: list[str], env: dict | None = None, tree: bool = False) -> dict:
    """Run a command (or, with tree, a python module in-process) and return its wall time and peak memory."""
    wrapper = MEASURE_TREE if tree else MEASURE
    done = subprocess.run(
        [sys.executable, "-P", "-c", wrapper, *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
    figures = json.loads(done.stderr.strip().splitlines()[-1])
    if figures["code"] != 0:
        sys.exit(f"failed: {' '.join(args)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    figures["stdout"] = done.stdout
    return figures


def ingest(db: Path, docs: Path, workers: int, python_path: Path | None = None, extra=()) -> dict:
    env = {"PYTHONPATH": str(python_path)} if python_path else {}
    cwd_args = ["ingest", "--db", str(db), "--quiet", "--prune", "--workers", str(workers), *extra, str(docs)]
    return measure(cwd_args, env=env, tree=True)


def dbt_env(db: Path) -> dict[str, str]:
    """What dbt needs to build the warehouse db (the project, profile and a target folder beside db)."""
    return {
        "WAREHOUSE_DB": str(db),
        "DBT_PROFILES_DIR": str(ROOT),
        "DBT_PROJECT_DIR": str(ROOT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DBT_TARGET_PATH": str(db.parent / "target"),
    }


def dbt(db: Path, timings: bool = True) -> dict:
    env = dbt_env(db)
    # as make dbt: a full refresh when the warehouse records no (or another) dbt project, else incremental
    command = [str(BIN / "python"), "-m", "ingest.publish", "--db", str(db), "--", str(BIN / "python"), "-m",
               "ingest.dbt_build", "--", str(BIN / "dbt"), "build", "--quiet"]  # fmt: skip
    result = measure(command, env=env)
    if timings:
        result["timings"] = dbt_timings(db.parent / "target" / "run_results.json")
    return result


def dbt_timings(run_results: Path) -> str:
    """Where dbt's time went (target/run_results.json): seconds by kind of node, summed over its threads."""
    import json

    seconds: dict[str, float] = {}
    for node in json.loads(run_results.read_text())["results"]:
        kind = node["unique_id"].split(".")[0]
        if kind == "model":
            kind = "incremental models" if node["unique_id"].split(".")[-1] in INCREMENTAL else "other models"
        seconds[kind] = seconds.get(kind, 0.0) + node["execution_time"]
    return ", ".join(f"{kind} {value:.1f} s" for kind, value in sorted(seconds.items(), key=lambda item: -item[1]))


def _incremental_models() -> set[str]:
    return {path.stem for path in (ROOT / "models").rglob("*.sql") if "by_document_config" in path.read_text("utf-8")}


INCREMENTAL = _incremental_models()


def raw_rows(db: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute("select table_name from information_schema.tables where table_schema = 'raw'").fetchall()
        return sum(con.execute(f"select count(*) from raw.{name}").fetchone()[0] for (name,) in tables)
    finally:
        con.close()


def query_latency(db: Path) -> dict[str, float]:
    import duckdb

    latencies = {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        for label, sql in QUERIES.items():
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                con.execute(sql).fetchall()
                best = min(best, time.perf_counter() - started)
            latencies[label] = best
    finally:
        con.close()
    return latencies


def baseline_tree(ref: str, folder: Path) -> Path | None:
    """The package at another git revision, unpacked to import from (None if the revision is unknown)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "ingest"], capture_output=True)
    if archive.returncode != 0:
        return None
    shutil.rmtree(folder, ignore_errors=True)  # what an interrupted run left
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def loading_alone(docs: Path, n: int) -> None:
    """The loader on its own: n text documents parsed once, loaded one document per transaction (as before the
    loader batched) and in batches, into fresh in-memory warehouses."""
    import duckdb

    from ingest import load
    from ingest.pipeline import parse_raw

    documents = [parse_raw(path) for path in sorted(docs.glob("*.txt"))[:n]]
    seconds = {}
    for label, batch_documents in (("one per transaction", 1), ("batched", 500)):
        con = duckdb.connect()
        load.ensure_schema(con)
        loader = load.Loader(con, batch_documents=batch_documents)
        started = time.perf_counter()
        for document in documents:
            loader.add(document)
        loader.flush()
        seconds[label] = time.perf_counter() - started
        con.close()
    rows = sum(document.n_rows for document in documents)
    print(
        f"loading alone, {n} documents ({rows} rows): one per transaction {seconds['one per transaction']:.2f} s, "
        f"batched {seconds['batched']:.2f} s: {seconds['one per transaction'] / seconds['batched']:.1f}x"
    )


def blocking(args, work: Path) -> None:
    """The cross-document models at each size n: n // 9 cities, each with 9 documents holding every kind of
    cross-document relation (tests/blocking.py write_city: a budget and its re-issue a year later, targets and
    self-evaluations of two years, department tasks, one disclosure in two formats). Printed per model: rows in,
    candidate pairs, rows out and the seconds of its own query (tests/blocking.py), with the growth exponent
    log(x2/x1)/log(n2/n1); what a join on the year alone would compare; any nested loop or cross product."""
    from blocking import measure as measure_blocks
    from blocking import write_city

    sizes = sorted(int(size) for size in args.blocking_sizes.split(","))
    cities = sorted(place for place, _ in regions()["city"])
    figures = {}
    for n in sizes:
        folder = work / f"blocking-{n}"
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "docs").mkdir(parents=True)
        for city in cities[: n // 9]:
            write_city(folder / "docs", city)
        db = folder / "warehouse.duckdb"
        ingest(db, folder / "docs", args.workers)
        env = {"WAREHOUSE_DB": str(db), "DBT_PROFILES_DIR": str(ROOT), "DBT_PROJECT_DIR": str(ROOT),
               "DBT_SEND_ANONYMOUS_USAGE_STATS": "False", "DBT_TARGET_PATH": str(folder / "target")}  # fmt: skip
        built = measure([str(BIN / "dbt"), "build", "--exclude", "resource_type:test", "--quiet"], env=env)
        (folder / "measured").mkdir()
        shutil.copy(db, folder / "measured" / db.name)
        figures[n] = measure_blocks(folder / "measured" / db.name, folder / "target")
        print(f"  {n} documents: dbt build (no tests) {built['seconds']:.1f} s")
    print(f"cross-document models at {' / '.join(map(str, sizes))} documents (seconds: the model's own query, its "
          f"inputs materialised; dbt seconds: run_results.json, a view's creation only; exponent: log(x2/x1) / "
          f"log(n2/n1), first to last size, 1 is linear, 2 quadratic)")  # fmt: skip

    def series(name: str, field: str, digits: int = 0) -> str:
        values = [figures[n][name].get(field) for n in sizes]
        if values[0] is None:
            return ""
        text = " / ".join(f"{value:.{digits}f}" for value in values)
        if values[0] > 0 and values[-1] > 0:
            text += f" (exponent {math.log(values[-1] / values[0]) / math.log(sizes[-1] / sizes[0]):.2f})"
        return f"{field.replace('_', ' ')} {text}"

    for name in figures[sizes[0]]:
        parts = [series(name, field) for field in ("rows_in", "pairs", "year_only_pairs", "rows_out")]
        parts += [series(name, "seconds", 2), series(name, "dbt_seconds", 2)]
        unblocked = figures[sizes[-1]][name]["unblocked"]
        parts.append("nested loops / cross products: " + ("; ".join(unblocked) if unblocked else "none"))
        print(f"  {name}: " + "; ".join(part for part in parts if part))


def fresh_file(db: Path) -> Path:
    """The warehouse path with nothing of an earlier run left (a fresh build, not an incremental one)."""
    for stale in (db, db.with_name(db.name + ".wal"), db.with_name(db.name + ".raw")):
        if stale.is_dir():
            shutil.rmtree(stale)
        stale.unlink(missing_ok=True)
    return db


def mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", "-n", type=int, default=100, help="documents to generate (default 100)")
    parser.add_argument("--pdf-share", type=float, default=0.05, help="share rendered to PDF (default 0.05)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="ingest processes")
    parser.add_argument("--baseline", default="main", help="git revision to compare text ingest with ('' for none)")
    parser.add_argument("--baseline-documents", type=int, default=200, help="text documents the comparison uses")
    parser.add_argument("--folder", type=Path, help="work folder (default: a temporary one, removed)")
    parser.add_argument("--skip-dbt", action="store_true", help="ingest figures only")
    parser.add_argument(
        "--blocking-sizes",
        help="only the cross-document models, at each of these numbers of documents (e.g. 100,300,1000): rows "
        "in, candidate pairs, rows out, seconds",
    )
    args = parser.parse_args(argv)
    work = args.folder or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        return run(args, work)
    finally:
        if args.folder is None:
            shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path) -> int:
    if args.blocking_sizes:
        blocking(args, work)
        return 0
    docs = work / "docs"
    started = time.perf_counter()
    if not docs.exists():
        counts = generate(docs, args.documents, args.pdf_share)
    else:
        counts = {"txt": len(list(docs.glob("*.txt"))), "pdf": len(list(docs.glob("*.pdf")))}
    past = time.time() - 3600  # as documents on disk are: older than a run (their times are trusted)
    for path in docs.iterdir():
        os.utime(path, (past, past))
    size = sum(path.stat().st_size for path in docs.iterdir()) / 1e6
    print(f"corpus: {counts['txt']} text + {counts['pdf']} PDF documents, {size:.1f} MB "
          f"(generated in {time.perf_counter() - started:.0f} s); {args.workers} workers; "
          f"load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip

    if args.baseline:
        text = work / "text"
        shutil.rmtree(text, ignore_errors=True)
        text.mkdir()
        for path in sorted(docs.glob("*.txt"))[: args.baseline_documents]:
            os.link(path, text / path.name)
        n_text = len(list(text.iterdir()))
        tree = baseline_tree(args.baseline, work / "baseline")
        if tree is not None:
            before = ingest(fresh_file(work / "baseline.duckdb"), text, args.workers, python_path=tree)
            after = ingest(fresh_file(work / "text.duckdb"), text, args.workers)
            print(f"text ingest, {n_text} documents: {args.baseline} {n_text / before['seconds']:.1f} docs/s "
                  f"({before['seconds']:.1f} s), this tree {n_text / after['seconds']:.1f} docs/s "
                  f"({after['seconds']:.1f} s): {before['seconds'] / after['seconds']:.2f}x; CPU time (all processes) "
                  f"{before['cpu']:.1f} s and {after['cpu']:.1f} s: {before['cpu'] / after['cpu']:.2f}x "
                  f"documents per CPU-second")  # fmt: skip
        shutil.rmtree(work / "baseline", ignore_errors=True)

    loading_alone(docs, args.baseline_documents // 4)

    db = fresh_file(work / "warehouse.duckdb")
    fresh = ingest(db, docs, args.workers)
    rows = raw_rows(db)
    print(f"fresh ingest: {fresh['seconds']:.1f} s, {rows} raw rows ({rows / fresh['seconds']:.0f} rows/s, "
          f"{args.documents / fresh['seconds']:.1f} docs/s); peak memory: ingest {mib(fresh['peak_kib'])}, "
          f"largest worker {mib(fresh['child_kib'])}")  # fmt: skip
    print(f"  raw size: {db.stat().st_size / 1e6:.0f} MB")
    fresh_dbt = None
    if not args.skip_dbt:
        fresh_dbt = dbt(db)
        print(f"fresh dbt build: {fresh_dbt['seconds']:.1f} s, peak memory {mib(fresh_dbt['peak_kib'])}; "
              f"warehouse {db.stat().st_size / 1e6:.0f} MB")  # fmt: skip
        print(f"  dbt node time: {fresh_dbt['timings']}")
        for label, seconds in query_latency(db).items():
            print(f"  query '{label}': {seconds * 1000:.0f} ms")

    again = ingest(db, docs, args.workers)
    line = f"re-run, nothing changed: ingest {again['seconds']:.2f} s ({again['seconds'] / fresh['seconds']:.3f}x)"
    if fresh_dbt is not None:
        again_dbt = dbt(db, timings=False)  # nothing to build: dbt is not started (ingest.dbt_build)
        line += f", dbt {again_dbt['seconds']:.2f} s ({again_dbt['seconds'] / fresh_dbt['seconds']:.3f}x)"
    print(line)
    changed = sorted(docs.glob("*.txt"))[len(list(docs.glob("*.txt"))) // 2]
    with changed.open("a", encoding="utf-8") as handle:
        handle.write("\n")
    os.utime(changed, (past + 60, past + 60))
    one = ingest(db, docs, args.workers)
    line = (
        f"re-run after changing one document: ingest {one['seconds']:.2f} s ({one['seconds'] / fresh['seconds']:.3f}x)"
    )
    if fresh_dbt is not None:
        one_dbt = dbt(db)
        total = one["seconds"] + one_dbt["seconds"]
        line += (f", dbt {one_dbt['seconds']:.1f} s ({one_dbt['seconds'] / fresh_dbt['seconds']:.2f}x); "
                 f"together {total / (fresh['seconds'] + fresh_dbt['seconds']):.2f}x the fresh build")  # fmt: skip
    print(line)
    if fresh_dbt is not None:
        print(f"  dbt node time: {one_dbt['timings']}; warehouse {db.stat().st_size / 1e6:.0f} MB")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
