"""See what the parser saw: each region of a document, the layout that claimed it (or why none did), the role of each
label, the records read and the issues in place; `ingest-explain FILE [--html OUT]` (ingest/explain/cli.py).

saw.py is what one parse decided, region by region; suggest.py the vocabulary rows that would let a layout read an
unrecognised table (tried on the document); page.py draws it all as one self-contained HTML page, summary.py as text.
"""

from __future__ import annotations

from ingest.document import Document
from ingest.explain.saw import Explanation, saw
from ingest.explain.suggest import suggest
from ingest.layouts.registry import read


def explain(document: Document) -> Explanation:
    """What the parser made of a document, region by region, with the vocabulary rows it lacks."""
    return suggest(document, saw(document, read(document, keep_going=True)))


__all__ = ["Explanation", "explain"]
