"""Tables and text lines of a page given as pdfplumber-style characters and edges (ingest/readers/pdfium_layer.py).

`LayerPage` answers the three questions the PDF reader asks a pdfplumber page (`find_tables`, `filter`,
`extract_text_lines`) with pdfplumber's own algorithms, so the answers are the same; only the steps that dominate
its run time are done another way with the same result:
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
from collections.abc import Callable, Sequence
from operator import itemgetter

import numpy as np

TOLERANCE = 3  # pdfplumber's default x and y tolerances (text) and snap/join/intersection tolerances (tables)


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

    def find_tables(self, table_settings: dict) -> list[LayerTable]:
        from pdfplumber.table import TableFinder, TableSettings, cells_to_tables, edges_to_intersections

        settings = TableSettings.resolve(table_settings)
        finder = TableFinder.__new__(TableFinder)
        finder.page, finder.settings = self, settings
        edges = finder.get_edges()
        intersections = edges_to_intersections(
            edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance
        )
        return [LayerTable(self, cells) for cells in cells_to_tables(intersections_to_cells(intersections))]

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
        return LayerPage([char for char, hidden in zip(self.chars, inside, strict=True) if not hidden], [], self.bbox)

    def filter(self, test: Callable[[dict], bool]) -> LayerPage:
        return LayerPage([char for char in self.chars if test(char)], [edge for edge in self.edges if test(edge)],
                         self.bbox)  # fmt: skip

    def extract_text_lines(self, layout: bool = False, strip: bool = True, return_chars: bool = True) -> list[dict]:
        """pdfplumber's Page.extract_text_lines without layout: each line's text and top."""
        from pdfplumber.utils.text import WordMap

        if layout:
            raise ValueError("layout text is not supported here")
        x0, top, x1, bottom = self.bbox
        textmap = WordMap(list(_words(self.chars))).to_textmap(
            layout=False, layout_width=x1 - x0, layout_height=bottom - top, layout_bbox=self.bbox, presorted=True
        )
        return textmap.extract_text_lines(strip=strip, return_chars=return_chars)


class LayerTable:
    """A table found on a LayerPage: pdfplumber's Table, with a faster `extract`."""

    def __init__(self, page: LayerPage, cells: list[tuple[float, float, float, float]]):
        from pdfplumber.table import Table

        self.page = page
        self.cells = cells
        self._table = Table(page, cells)  # for its rows and bbox

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self._table.bbox

    @property
    def rows(self):
        return self._table.rows

    def extract(self) -> list[list[str | None]]:
        """Each cell's text, as pdfplumber's Table.extract() gives it (None where a row has no cell)."""
        rows = self.rows
        cells = [cell for row in rows for cell in row.cells if cell is not None]
        chars = self.page.chars
        texts: dict[tuple, str] = {}
        if cells and chars:
            centres = self.page.centres()
            boxes = np.array(cells, dtype=float)
            x, y = centres[:, 0], centres[:, 1]
            table_x0, table_top, table_x1, table_bottom = self.bbox
            near = np.flatnonzero((y >= table_top) & (y < table_bottom) & (x >= table_x0) & (x < table_x1))
            x, y = x[near][None, :], y[near][None, :]
            inside = (
                (x >= boxes[:, 0:1]) & (x < boxes[:, 2:3]) & (y >= boxes[:, 1:2]) & (y < boxes[:, 3:4])
            )  # cells x characters
            for cell, hits in zip(cells, inside, strict=True):
                texts[cell] = chars_text([chars[index] for index in near[hits]])
        return [[None if cell is None else texts.get(cell, "") for cell in row.cells] for row in rows]


def intersections_to_cells(intersections: dict) -> list[tuple[float, float, float, float]]:
    """pdfplumber's intersections_to_cells: for each grid point (sorted), the smallest cell it is the top-left
    corner of, joined to it by edges on all four sides. Same result, points and edges looked up by index."""
    from pdfplumber.utils import obj_to_bbox

    points = sorted(intersections)
    vertical = {point: {obj_to_bbox(edge) for edge in found["v"]} for point, found in intersections.items()}
    horizontal = {point: {obj_to_bbox(edge) for edge in found["h"]} for point, found in intersections.items()}
    same_x: dict[float, list] = {}
    same_y: dict[float, list] = {}
    for point in points:  # each list in sorted order, as `points` is
        same_x.setdefault(point[0], []).append(point)
        same_y.setdefault(point[1], []).append(point)

    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]):
            return True
        return p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])

    cells = []
    for point in points[:-1]:
        below = [other for other in same_x[point[0]] if other > point]
        right = [other for other in same_y[point[1]] if other > point]
        for below_point in below:
            if not connects(point, below_point):
                continue
            found = None
            for right_point in right:
                if not connects(point, right_point):
                    continue
                corner = (right_point[0], below_point[1])
                if corner in intersections and connects(corner, right_point) and connects(corner, below_point):
                    found = (point[0], point[1], corner[0], corner[1])
                    break
            if found:
                cells.append(found)
                break
    return cells


def chars_text(chars: list[dict]) -> str:
    """pdfplumber's extract_text(chars) with its defaults (no layout, 3 pt tolerances, upright text)."""
    if not chars:
        return ""
    words = [word for word, _ in _words(chars)]
    lines = _clusters(words, itemgetter("top"))
    return "\n".join(" ".join(word["text"] for word in line) for line in lines)


def _clusters(items: list, key) -> list[list]:
    """pdfplumber's cluster_objects(items, key, 3): groups of items whose keys chain within 3 pt, in key order,
    items of a group in their given order."""
    values = sorted({key(item) for item in items})
    if not values:
        return []
    group_of = {}
    group = 0
    last = values[0]
    for value in values:
        if value > last + TOLERANCE:
            group += 1
        group_of[value] = group
        last = value
    groups: list[list] = [[] for _ in range(group + 1)]
    for item in items:
        groups[group_of[key(item)]].append(item)
    return groups


def _words(chars: list[dict]):
    """pdfplumber's WordExtractor (default settings, upright text): (word, its characters) line by line."""
    from pdfplumber.utils.text import LIGATURES

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
                        yield _merged(current, LIGATURES), current
                    current = []
                elif text == "":  # `"" in split_at_punctuation` holds for pdfplumber's empty default: a word alone
                    if current:
                        yield _merged(current, LIGATURES), current
                    yield _merged([char], LIGATURES), [char]
                    current = []
                elif current and (
                    char["x0"] < current[-1]["x0"]
                    or char["x0"] > current[-1]["x1"] + TOLERANCE
                    or abs(char["top"] - current[-1]["top"]) > TOLERANCE
                ):
                    yield _merged(current, LIGATURES), current
                    current = [char]
                else:
                    current.append(char)
            if current:
                yield _merged(current, LIGATURES), current


def _merged(chars: list[dict], expansions: dict) -> dict:
    return {
        "text": "".join(expansions.get(char["text"], char["text"]) for char in chars),
        "x0": min(char["x0"] for char in chars),
        "x1": max(char["x1"] for char in chars),
        "top": min(char["top"] for char in chars),
        "bottom": max(char["bottom"] for char in chars),
        "upright": True,
    }
