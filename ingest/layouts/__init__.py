"""Layout parsers: Document -> typed records. Pure functions: no I/O, no database.

ingest/layouts/segment.py cuts a document into regions once; ingest/layouts/registry.py gives each region to the
one layout that claims it and assembles what they read.
"""

from ingest.layouts.registry import REGISTRY, parse_document

__all__ = ["REGISTRY", "parse_document"]
