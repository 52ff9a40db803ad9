"""Read scanned pages: deskew, find ruled table grids (OpenCV morphology), recognise text (RapidOCR).

A page image becomes what the text path gets from pdfplumber: text lines outside tables, and per ruled table
its grid of cells (a merged cell's text in its top-left cell, the cells it covers blank), with column edges for
stitching a table across pages. Coordinates are returned in PDF points (the image's pixels divided by its
scale), so a scanned page and a text page line up.

Every recognised cell carries the lowest recognition score of its text (0-1). Text recognised below MIN_SCORE is
not kept (a guess is worse than a gap); a cell that holds ink but yields no text that clears it is returned blank
with its score (0.0 when nothing was found), so the loss is reported, never filled in. Blank cells (no ink) and
covered cells have no score.

The recogniser is RapidOCR's PP-OCR detection and recognition models shipped inside the rapidocr-onnxruntime
wheel, run on CPU through onnxruntime with one thread per process (pages run in parallel in processes instead).
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from ingest.errors import DocumentError, NeedsOCR

MIN_SCORE = 0.8  # below this a recognised string is dropped, not kept (a half-cut "≥5次" reads ">5次" at 0.80)
FAINT = 16  # a pixel (median of 3x3) this much darker than the paper is a mark: the cell holds something
FULL_CONTRAST = 0.5  # a cell whose darkest mark reaches half the page's text darkness is fully trusted
INK_SHARE = 0.002  # share of a cell's interior that must be ink for it to count as "holds something"
DETECT_MAX_SIDE = 2000  # text is found on the page scaled to this (RapidOCR's own limit); read at full size
MAX_SKEW = 5.0  # degrees: larger angles are not corrected (a page scanned sideways needs turning first)
CUT_SHARE = 0.7  # Chinese text whose ink is less than this share of the page's usual height is cut off
PAGES_PER_WORKER = 4  # fewer pages than this per process and starting processes costs more than it saves


@dataclass
class ScannedTable:
    """One ruled table found on a page image: cell texts, scores and geometry in points."""

    rows: list[list[str]]
    confidences: list[list[float | None]]
    columns: list[tuple[float, float]]
    cell_boxes: list[list[tuple[float, float] | None]]
    top: float
    bottom: float


@dataclass
class ScannedLine:
    """A line of text outside the tables."""

    top: float
    text: str
    confidence: float


@dataclass
class ScannedPage:
    """What one page image holds, in reading order within each kind."""

    tables: list[ScannedTable] = field(default_factory=list)
    lines: list[ScannedLine] = field(default_factory=list)
    skew_degrees: float = 0.0


@dataclass
class _Box:
    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def height(self) -> int:
        return self.y1 - self.y0


_HAN = re.compile(r"[\u4e00-\u9fff]")
_ENGINE = None
_SOURCE: tuple[bytes, Callable] | None = None

Render = Callable[[bytes, int], tuple[np.ndarray, float]]


def ocr_workers(pages: int) -> int:
    """Processes to recognise pages in: $INGEST_OCR_WORKERS, else every core but at least PAGES_PER_WORKER pages
    each (a worker spends seconds loading the models and warming them up), and one inside a worker process (the
    pipeline already runs one document per core there)."""
    configured = os.environ.get("INGEST_OCR_WORKERS")
    if configured:
        workers = int(configured)
    elif multiprocessing.parent_process() is not None:
        workers = 1
    else:
        workers = min(os.cpu_count() or 1, pages // PAGES_PER_WORKER)
    return max(1, min(workers, pages))


def scan_all(source: bytes, render: Render, pages: Sequence[int], file_name: str) -> dict[int, ScannedPage]:
    """Render and read the given pages of one file, in parallel processes when there are several."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError as error:
        raise NeedsOCR(
            f"{file_name}: pages {', '.join(map(str, pages))} have no text layer and the OCR engine "
            f"(rapidocr-onnxruntime) is not installed"
        ) from error
    workers = ocr_workers(len(pages))
    try:
        if workers <= 1:
            return {number: scan_page(*render(source, number)) for number in pages}
        context = multiprocessing.get_context("spawn")  # no fork of a parent holding threads or a database
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_keep, initargs=(source, render)) as pool:
            return dict(zip(pages, pool.map(_scan_kept, pages), strict=True))
    except (ValueError, OSError) as error:
        raise DocumentError(f"{file_name}: cannot render a scanned page ({type(error).__name__}: {error})") from error


def _keep(source: bytes, render: Render) -> None:
    global _SOURCE
    _SOURCE = (source, render)


def _scan_kept(number: int) -> ScannedPage:
    assert _SOURCE is not None
    source, render = _SOURCE
    return scan_page(*render(source, number))


def _engine():
    """The RapidOCR engine of this process, created once (loading the models takes about a second)."""
    global _ENGINE
    if _ENGINE is None:
        from rapidocr_onnxruntime import RapidOCR

        threads = int(os.environ.get("INGEST_OCR_THREADS", "1"))
        # One crop per batch: batching pads every crop to the widest in its batch, which costs more than it saves.
        _ENGINE = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, rec_batch_num=1)
    return _ENGINE


def scan_page(grey: np.ndarray, scale: float) -> ScannedPage:
    """Read one page image (8-bit grey, `scale` pixels per point)."""
    import cv2

    grey, angle = deskew(grey, scale)
    ink = _ink(grey)
    horizontal, vertical = _rulings(ink, scale)
    grids = _grids(horizontal, vertical, scale)
    # Text is recognised with the tables' ruling lines painted white, so no crop carries a line. Only inside
    # tables: outside them a heading character's long stroke (市, 本) would pass for a line.
    within = np.zeros_like(ink)
    for grid in grids:
        within[max(0, grid.ys[0] - 3) : grid.ys[-1] + 4, max(0, grid.xs[0] - 3) : grid.xs[-1] + 4] = 255
    rulings = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8)) & within
    clean = grey.copy()
    clean[rulings > 0] = 255
    boxes = _detect(grey)
    crops: list[np.ndarray] = []
    owners: list[tuple[int, int, int, int] | tuple[int, int]] = []  # (table, region, y, x) or (line, y)
    free: list[_Box] = []
    for box in boxes:
        placed = False
        for t, grid in enumerate(grids):
            if not grid.contains(box):
                continue
            placed = True
            for r, region in enumerate(grid.regions):
                piece = region.clip(box, margin=max(2, round(scale)))
                if piece is None:
                    continue
                crops.append(clean[piece.y0 : piece.y1, piece.x0 : piece.x1])
                owners.append((t, r, (piece.y0 + piece.y1) // 2, piece.x0))
            break
        if not placed:
            free.append(box)
    for box in free:
        crops.append(clean[box.y0 : box.y1, box.x0 : box.x1])
        owners.append((-1, len(owners), (box.y0 + box.y1) // 2, box.x0))
    texts = _recognise(crops)
    heights = [_ink_height(crop) for crop in crops]
    full = float(np.median([h for h, (text, _) in zip(heights, texts, strict=True) if _HAN.search(text)] or [0]))
    pieces: dict[tuple[int, int], list[tuple[int, int, int, str, float]]] = {}
    outside: list[tuple[int, int, int, str, float]] = []
    for owner, crop, ink_height, (text, score) in zip(owners, crops, heights, texts, strict=True):
        t, r, y, x = owner
        height = crop.shape[0]
        if full and _HAN.search(text) and ink_height < CUT_SHARE * full:
            # Chinese characters this much shorter than the page's are cut (a fold, a mask, the scan's edge):
            # what the recogniser makes of their remains is a guess.
            score = min(score, ink_height / full)
        if t < 0:
            if text.strip() and score >= MIN_SCORE:
                outside.append((y, x, height, text.strip(), score))
            continue
        pieces.setdefault((t, r), []).append((y, x, height, text.strip(), score))
    page = ScannedPage(skew_degrees=angle)
    marks = _Marks.of(grey, ink, rulings)
    for t, grid in enumerate(grids):
        page.tables.append(grid.table(pieces, t, marks, scale))
    for line in _lines(outside):
        y, text, score = line
        page.lines.append(ScannedLine(top=y / scale, text=text, confidence=score))
    return page


def _ink_height(crop: np.ndarray) -> int:
    """Height of the dark part of a crop, in pixels."""
    rows = np.nonzero((crop < 128).any(axis=1))[0]
    return int(rows[-1] - rows[0] + 1) if rows.size else 0


def deskew(grey: np.ndarray, scale: float) -> tuple[np.ndarray, float]:
    """Rotate the page so its long ruling lines (or, lacking them, text lines) are level; return the angle."""
    import cv2

    ink = _ink(grey)
    length = max(20, round(40 * scale))
    # A line tilted by a degree stays within a few pixels over this run, so opening keeps its pieces.
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    lines = cv2.dilate(lines, np.ones((3, 9), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    angles: list[tuple[float, float]] = []
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        if w < 100 * scale:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == label)
        vx, vy, _, _ = cv2.fitLine(np.column_stack([xs, ys]).astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        angles.append((float(np.degrees(np.arctan2(vy, vx))), float(w)))
    if not angles:
        return grey, 0.0
    values = np.array([a for a, _ in angles])
    weights = np.array([w for _, w in angles])
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    angle = float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2)])  # weighted median
    if abs(angle) < 0.02 or abs(angle) > MAX_SKEW:
        return grey, 0.0 if abs(angle) > MAX_SKEW else angle
    height, width = grey.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    rotated = cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)
    return rotated, angle


def _ink(grey: np.ndarray) -> np.ndarray:
    """Dark pixels as 255 (Otsu's threshold: scans differ in paper and toner)."""
    import cv2

    _, binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return binary


@dataclass
class _Marks:
    """What a page's paper and text look like, to tell blank, faint and normal cells apart."""

    smooth: np.ndarray  # the page after a 3x3 median (speckle removed), rulings painted as paper
    paper: int
    text: float  # typical darkness of text on this page

    @classmethod
    def of(cls, grey: np.ndarray, ink: np.ndarray, rulings: np.ndarray) -> _Marks:
        import cv2

        paper = int(np.percentile(grey, 90))
        smooth = cv2.medianBlur(grey, 3)
        smooth[rulings > 0] = paper
        text_pixels = grey[(ink > 0) & (rulings == 0)]
        text = float(np.median(text_pixels)) if text_pixels.size else 0.0
        return cls(smooth, paper, text)

    def interior(self, box: _Box, scale: float) -> np.ndarray:
        margin = max(3, round(2 * scale))
        return self.smooth[box.y0 + margin : box.y1 - margin, box.x0 + margin : box.x1 - margin]

    def holds_something(self, box: _Box, scale: float) -> bool:
        inside = self.interior(box, scale)
        marked = int((inside < self.paper - FAINT).sum()) if inside.size else 0
        return marked > max(12, INK_SHARE * inside.size)

    def contrast(self, box: _Box, scale: float) -> float:
        """1.0 for a cell printed as dark as the page's text; less, down to 0, for a faint one."""
        inside = self.interior(box, scale)
        if not inside.size or self.paper - self.text <= 0:
            return 1.0
        ratio = (self.paper - float(inside.min())) / (self.paper - self.text)
        return max(0.0, min(1.0, ratio / FULL_CONTRAST))


def _rulings(ink: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling lines: runs of ink longer than any character stroke."""
    import cv2

    across = max(15, round(20 * scale))  # 20 pt: longer than a character's stroke at body sizes
    down = max(10, round(11 * scale))  # 11 pt: a row is at least a line of text plus padding
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (across, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, down)))
    # Bridge the short gaps JPEG and faint toner leave in a thin line (not before opening: that would join
    # the strokes of neighbouring characters into a "line").
    gap = max(3, round(2 * scale))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8))
    return horizontal, vertical


def _detect(grey: np.ndarray) -> list[_Box]:
    """Text boxes (axis-aligned, pixels) from the PP-OCR detection model."""
    import cv2

    engine = _engine()
    height, width = grey.shape
    factor = min(1.0, DETECT_MAX_SIDE / max(height, width))
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else grey
    found, _ = engine.text_det(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
    boxes = []
    for quad in found if found is not None else []:
        xs, ys = quad[:, 0] / factor, quad[:, 1] / factor
        box = _Box(max(0, int(xs.min())), max(0, int(ys.min())), min(width, int(xs.max()) + 1),
                   min(height, int(ys.max()) + 1))  # fmt: skip
        if box.x1 - box.x0 > 2 and box.height > 2:
            boxes.append(box)
    return boxes


def _recognise(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """Text and score of each crop (batched by the recogniser)."""
    import cv2

    if not crops:
        return []
    engine = _engine()
    results, _ = engine.text_rec([cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR) for crop in crops])
    return [(text, float(score)) for text, score in results]


def _lines(pieces: list[tuple[int, int, int, str, float]]) -> list[tuple[int, str, float]]:
    """Group recognised pieces into lines (by vertical overlap), left to right; (top y, text, lowest score)."""
    lines: list[list[tuple[int, int, int, str, float]]] = []
    for piece in sorted(pieces):
        y, _, height, _, _ = piece
        if lines and abs(y - _centre(lines[-1])) < max(height, lines[-1][0][2]) / 2:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    out = []
    for line in lines:
        line.sort(key=lambda piece: piece[1])
        text = ""
        for _, _, _, part, _ in line:
            glue = " " if text and text[-1].isascii() and text[-1].isalnum() and part[0].isascii() else ""
            text += glue + part
        top = min(y - height // 2 for y, _, height, _, _ in line)
        out.append((top, _paired(text), min(score for *_, score in line)))
    return out


def _paired(text: str) -> str:
    """Close a bracket in the width it was opened in: the recogniser reads （%） as （%) now and then."""
    out: list[str] = []
    opened: list[str] = []
    for char in text:
        if char in "(（":
            opened.append(char)
        elif char in ")）" and opened:
            char = "）" if opened.pop() == "（" else ")"
        out.append(char)
    return "".join(out)


def _centre(line: list[tuple[int, int, int, str, float]]) -> float:
    return sum(piece[0] for piece in line) / len(line)


@dataclass
class _Region:
    """A cell of the grid, possibly merged over several grid cells: its grid origin and pixel rectangle."""

    row: int
    column: int
    rows: int
    columns: int
    box: _Box

    def clip(self, box: _Box, margin: int) -> _Box | None:
        """The part of a text box inside this cell, or None when only a sliver (a neighbour's overhang) is."""
        x0, x1 = max(box.x0, self.box.x0 + margin), min(box.x1, self.box.x1 - margin)
        y0, y1 = max(box.y0, self.box.y0 + margin), min(box.y1, self.box.y1 - margin)
        if x1 - x0 < max(4, box.height // 2) or y1 - y0 < box.height // 2:
            return None
        return _Box(x0, y0, x1, y1)


@dataclass
class _Grid:
    """A ruled table on the image: row and column boundaries (pixels) and its cells after merging."""

    ys: list[int]
    xs: list[int]
    regions: list[_Region]

    def contains(self, box: _Box) -> bool:
        x, y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def table(self, pieces, index: int, marks: _Marks, scale: float) -> ScannedTable:
        n_rows, n_columns = len(self.ys) - 1, len(self.xs) - 1
        rows = [[""] * n_columns for _ in range(n_rows)]
        scores: list[list[float | None]] = [[None] * n_columns for _ in range(n_rows)]
        for r, region in enumerate(self.regions):
            found = [piece for piece in pieces.get((index, r), []) if piece[3]]
            kept = [piece for piece in found if piece[4] >= MIN_SCORE]
            text = _paired("\n".join(text for _, text, _ in _lines(kept)))  # a bracket may close a line down
            if found:
                # Faint print lowers the trust in what was read from it, however sure the recogniser is.
                score = min(min(piece[4] for piece in found), marks.contrast(region.box, scale))
            elif marks.holds_something(region.box, scale):
                score = 0.0  # something is there, and nothing could be read from it
            else:
                score = None
            rows[region.row][region.column] = text
            scores[region.row][region.column] = score
        boxes: list[list[tuple[float, float] | None]] = [[None] * n_columns for _ in range(n_rows)]
        for region in self.regions:
            boxes[region.row][region.column] = (region.box.x0 / scale, region.box.x1 / scale)
        columns = [(self.xs[c] / scale, self.xs[c + 1] / scale) for c in range(n_columns)]
        return ScannedTable(rows, scores, columns, boxes, self.ys[0] / scale, self.ys[-1] / scale)


def _grids(horizontal: np.ndarray, vertical: np.ndarray, scale: float) -> list[_Grid]:
    """Ruled tables: connected line networks with at least two rows and one column boundary pair."""
    import cv2

    network = cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(network, connectivity=8)
    grids = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w < 40 * scale or h < 12 * scale:
            continue
        window = (slice(y, y + h), slice(x, x + w))
        ys = [y + offset for offset in _boundaries(horizontal[window], axis=1, minimum=round(15 * scale))]
        xs = [x + offset for offset in _boundaries(vertical[window], axis=0, minimum=round(8 * scale))]
        if len(ys) < 2 or len(xs) < 2:
            continue
        grids.append(_Grid(ys, xs, _regions(ys, xs, horizontal, vertical)))
    grids.sort(key=lambda grid: grid.ys[0])
    return grids


def _boundaries(mask: np.ndarray, axis: int, minimum: int) -> list[int]:
    """Centres of the ruling lines in a table's window: runs of positions where some line is drawn."""
    profile = (mask > 0).sum(axis=axis)
    present = profile >= minimum
    centres: list[int] = []
    start = None
    for position, on in enumerate([*present.tolist(), False]):
        if on and start is None:
            start = position
        elif not on and start is not None:
            centre = (start + position - 1) // 2
            if centres and centre - centres[-1] <= 3:
                centres[-1] = (centres[-1] + centre) // 2
            else:
                centres.append(centre)
            start = None
    return centres


def _regions(ys: list[int], xs: list[int], horizontal: np.ndarray, vertical: np.ndarray) -> list[_Region]:
    """Grid cells joined where the ruling line between them is missing (a merged cell), as rectangles."""
    n_rows, n_columns = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_columns))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for r in range(n_rows):
        for c in range(n_columns):
            if c + 1 < n_columns and not _drawn(vertical, xs[c + 1], ys[r], ys[r + 1], vertical_line=True):
                parent[find(r * n_columns + c + 1)] = find(r * n_columns + c)
            if r + 1 < n_rows and not _drawn(horizontal, ys[r + 1], xs[c], xs[c + 1], vertical_line=False):
                parent[find((r + 1) * n_columns + c)] = find(r * n_columns + c)
    members: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_columns):
            members.setdefault(find(r * n_columns + c), []).append((r, c))
    regions = []
    taken: set[tuple[int, int]] = set()
    for cells in sorted(members.values()):
        top, left = cells[0]
        bottom = max(r for r, _ in cells)
        right = max(c for _, c in cells)
        if (top, left) in taken:
            continue
        taken.update((r, c) for r in range(top, bottom + 1) for c in range(left, right + 1))
        box = _Box(xs[left], ys[top], xs[right + 1], ys[bottom + 1])
        regions.append(_Region(top, left, bottom - top + 1, right - left + 1, box))
    return regions


def _drawn(mask: np.ndarray, at: int, start: int, end: int, vertical_line: bool) -> bool:
    """Whether a ruling line is drawn at `at` between start and end (its middle half mostly inked)."""
    quarter = (end - start) // 4
    low, high = start + quarter, end - quarter
    if high <= low:
        return True
    band = mask[low:high, max(0, at - 3) : at + 4] if vertical_line else mask[max(0, at - 3) : at + 4, low:high]
    inked = (band > 0).any(axis=1 if vertical_line else 0)
    return float(inked.mean()) >= 0.5
