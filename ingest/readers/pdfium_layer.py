"""A PDF page's characters and ruling lines read through PDFium, in pdfplumber's terms.

pdfplumber (the reference reader) gets a page's characters and paths by interpreting its content stream in
Python (pdfminer); PDFium does the same in C++. This module asks PDFium for each character's text, origin, font
size and advance, and for each path's segments, and turns them into the dicts pdfplumber would have made: the
same top-left geometry (`x0`, `x1`, `top`, `bottom`: advance box, font descent and size, as pdfminer computes
them), the characters in content-stream order, the paths classified into lines, rectangles and curves and cut
into edges as pdfplumber does. Whatever is read from them (tables, cell text, text lines) is then computed by the
same algorithms, so it comes out the same.

PDFium's text page is built for reading order and search, not for exactness, and differs from pdfminer in a few
known ways, each handled here:
- it drops text objects whose glyphs have no outline (a lone space is such an object in ONLYOFFICE exports): they
  are drawn in stroke mode first, which gives them a width, so PDFium keeps them;
- it collapses a space that follows another space, and inserts spaces and line breaks of its own: its own are
  left out, and a lone space it collapsed is put back where its text object stands;
- it reorders text objects on a line by position: characters are put back in content order.
Pages it cannot give exactly as pdfminer would (a rotated page, rotated or mirrored text, marked content with
/ActualText, text it split or merged) raise `Unsupported`, and the reader reads that page with pdfplumber.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from functools import cache

FLOAT_ZERO = 0.01  # PDFium drops a text object narrower than this (kSizeEpsilon)
DUPLICATE_DISTANCE = 0.07  # PDFium drops a character repeated within this share of the font size
_c_void, _c_int, _c_float, _c_double = ctypes.c_void_p, ctypes.c_int, ctypes.c_float, ctypes.c_double
OBJ_TEXT, OBJ_PATH, OBJ_IMAGE, OBJ_FORM = 1, 2, 3, 5
SEGMENT_LINETO, SEGMENT_BEZIERTO, SEGMENT_MOVETO = 0, 1, 2
TEXT_MODE_STROKE = 1
GENERATED_CANDIDATES = frozenset((0x20, 0x0D, 0x0A))  # what PDFium generates between words and lines


class Unsupported(Exception):
    """A page PDFium cannot give exactly as pdfplumber would: read it with pdfplumber."""


class _Matrix(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in "abcdef"]


@dataclass
class PageLayer:
    """One page in pdfplumber's terms: characters and edges as dicts, the page's bounding box."""

    chars: list[dict]
    edges: list[dict]
    bbox: tuple[float, float, float, float]
    drawn: bool  # it has an image or curves (which OCR might read where there is no text)


@cache
def _api():
    """PDFium's C functions with plain pointer arguments (cheaper per call than pypdfium2's typed wrappers)."""
    from pypdfium2_raw.bindings import _libs

    lib = _libs["pdfium"]
    signatures = {
        "FPDFPage_CountObjects": (_c_int, _c_void),
        "FPDFPage_GetObject": (_c_void, _c_void, _c_int),
        "FPDFPage_GetRotation": (_c_int, _c_void),
        "FPDFPage_GetMediaBox": (_c_int, _c_void, _c_void, _c_void, _c_void, _c_void),
        "FPDF_GetPageBoundingBox": (_c_int, _c_void, _c_void),
        "FPDFPageObj_GetType": (_c_int, _c_void),
        "FPDFPageObj_GetMatrix": (_c_int, _c_void, _c_void),
        "FPDFPageObj_GetBounds": (_c_int, _c_void, _c_void, _c_void, _c_void, _c_void),
        "FPDFPageObj_SetStrokeWidth": (_c_int, _c_void, _c_float),
        "FPDFPageObj_Transform": (None, _c_void, _c_double, _c_double, _c_double, _c_double, _c_double, _c_double),
        "FPDFPageObj_CountMarks": (_c_int, _c_void),
        "FPDFPageObj_GetMark": (_c_void, _c_void, ctypes.c_ulong),
        "FPDFPageObjMark_GetParamValueType": (_c_int, _c_void, ctypes.c_char_p),
        "FPDFFormObj_CountObjects": (_c_int, _c_void),
        "FPDFFormObj_GetObject": (_c_void, _c_void, ctypes.c_ulong),
        "FPDFTextObj_SetTextRenderMode": (_c_int, _c_void, _c_int),
        "FPDFTextObj_GetFont": (_c_void, _c_void),
        "FPDFTextObj_GetFontSize": (_c_int, _c_void, _c_void),
        "FPDFFont_GetDescent": (_c_int, _c_void, _c_float, _c_void),
        "FPDFFont_GetGlyphWidth": (_c_int, _c_void, ctypes.c_ushort, _c_float, _c_void),
        "FPDFPath_CountSegments": (_c_int, _c_void),
        "FPDFPath_GetPathSegment": (_c_void, _c_void, _c_int),
        "FPDFPathSegment_GetPoint": (_c_int, _c_void, _c_void, _c_void),
        "FPDFPathSegment_GetType": (_c_int, _c_void),
        "FPDFPathSegment_GetClose": (_c_int, _c_void),
        "FPDFText_LoadPage": (_c_void, _c_void),
        "FPDFText_ClosePage": (None, _c_void),
        "FPDFText_CountChars": (_c_int, _c_void),
        "FPDFText_GetUnicode": (ctypes.c_uint, _c_void, _c_int),
        "FPDFText_GetText": (_c_int, _c_void, _c_int, _c_int, _c_void),
        "FPDFText_IsGenerated": (_c_int, _c_void, _c_int),
        "FPDFText_HasUnicodeMapError": (_c_int, _c_void, _c_int),
        "FPDFText_GetTextObject": (_c_void, _c_void, _c_int),
        "FPDFText_GetCharOrigin": (_c_int, _c_void, _c_int, _c_void, _c_void),
        "FPDFText_GetMatrix": (_c_int, _c_void, _c_int, _c_void),
    }
    functions = {}
    for name, (restype, *argtypes) in signatures.items():
        function = lib[name]
        function.restype = restype
        function.argtypes = argtypes
        functions[name] = function
    return type("PdfiumApi", (), functions)


def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _multiply(m: tuple, n: tuple) -> tuple:
    """m then n, as PDF matrices (a, b, c, d, e, f) compose."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class _Reader:
    """Scratch buffers for one page's calls, and the page's geometry."""

    def __init__(self, page_handle: int):
        self.api = _api()
        self.page = page_handle
        self.matrix = _Matrix()
        self.matrix_ref = ctypes.addressof(self.matrix)
        self.floats = (ctypes.c_float * 4)()
        self.float_refs = [ctypes.addressof(self.floats) + 4 * i for i in range(4)]
        self.doubles = (ctypes.c_double * 2)()
        self.double_refs = (ctypes.addressof(self.doubles), ctypes.addressof(self.doubles) + 8)

    def object_matrix(self, handle: int) -> tuple:
        self.api.FPDFPageObj_GetMatrix(handle, self.matrix_ref)
        m = self.matrix
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def media_box(self) -> tuple[float, float, float, float]:
        api, refs = self.api, self.float_refs
        if not api.FPDFPage_GetMediaBox(self.page, *refs):
            # Inherited from the page tree: PDFium's page box (the media box, unless a crop box narrows it).
            box = (ctypes.c_float * 4)()
            if not api.FPDF_GetPageBoundingBox(self.page, ctypes.addressof(box)):
                raise Unsupported("no media box")
            left, top, right, bottom = box
            return left, bottom, right, top
        x0, y0, x1, y1 = self.floats
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def read_layer(page_handle) -> PageLayer:
    """The page's characters, edges and bounding box as pdfplumber gives them (Unsupported where it cannot)."""
    reader = _Reader(_address(page_handle))
    api = reader.api
    if api.FPDFPage_GetRotation(reader.page) % 4:
        raise Unsupported("rotated page")
    mb_x0, mb_y0, mb_x1, mb_y1 = reader.media_box()
    page_top = mb_y1 - mb_y0  # pdfplumber's top is (y1 - y0) - y: its media box quirk (pdfplumber issue #1181)
    text_objects: list[_TextObject] = []
    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []
    bounds = reader.floats
    drawn = False
    count_marks, get_bounds, bound_refs = api.FPDFPageObj_CountMarks, api.FPDFPageObj_GetBounds, reader.float_refs
    for handle, kind, outer in _objects(reader):
        if kind == OBJ_TEXT:
            if count_marks(handle) and _has_actual_text(api, handle):
                raise Unsupported("marked content with /ActualText")
            get_bounds(handle, *bound_refs)
            left, bottom, right, top = bounds
            blank = right - left < FLOAT_ZERO or top == bottom  # glyphs without outlines only (spaces)
            if right - left < FLOAT_ZERO:
                # PDFium drops a text object this narrow (a lone space): stroking it gives it a width.
                api.FPDFPageObj_SetStrokeWidth(handle, 1.0)
                api.FPDFTextObj_SetTextRenderMode(handle, TEXT_MODE_STROKE)
                api.FPDFPageObj_Transform(handle, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            text_objects.append(_TextObject(handle, len(text_objects), outer, blank, right))
        elif kind == OBJ_PATH:
            matrix = _multiply(reader.object_matrix(handle), outer)
            for shape, points in _subpaths(api, handle, matrix):
                drawn = drawn or "c" in shape
                _classify(shape, points, page_top, lines, rects, curves)
        elif kind == OBJ_IMAGE:
            drawn = True
    edges = [_line_edge(line) for line in lines]
    for rect in rects:
        edges.extend(_rect_edges(rect))
    for curve in curves:
        edges.extend(_curve_edges(curve))
    chars = _chars(reader, text_objects, page_top) if text_objects else []
    bbox = (mb_x0, -mb_y0, mb_x1, page_top - mb_y0)
    return PageLayer(chars=chars, edges=edges, bbox=bbox, drawn=drawn)


def _objects(reader: _Reader) -> list[tuple[int, int, tuple]]:
    """Every page object (into form XObjects), in content order: (handle, type, matrix of the forms around it)."""
    api = reader.api
    get_type = api.FPDFPageObj_GetType
    found: list[tuple[int, int, tuple]] = []

    def walk(container: int, count: int, get, outer: tuple) -> None:
        for index in range(count):
            handle = get(container, index)
            kind = get_type(handle)
            found.append((handle, kind, outer))
            if kind == OBJ_FORM:
                inner = _multiply(reader.object_matrix(handle), outer)
                walk(handle, api.FPDFFormObj_CountObjects(handle), api.FPDFFormObj_GetObject, inner)

    walk(reader.page, api.FPDFPage_CountObjects(reader.page), api.FPDFPage_GetObject, IDENTITY)
    return found


def _has_actual_text(api, handle: int) -> bool:
    for index in range(api.FPDFPageObj_CountMarks(handle)):
        mark = api.FPDFPageObj_GetMark(handle, index)
        if mark and api.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") > 0:
            return True
    return False


# --- characters -------------------------------------------------------------------------------------------------


class _TextObject:
    """One text object: where it is in the content, and what its characters share (read when first needed)."""

    __slots__ = ("handle", "rank", "outer", "blank", "right", "origin", "matrix", "font", "size", "descent")

    def __init__(self, handle: int, rank: int, outer: tuple, blank: bool, right: float):
        self.handle = handle
        self.rank = rank
        self.outer = outer  # the matrix of the form XObjects around it
        self.blank = blank  # only glyphs without outlines (spaces)
        self.right = right  # its bounds' right edge, in the space of its form
        self.origin: tuple[float, float] | None = None  # where its first glyph stands, on the page
        self.matrix: tuple = ()  # character matrix (a, b, c, d): text matrix, horizontal scaling, CTM and forms
        self.font = 0
        self.size = 0.0
        self.descent = 0.0  # pdfminer's: the font descriptor's /Descent, negative, per unit of font size


def _chars(reader: _Reader, text_objects: list[_TextObject], page_top: float) -> list[dict]:
    """The page's characters in content order, each text object's as pdfminer reads them."""
    api = reader.api
    by_handle = {obj.handle: obj for obj in text_objects}
    textpage = api.FPDFText_LoadPage(reader.page)
    if not textpage:
        raise Unsupported("no text page")
    kept: dict[int, list[dict]] = {}
    spaces: list[tuple[_TextObject, int]] = []  # (object, index among its characters) of each space kept
    # Per page: a font handle is only known to stay the same font while a page that uses it is open.
    widths: dict[int, dict[int, float]] = {}  # by font, by code
    descents: dict[int, float] = {}
    mapped: set[int] = set()  # fonts whose first character read had a Unicode value
    origin_x, origin_y = reader.double_refs
    doubles = reader.doubles
    get_object, get_origin, is_generated = (
        api.FPDFText_GetTextObject,
        api.FPDFText_GetCharOrigin,
        api.FPDFText_IsGenerated,
    )
    try:
        count = api.FPDFText_CountChars(textpage)
        codes = _codes(api, textpage, count)
        handle_now = obj = chars = None
        scale = drop = height = 0.0
        last_x = last_top = None
        font_widths: dict[int, float] = {}
        for index in range(count):
            handle = get_object(textpage, index)
            if not handle:
                continue
            code = codes[index]
            if code in GENERATED_CANDIDATES and is_generated(textpage, index):
                continue
            if handle != handle_now:
                handle_now, obj = handle, by_handle.get(handle)
                if obj is None:
                    raise Unsupported("text outside the page's objects")
                chars = kept.get(handle)
                if chars is None:
                    api.FPDFText_GetMatrix(textpage, index, reader.matrix_ref)
                    m = reader.matrix
                    _describe(api, reader, obj, (m.a, m.b, m.c, m.d), descents)
                    if obj.font not in mapped:
                        # A font whose codes have no Unicode: PDFium gives the codes, pdfminer "(cid:n)".
                        if api.FPDFText_HasUnicodeMapError(textpage, index) == 1:
                            raise Unsupported("characters without a Unicode value")
                        mapped.add(obj.font)
                    if obj.outer is IDENTITY:  # (inside a form XObject, e and f leave the form's offset out)
                        obj.origin = (m.e, m.f)
                    chars = kept[handle] = []
                # pdfminer's box: the advance wide, from the font's descent up, the font size tall.
                a, _, _, d = obj.matrix
                scale, drop, height = a * obj.size, obj.descent * obj.size * d, obj.size * d
                font_widths = widths.setdefault(obj.font, {})
                last_x, last_top = (chars[-1]["x0"], chars[-1]["top"]) if chars else (None, None)
            get_origin(textpage, index, origin_x, origin_y)
            width = font_widths.get(code)
            if width is None:
                width = font_widths[code] = _width(api, obj.font, code)
            x = doubles[0]
            y0 = doubles[1] + drop
            top = page_top - (y0 + height)
            if x == last_x and top == last_top:
                # PDFium split one glyph (a ligature, a multi-character ToUnicode entry): pdfminer keeps it whole.
                raise Unsupported("one glyph given as several characters")
            last_x, last_top = x, top
            if code == 0x20:
                spaces.append((obj, len(chars)))
            chars.append({"text": chr(code), "x0": x, "x1": x + width * scale, "top": top, "bottom": page_top - y0,
                          "upright": True})  # fmt: skip
    finally:
        api.FPDFText_ClosePage(textpage)
    gaps: list[tuple[float, float, float]] = []  # (x from, x to, top): spaces PDFium may have collapsed there
    for obj, position in spaces:
        # A run of spaces keeps its first: the rest lie between it and the object's next character.
        chars = kept[obj.handle]
        end = chars[position + 1]["x0"] if position + 1 < len(chars) else obj.right * obj.outer[0] + obj.outer[4]
        if end - chars[position]["x1"] > 1e-3:
            gaps.append((chars[position]["x0"], end, chars[position]["top"]))
    out: list[dict] = []
    for obj in text_objects:
        chars = kept.get(obj.handle)
        e, f = obj.origin or _origin(reader, obj)
        if chars is None:
            out.extend(_lost_spaces(api, reader, obj, e, f, out, widths, descents, page_top, gaps))
            continue
        if abs(chars[0]["x0"] - e) > 1e-3:
            raise Unsupported("a text object's first character is not at its origin")
        out.extend(chars)
    if gaps:
        _check_gaps(out, gaps)
    return out


def _codes(api, textpage: int, count: int):
    """Each character's code point: the page's text in one call where it has one UTF-16 unit per character."""
    if count:
        units = (ctypes.c_uint16 * (count + 1))()
        if api.FPDFText_GetText(textpage, 0, count, ctypes.addressof(units)) == count + 1:
            return units
    return [api.FPDFText_GetUnicode(textpage, index) for index in range(count)]


def _describe(api, reader: _Reader, obj: _TextObject, matrix: tuple, descents: dict[int, float]) -> None:
    a, b, c, d = matrix
    if b or c or a <= 0 or d <= 0:
        raise Unsupported("rotated or mirrored text")
    api.FPDFTextObj_GetFontSize(obj.handle, reader.float_refs[0])
    font = api.FPDFTextObj_GetFont(obj.handle)
    if not font:
        raise Unsupported("text without a font")
    descent = descents.get(font)
    if descent is None:
        api.FPDFFont_GetDescent(font, 1000.0, reader.float_refs[1])
        descent = reader.floats[1] / 1000
        descent = descents[font] = -descent if descent > 0 else descent
    obj.matrix, obj.font, obj.size, obj.descent = matrix, font, reader.floats[0], descent


def _origin(reader: _Reader, obj: _TextObject) -> tuple[float, float]:
    """Where the object's first glyph stands, on the page."""
    _, _, _, _, e, f = _multiply(reader.object_matrix(obj.handle), obj.outer)
    return e, f


_WIDTH = ctypes.c_float()
_WIDTH_REF = ctypes.addressof(_WIDTH)


def _width(api, font: int, code: int) -> float:
    """The character's advance per unit of font size (the font's /Widths or /W, as PDFium positions glyphs)."""
    if code > 0xFFFF:
        raise Unsupported("character outside the basic plane")
    if not api.FPDFFont_GetGlyphWidth(font, code, 1000.0, _WIDTH_REF):
        raise Unsupported("no width for a character")
    return _WIDTH.value / 1000


def _char(api, obj: _TextObject, code: int, x: float, y: float, widths, page_top: float) -> dict:
    """A character as pdfminer boxes it: its advance wide, from the font's descent up, the font size tall."""
    font_widths = widths.setdefault(obj.font, {})
    width = font_widths.get(code)
    if width is None:
        width = font_widths[code] = _width(api, obj.font, code)
    a, _, _, d = obj.matrix
    size = obj.size
    y0 = y + obj.descent * size * d
    return {"text": chr(code), "x0": x, "x1": x + width * (a * size), "top": page_top - (y0 + size * d),
            "bottom": page_top - y0, "upright": True}  # fmt: skip


def _lost_spaces(api, reader, obj: _TextObject, e, f, out, widths, descents, page_top, gaps) -> list[dict]:
    """A text object PDFium left out of its text page: spaces it collapsed into the space before them (it only
    collapses spaces), as its first and last glyph (a run between them is checked like any collapsed run).
    A text object with outlines (a repeat of another, which PDFium also drops) is not rebuilt."""
    if not obj.blank:
        raise Unsupported("a text object PDFium left out")
    a, b, c, d, _, _ = _multiply(reader.object_matrix(obj.handle), obj.outer)
    _describe(api, reader, obj, (a, b, c, d), descents)
    first = _char(api, obj, 0x20, e, f, widths, page_top)
    # A same glyph at the same place (PDFium's repeat distance) may be why it was left out, not a space.
    near = DUPLICATE_DISTANCE * obj.size * a
    if any(abs(char["x0"] - e) < near and abs(char["top"] - first["top"]) < near and char["text"] != " "
           for char in out[-7:]):  # fmt: skip
        raise Unsupported("a repeated glyph PDFium left out")
    right = obj.right * obj.outer[0] + obj.outer[4]
    if right - e <= 1e-3:
        return [first]
    gaps.append((e, right, first["top"]))
    return [first, _char(api, obj, 0x20, right, f, widths, page_top)]


def _check_gaps(chars: list[dict], gaps) -> None:
    """Spaces PDFium collapsed change nothing if no other character stands between them on their line: a word
    ends at the space kept before them anyway, and they share its line. Otherwise the page is read by pdfplumber.

    Lines are pdfplumber's clusters of `top` (3 pt apart at most), here over the whole page: any line a subset
    of the page's characters forms (a cell, the text outside tables) lies within one of these.
    """
    from ingest.readers.pdf_tables import cluster_ids

    line_of = cluster_ids([char["top"] for char in chars])
    by_line: dict[int, list[float]] = {}
    for char in chars:
        if not char["text"].isspace():
            by_line.setdefault(line_of[char["top"]], []).append(char["x0"])
    for start, end, top in gaps:
        if any(start < x < end for x in by_line.get(line_of[top], ())):
            raise Unsupported("text between collapsed spaces")


# --- paths ------------------------------------------------------------------------------------------------------


def _subpaths(api, handle: int, matrix: tuple):
    """The path's subpaths as pdfminer sees them: (shape, device points), shape a string of m, l, c and h."""
    a, b, c, d, e, f = matrix
    floats = (ctypes.c_float * 2)()
    x_ref, y_ref = ctypes.addressof(floats), ctypes.addressof(floats) + 4
    shape: list[str] = []
    points: list[tuple[float, float]] = []
    bezier = 0
    for index in range(api.FPDFPath_CountSegments(handle)):
        segment = api.FPDFPath_GetPathSegment(handle, index)
        kind = api.FPDFPathSegment_GetType(segment)
        api.FPDFPathSegment_GetPoint(segment, x_ref, y_ref)
        x, y = floats[0], floats[1]
        point = (a * x + c * y + e, b * x + d * y + f)
        if kind == SEGMENT_MOVETO:
            if shape:
                yield "".join(shape), points
            shape, points, bezier = ["m"], [point], 0
            continue
        if kind == SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # control points: pdfminer keeps a curve's end point only
            shape.append("c")
        else:
            shape.append("l")
        points.append(point)
        if api.FPDFPathSegment_GetClose(segment):
            # PDFium closes a figure on its last point (adding a line back to the start if it was elsewhere);
            # pdfminer sees `h`, drops a line back to the start just before it, and gives h the start point.
            if len(shape) > 3 and points[-1] == points[0]:
                shape[-1] = "h"
            else:
                shape.append("h")
                points.append(points[0])
    if shape:
        yield "".join(shape), points


def _classify(shape: str, points, page_top: float, lines, rects, curves) -> None:
    """pdfminer's paint_path for one subpath: a line, a rectangle or a curve (in pdfplumber's coordinates)."""
    if len(shape) < 2:
        return
    if shape in ("mlh", "ml"):
        lines.append(_bounded(points[:2], page_top))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        closed = points[0] == points[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            rects.append(_bounded([points[0], points[2]], page_top))
            return
    curve = _bounded(points, page_top)
    curve["pts"] = [(x, page_top - y) for x, y in points]
    curves.append(curve)


def _bounded(points, page_top: float) -> dict:
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = page_top - y1
    return {"x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": top, "bottom": page_top - y0, "doctop": top,
            "width": x1 - x0, "height": y1 - y0}  # fmt: skip


def _line_edge(line: dict) -> dict:
    return {**line, "object_type": "line", "orientation": "h" if line["top"] == line["bottom"] else "v"}


def _rect_edges(rect: dict) -> list[dict]:
    """pdfplumber's rect_to_edges: the rectangle's top, bottom, left and right sides."""
    return [
        {**rect, "object_type": "rect_edge", "height": 0, "y0": rect["y1"], "bottom": rect["top"], "orientation": "h"},
        {**rect, "object_type": "rect_edge", "height": 0, "y1": rect["y0"], "top": rect["top"] + rect["height"],
         "doctop": rect["doctop"] + rect["height"], "orientation": "h"},
        {**rect, "object_type": "rect_edge", "width": 0, "x1": rect["x0"], "orientation": "v"},
        {**rect, "object_type": "rect_edge", "width": 0, "x0": rect["x1"], "orientation": "v"},
    ]  # fmt: skip


def _curve_edges(curve: dict) -> list[dict]:
    """pdfplumber's curve_to_edges: a segment between each two successive points."""
    return [
        {"object_type": "curve_edge", "x0": min(p0[0], p1[0]), "x1": max(p0[0], p1[0]), "top": min(p0[1], p1[1]),
         "doctop": min(p0[1], p1[1]) + (curve["doctop"] - curve["top"]), "bottom": max(p0[1], p1[1]),
         "width": abs(p0[0] - p1[0]), "height": abs(p0[1] - p1[1]),
         "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)}
        for p0, p1 in zip(curve["pts"], curve["pts"][1:], strict=False)
    ]  # fmt: skip
