"""Which backend reads PDFs: their names, the default and the environment variable that chooses one.

Kept apart from ingest/readers/pdf.py so that the command line can offer and check the choice without loading
the readers.
"""

from __future__ import annotations

import os

BACKENDS = ("pdfium", "pdfplumber")
DEFAULT_BACKEND = "pdfium"  # same Documents as pdfplumber on every PDF fixture (tests/test_pdf_backends.py)
BACKEND_ENV = "INGEST_PDF_BACKEND"


def pdf_backend(backend: str | None = None) -> str:
    """The backend to read with: the one given, else $INGEST_PDF_BACKEND, else the default."""
    chosen = backend or os.environ.get(BACKEND_ENV) or DEFAULT_BACKEND
    if chosen not in BACKENDS:
        raise ValueError(f"unknown PDF backend {chosen!r} (choose {' or '.join(BACKENDS)})")
    return chosen
