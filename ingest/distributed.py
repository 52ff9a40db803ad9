"""The parse stage on Ray: each document parsed by a Ray task that writes its raw rows as a Parquet set.

The driver (the `ingest` process) plans as it does locally, submits a task per file to parse (a bounded number in
flight), and loads each Parquet set into the warehouse as its task finishes, so dbt and analysts see the same raw
tables whether parsing ran here or on a cluster. A cluster needs the documents and the raw folder on storage every
node sees at the same path, and this package installed in the same Python environment on every node.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ingest.files import failed_result, source_of
from ingest.raw import RawDocument, read_parquet, write_parquet

DIED = "the process parsing it died (killed, or out of memory)"


def parse_to_parquet(path: str, facts: dict, raw_dir: str) -> str:
    """In a Ray task: parse one file, set the facts the driver knows (stated, file time, parser) on its documents
    row, and write its Parquet set; return the set's folder."""
    from ingest.pipeline import parse_raw

    return str(write_parquet(parse_raw(Path(path)).with_row(**facts), Path(raw_dir)))


def parse_on_ray(
    paths: Sequence[Path],
    facts_for: Callable[[str], dict],
    raw_dir: Path,
    address: str | None = None,
    workers: int | None = None,
) -> Iterator[RawDocument]:
    """Parse files as Ray tasks (on a cluster at `address`, else on a local Ray instance of `workers` CPUs);
    yield each document's rows, read back from its Parquet set, as its task finishes."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # nothing is sent anywhere
    import ray

    if not paths:
        return
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(
            address=address,
            num_cpus=None if address else (workers or os.cpu_count() or 1),
            include_dashboard=False,
            log_to_driver=False,
        )
    try:
        task = ray.remote(max_retries=0)(parse_to_parquet)
        in_flight = 2 * max(1, int(ray.cluster_resources().get("CPU", 1)))
        waiting = [Path(path) for path in paths]
        running: dict = {}
        while waiting or running:
            while waiting and len(running) < in_flight:
                path = waiting.pop(0)
                source = source_of(path)
                running[task.remote(source, facts_for(source), str(raw_dir))] = path
            done, _ = ray.wait(list(running), num_returns=1)
            for ref in done:
                path = running.pop(ref)
                try:
                    document = read_parquet(Path(ray.get(ref)))
                except ray.exceptions.RayError:  # the worker died: this document fails, the others go on
                    document = RawDocument.of(failed_result(path, DIED))
                    document = document.with_row(**facts_for(document.row.source_path))
                    write_parquet(document, raw_dir)
                yield document
    finally:
        if started_here:
            ray.shutdown()
