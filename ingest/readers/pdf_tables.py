"""Tables and text lines of a page given as pdfplumber-style characters and edges (ingest/readers/pdfium_layer.py).

`LayerPage` answers the questions the PDF reader asks a pdfplumber page (`find_tables`, `outside`,
`extract_text_lines`) with pdfplumber's algorithms (version 0.11), so the answers are the same. They are written
out here for the reader's settings (ruling lines, default tolerances), so that reading through PDFium does not
load pdfplumber and pdfminer (12 MB a process); tests/test_pdf_backends.py holds each equal to pdfplumber's own
on random input. The steps that dominate pdfplumber's run time are done another way with the same result:
- a table's cells get their characters through a (cells x characters) array test instead of a Python test per
  character and cell (pdfplumber's `Table.extract`: each character whose centre lies in the cell, page order);
- a cell's characters become text through `chars_text`, pdfplumber's `extract_text` (layout off, default
  tolerances) written for this case: lines are `top` clusters 3 pt tall, words break at spaces, at a backwards
  step or a gap over 3 pt, lines of words are clustered again by their tops;
- the cells of a ruling grid are found as `intersections_to_cells` finds them, with its point and edge look-ups
  indexed instead of rescanned.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from operator import itemgetter

import numpy as np

TOLERANCE = 3  # pdfplumber's default x and y tolerances (text) and snap/join/intersection tolerances (tables)
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
EDGE_MIN_LENGTH_PREFILTER = 1  # pdfplumber's defaults: edges shorter are left out before merging...
EDGE_MIN_LENGTH = 3  # ...and after
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}  # expanded in text
TEXT_LINE = re.compile(r" *([^\n]+?) *(\n|$)")  # pdfplumber's extract_text_lines(strip=True)


class LayerPage:
    """The part of a pdfplumber page the PDF reader uses, over characters and edges read elsewhere."""

    def __init__(self, chars: list[dict], edges: list[dict], bbox: tuple[float, float, float, float]):
        self.chars = chars
        self.edges = edges
        self.bbox = bbox
        self._centres: np.ndarray | None = None

    def centres(self) -> np.ndarray:
        """Each character's horizontal and vertical centre, as pdfplumber's char_in_bbox computes them."""
        if self._centres is None:
            self._centres = np.array(
                [((char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2) for char in self.chars],
                dtype=float,
            ).reshape(-1, 2)
        return self._centres

    def find_tables(self, table_settings: dict | None = None) -> list[LayerTable]:
        """pdfplumber's find_tables with vertical and horizontal strategy "lines" and default tolerances."""
        if table_settings not in (None, TABLE_SETTINGS):
            raise ValueError(f"only {TABLE_SETTINGS} is supported here")
        crossings = edge_crossings(table_edges(self.edges), TOLERANCE, TOLERANCE)
        return [LayerTable(self, cells) for cells in cells_to_tables(crossings_to_cells(crossings))]

    def outside(self, boxes: Sequence[tuple[float, float, float, float]], margin: float = 1.0) -> LayerPage:
        """The page without the characters whose centre lies in one of the boxes (widened by margin)."""
        if not boxes or not self.chars:
            return self
        centres = self.centres()
        inside = np.zeros(len(self.chars), dtype=bool)
        for x0, top, x1, bottom in boxes:
            inside |= (
                (centres[:, 0] >= x0 - margin)
                & (centres[:, 0] <= x1 + margin)
                & (centres[:, 1] >= top - margin)
                & (centres[:, 1] <= bottom + margin)
            )
        return LayerPage(
            [char for char, hidden in zip(self.chars, inside.tolist(), strict=True) if not hidden], [], self.bbox
        )

    def extract_text_lines(self, layout: bool = False, strip: bool = True, return_chars: bool = False) -> list[dict]:
        """pdfplumber's Page.extract_text_lines (no layout, stripped): each line's text and box.

        Words (pdfplumber's WordExtractor) come line by line; they are laid out as pdfplumber's text map does
        without layout: a line break where their tops (chained within 3 pt) change, one space between words.
        """
        if layout or not strip:
            raise ValueError("only extract_text_lines(layout=False, strip=True) is supported here")
        words = list(_words(self.chars))
        if not words:
            return []
        line_of = cluster_ids([word["top"] for word, _ in words])
        letters: list[str] = []
        sources: list[dict | None] = []
        line = None
        for word, chars in words:
            if line is None or line_of[word["top"]] != line:
                if line is not None:
                    letters.append("\n")
                    sources.append(None)
                line = line_of[word["top"]]
            else:
                letters.append(" ")
                sources.append(None)
            for char in chars:
                for letter in LIGATURES.get(char["text"], char["text"]):
                    letters.append(letter)
                    sources.append(char)
        text = "".join(letters)
        lines = []
        for match in TEXT_LINE.finditer(text):
            if not match.group(1).strip():
                continue
            chars = [char for char in sources[match.start(1) : match.end(1)] if char is not None]
            lines.append({"text": match.group(1), "x0": min(char["x0"] for char in chars),
                          "top": min(char["top"] for char in chars), "x1": max(char["x1"] for char in chars),
                          "bottom": max(char["bottom"] for char in chars)})  # fmt: skip
            if return_chars:
                lines[-1]["chars"] = chars  # as pdfplumber: a ligature's character once per letter
        return lines


class LayerTable:
    """A table found on a LayerPage, as pdfplumber's Table gives it: bbox, rows of cells, cell texts."""

    def __init__(self, page: LayerPage, cells: list[tuple[float, float, float, float]]):
        self.page = page
        self.cells = cells
        self.bbox = (min(cell[0] for cell in cells), min(cell[1] for cell in cells),
                     max(cell[2] for cell in cells), max(cell[3] for cell in cells))  # fmt: skip
        # pdfplumber's rows: cells by top, each row laid on all the table's cell lefts (None where it has none).
        lefts = sorted({cell[0] for cell in cells})
        by_top: dict[float, dict[float, tuple]] = {}
        for cell in sorted(cells, key=itemgetter(1, 0)):
            by_top.setdefault(cell[1], {})[cell[0]] = cell
        self.rows = [_Row([row.get(left) for left in lefts]) for row in by_top.values()]

    def extract(self) -> list[list[str | None]]:
        """Each cell's text, as pdfplumber's Table.extract() gives it (None where a row has no cell)."""
        cells = self.cells
        chars = self.page.chars
        texts: dict[tuple, str] = {}
        if chars:
            centres = self.page.centres()
            x, y = centres[:, 0], centres[:, 1]
            table_x0, table_top, table_x1, table_bottom = self.bbox
            near = np.flatnonzero((y >= table_top) & (y < table_bottom) & (x >= table_x0) & (x < table_x1))
            if len(near):
                boxes = np.array(cells, dtype=float)
                x, y = x[near][None, :], y[near][None, :]
                inside = (x >= boxes[:, 0:1]) & (x < boxes[:, 2:3]) & (y >= boxes[:, 1:2]) & (y < boxes[:, 3:4])
                near_chars = [chars[index] for index in near.tolist()]
                found: dict[int, list[dict]] = {}
                cell_at, char_at = np.nonzero(inside)  # by cell, then in page order
                for cell, index in zip(cell_at.tolist(), char_at.tolist(), strict=True):
                    found.setdefault(cell, []).append(near_chars[index])
                texts = {cells[cell]: chars_text(cell_chars) for cell, cell_chars in found.items()}
        return [[None if cell is None else texts.get(cell, "") for cell in row.cells] for row in self.rows]


class _Row:
    __slots__ = ("cells",)

    def __init__(self, cells: list):
        self.cells = cells


def table_edges(edges: list[dict]) -> list[dict]:
    """pdfplumber's TableFinder.get_edges for ruling lines: vertical and horizontal edges (at least 1 pt long),
    snapped (edges within 3 pt of each other moved to their mean position) and joined (edges on one line within
    3 pt of each other made one), then those at least 3 pt long."""
    vertical = [edge for edge in edges if edge["orientation"] == "v" and edge["height"] >= EDGE_MIN_LENGTH_PREFILTER]
    horizontal = [edge for edge in edges if edge["orientation"] == "h" and edge["width"] >= EDGE_MIN_LENGTH_PREFILTER]
    snapped = _snapped(vertical, "x0", "x1") + _snapped(horizontal, "top", "bottom")

    def group(edge: dict) -> tuple[str, float]:
        return ("h", edge["top"]) if edge["orientation"] == "h" else ("v", edge["x0"])

    merged = []
    for (orientation, _), members in itertools.groupby(sorted(snapped, key=group), key=group):
        merged.extend(_joined(list(members), orientation))
    return [edge for edge in merged if edge["height" if edge["orientation"] == "v" else "width"] >= EDGE_MIN_LENGTH]


def _snapped(edges: list[dict], key: str, other: str) -> list[dict]:
    """pdfplumber's snap_objects: each cluster of edges (key within 3 pt) moved to its mean key."""
    snapped = []
    for cluster in _clusters(edges, itemgetter(key)):
        mean = sum(edge[key] for edge in cluster) / len(cluster)
        for edge in cluster:
            shift = mean - edge[key]
            snapped.append({**edge, key: edge[key] + shift, other: edge[other] + shift})
    return snapped


def _joined(edges: list[dict], orientation: str) -> list[dict]:
    """pdfplumber's join_edge_group: edges on one line joined where they overlap or are within 3 pt."""
    start, end, length = ("x0", "x1", "width") if orientation == "h" else ("top", "bottom", "height")
    edges = sorted(edges, key=itemgetter(start))
    joined = [edges[0]]
    for edge in edges[1:]:
        last = joined[-1]
        if edge[start] <= last[end] + TOLERANCE:
            if edge[end] > last[end]:
                grown = edge[end] - last["x0"] if orientation == "h" else last["height"] + (edge[end] - last[end])
                joined[-1] = {**last, end: edge[end], length: grown}
        else:
            joined.append(edge)
    return joined


def edge_crossings(edges: list[dict], x_tolerance: float, y_tolerance: float) -> dict:
    """pdfplumber's edges_to_intersections: each point where a vertical and a horizontal edge meet (within the
    tolerances), with the boxes of the vertical and of the horizontal edges through it."""
    vertical = [edge for edge in edges if edge["orientation"] == "v"]
    horizontal = [edge for edge in edges if edge["orientation"] == "h"]
    crossings: dict[tuple[float, float], tuple[set, set]] = {}
    if not vertical or not horizontal:
        return crossings
    v = np.array([(edge["x0"], edge["top"], edge["bottom"]) for edge in vertical], dtype=float)
    h = np.array([(edge["top"], edge["x0"], edge["x1"]) for edge in horizontal], dtype=float)
    meet = (
        (v[:, 1:2] <= h[None, :, 0] + y_tolerance)
        & (v[:, 2:3] >= h[None, :, 0] - y_tolerance)
        & (v[:, 0:1] >= h[None, :, 1] - x_tolerance)
        & (v[:, 0:1] <= h[None, :, 2] + x_tolerance)
    )
    for i, j in zip(*np.nonzero(meet), strict=True):
        down, across = vertical[i], horizontal[j]
        found = crossings.setdefault((down["x0"], across["top"]), (set(), set()))
        found[0].add((down["x0"], down["top"], down["x1"], down["bottom"]))
        found[1].add((across["x0"], across["top"], across["x1"], across["bottom"]))
    return crossings


def crossings_to_cells(crossings: dict) -> list[tuple[float, float, float, float]]:
    """pdfplumber's intersections_to_cells: for each crossing (sorted), the smallest cell it is the top-left
    corner of, joined to it by edges on all four sides. Same result, points and edges looked up by index."""
    points = sorted(crossings)
    below_of: dict[tuple, list] = {}
    right_of: dict[tuple, list] = {}
    same_x: dict[float, list] = {}
    same_y: dict[float, list] = {}
    for point in points:  # each list in sorted order, as `points` is
        same_x.setdefault(point[0], []).append(point)
        same_y.setdefault(point[1], []).append(point)
    for group, after in ((same_x, below_of), (same_y, right_of)):
        for members in group.values():
            for position, point in enumerate(members):
                after[point] = members[position + 1 :]

    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and not crossings[p1][0].isdisjoint(crossings[p2][0]):
            return True
        return p1[1] == p2[1] and not crossings[p1][1].isdisjoint(crossings[p2][1])

    cells = []
    for point in points[:-1]:
        right = right_of[point]
        for below_point in below_of[point]:
            if not connects(point, below_point):
                continue
            found = None
            for right_point in right:
                if not connects(point, right_point):
                    continue
                corner = (right_point[0], below_point[1])
                if corner in crossings and connects(corner, right_point) and connects(corner, below_point):
                    found = (point[0], point[1], corner[0], corner[1])
                    break
            if found:
                cells.append(found)
                break
    return cells


def cells_to_tables(cells: list[tuple]) -> list[list[tuple]]:
    """pdfplumber's cells_to_tables: the groups of cells that touch at a corner (directly or through others),
    top to bottom, single cells left out."""
    by_corner: dict[tuple[float, float], list[int]] = {}
    for index, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            by_corner.setdefault(corner, []).append(index)
    seen = [False] * len(cells)
    tables = []
    for start in range(len(cells)):
        if seen[start]:
            continue
        seen[start] = True
        group, queue = [start], [start]
        while queue:
            x0, top, x1, bottom = cells[queue.pop()]
            for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
                for other in by_corner[corner]:
                    if not seen[other]:
                        seen[other] = True
                        group.append(other)
                        queue.append(other)
        tables.append([cells[index] for index in sorted(group)])
    tables.sort(key=lambda table: min((cell[1], cell[0]) for cell in table))
    return [table for table in tables if len(table) > 1]


def chars_text(chars: list[dict]) -> str:
    """pdfplumber's extract_text(chars) with its defaults (no layout, 3 pt tolerances, upright text): lines of
    characters (tops chained within 3 pt), each sorted by x0 and cut into words at spaces, at a step back or a
    gap over 3 pt; then the words' lines (their tops chained within 3 pt), words joined by a space."""
    if len(chars) == 1:
        text = chars[0]["text"]
        return "" if text.isspace() else LIGATURES.get(text, text)
    if not chars:
        return ""
    tops = {char["top"] for char in chars}
    lines = [chars] if len(tops) == 1 else _clusters(chars, itemgetter("top"))
    words: list[tuple[float, str]] = []  # (top, text)
    for line in lines:
        if len(line) > 1:
            line = sorted(line, key=itemgetter("x0"))
        last = None  # the current word's last character
        texts: list[str] = []
        top = 0.0
        for char in line:
            text = char["text"]
            if text.isspace() or text == "":
                if texts:
                    words.append((top, "".join(texts)))
                    texts = []
                if text == "":  # pdfplumber makes an empty character a word of its own
                    words.append((char["top"], ""))
                last = None
                continue
            if last is not None and (
                char["x0"] < last["x0"]
                or char["x0"] > last["x1"] + TOLERANCE
                or abs(char["top"] - last["top"]) > TOLERANCE
            ):
                words.append((top, "".join(texts)))
                texts = []
            top = min(top, char["top"]) if texts else char["top"]
            texts.append(LIGATURES.get(text, text))
            last = char
        if texts:
            words.append((top, "".join(texts)))
    if not words:
        return ""
    if len(words) == 1:
        return words[0][1]
    return "\n".join(" ".join(text for _, text in line) for line in _clusters(words, itemgetter(0)))


def cluster_ids(values) -> dict[float, int]:
    """pdfplumber's make_cluster_dict(values, 3): each distinct value's cluster, clusters being runs of sorted
    values each within 3 pt of the one before, numbered from the smallest."""
    ids: dict[float, int] = {}
    cluster = 0
    last = None
    for value in sorted(set(values)):
        if last is not None and value > last + TOLERANCE:
            cluster += 1
        ids[value] = cluster
        last = value
    return ids


def _clusters(items: list, key) -> list[list]:
    """pdfplumber's cluster_objects(items, key, 3): groups of items whose keys chain within 3 pt, in key order,
    items of a group in their given order."""
    if not items:
        return []
    ids = cluster_ids([key(item) for item in items])
    groups: list[list] = [[] for _ in range(max(ids.values()) + 1)]
    for item in items:
        groups[ids[key(item)]].append(item)
    return groups


def _words(chars: list[dict]):
    """pdfplumber's WordExtractor (default settings, upright text): (word, its characters) line by line."""

    for upright, run in itertools.groupby(chars, itemgetter("upright")):
        if not upright:
            raise ValueError("text that is not upright is not supported here")
        for line in _clusters(list(run), itemgetter("top")):
            line.sort(key=itemgetter("x0"))
            current: list[dict] = []
            for char in line:
                text = char["text"]
                if text.isspace():
                    if current:
                        yield _merged(current), current
                    current = []
                elif text == "":  # `"" in split_at_punctuation` holds for pdfplumber's empty default: a word alone
                    if current:
                        yield _merged(current), current
                    yield _merged([char]), [char]
                    current = []
                elif current and (
                    char["x0"] < current[-1]["x0"]
                    or char["x0"] > current[-1]["x1"] + TOLERANCE
                    or abs(char["top"] - current[-1]["top"]) > TOLERANCE
                ):
                    yield _merged(current), current
                    current = [char]
                else:
                    current.append(char)
            if current:
                yield _merged(current), current


def _merged(chars: list[dict]) -> dict:
    return {
        "text": "".join(LIGATURES.get(char["text"], char["text"]) for char in chars),
        "x0": min(char["x0"] for char in chars),
        "x1": max(char["x1"] for char in chars),
        "top": min(char["top"] for char in chars),
        "bottom": max(char["bottom"] for char in chars),
        "upright": True,
    }
