"""Read photographed or scanned pages saved as images (PNG, JPEG, TIFF; a multi-page TIFF is one page per frame).

Each frame is read like a PDF page without a text layer (ingest/readers/ocr.py), and its tables are stitched
across frames as the PDF reader stitches them across pages. The resolution comes from the file's dpi tag; lacking
one, the image is taken to be an A4 page (its shorter side 595 points).
"""

from __future__ import annotations

import io

import numpy as np

from ingest.document import Document
from ingest.errors import DocumentError

A4_SHORT_SIDE_POINTS = 595.0


def read_image(data: bytes, file_name: str) -> Document:
    """Parse an image file of one or more pages into a Document."""
    from PIL import Image, UnidentifiedImageError

    from ingest.readers.ocr import scan_all
    from ingest.readers.pdf import assemble, scanned_content

    if not data:
        raise DocumentError(f"{file_name}: the file is empty")
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError) as error:
        raise DocumentError(f"{file_name}: not a readable image ({type(error).__name__}: {error})") from error
    pages = scan_all(data, render_frame, list(range(1, frames + 1)), file_name)
    blocks = assemble([scanned_content(pages[number]) for number in range(1, frames + 1)])
    if not blocks:
        raise DocumentError(f"{file_name}: no text recognised in the image (blank, or unreadable?)")
    return Document(file_name=file_name, format="image+ocr", blocks=tuple(blocks), page_count=frames)


def render_frame(data: bytes, number: int) -> tuple[np.ndarray, float]:
    """Frame `number` (1-based) as an 8-bit grey image, and its pixels per point."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        image.seek(number - 1)
        frame = ImageOps.exif_transpose(image).convert("L")
        dpi = image.info.get("dpi")
    scale = float(dpi[0]) / 72 if dpi and float(dpi[0]) > 1 else min(frame.size) / A4_SHORT_SIDE_POINTS
    return np.array(frame), scale
