"""The two PDF backends read every PDF the tests render into the same Document, and a PDF read in page ranges
assembles into the Document read whole.

The pdfium backend (the default) must give exactly what pdfplumber (the reference) gives: cells, text, page
numbers, merged cells, tables continued across pages, and so the same records. It must also read the fixtures
itself, not hand their pages to pdfplumber (which would make the comparison hollow): only the pages drawn to be
beyond it (rotated, text drawn twice over itself) are handed over.
"""

from __future__ import annotations

import itertools
import os
from unittest import mock

import adversarial
import pytest

from conftest import SAMPLE_PREFIXES
from ingest.layouts import parse_document
from ingest.pdf_backend import BACKEND_ENV, pdf_backend
from ingest.readers.pdf import (
    assemble_pdf,
    pdf_page_count,
    read_pdf,
    read_pdf_pages,
    read_text_layers,
)
from ingest.readers.pdfium_layer import _curve_edges, _rect_edges
from pdf_fixtures import SCAN_SUBSETS, drawn_fixtures, pdf_fixtures
from render_samples import render_pdf
from templates import TEMPLATES

FIXTURES = sorted(
    [f"sample_{prefix}" for prefix in SAMPLE_PREFIXES]
    + [f"sample_{prefix}_glued_unit_line" for prefix in SAMPLE_PREFIXES]
    + [f"sample_{prefix}_tables_{'_'.join(map(str, seqs))}" for prefix, seqs in SCAN_SUBSETS.items()]
    + [f"sample_003_budget_table_{seq}" for seq in range(1, 11)]
    + [f"template_{name}" for name in TEMPLATES]
    + ["final_accounts", "final_accounts_split_codes", "self_evaluation", "mixed_text_and_scan"]
    + [f"adversarial_{name}" for name, (_, formats) in adversarial.CORPUS.items() if "pdf" in formats]
)
HANDED_OVER = {"drawn_bold_by_repeating": (1,), "drawn_rotated_text": (1,), "drawn_rotated_page": (1,)}
SCANNED = {"mixed_text_and_scan": (2,), "drawn_curves_without_text": (1,)}  # pages without text, to recognise
BLANK = {"drawn_grid_page_without_text": (2,)}  # pages without text, images or curves: nothing to recognise


@pytest.fixture(scope="module")
def fixtures(parsed):
    return {**pdf_fixtures(parsed), **drawn_fixtures()}


def test_every_rendered_pdf_is_compared(fixtures):
    assert sorted(name for name in fixtures if not name.startswith("drawn_")) == FIXTURES


def layer_texts(pages) -> list:
    """Each page's text lines and table rows (None for a page without a text layer)."""
    return [
        None if content is None else ([text for _, text in content.lines], [piece.rows for piece in content.pieces])
        for content in pages.contents
    ]


@pytest.mark.parametrize("name", FIXTURES + sorted(drawn_fixtures()))
def test_pdfium_reads_each_fixture_as_pdfplumber_does(fixtures, name):
    data = fixtures[name]()
    fast = read_text_layers(data, f"{name}.pdf", backend="pdfium")
    reference = read_text_layers(data, f"{name}.pdf", backend="pdfplumber")
    assert fast.reference_pages == HANDED_OVER.get(name, ())
    assert fast.scanned == reference.scanned == SCANNED.get(name, ())
    assert fast.blank == reference.blank == BLANK.get(name, ())
    assert layer_texts(fast) == layer_texts(reference)
    if fast.scanned:
        return  # the scanned page is read by OCR whichever backend read the text layer (tests/test_readers_scan.py)
    document, expected = assemble_pdf([fast]), assemble_pdf([reference])
    assert document == read_pdf(data, f"{name}.pdf") == expected
    assert document.format == "pdf"  # a page with nothing to recognise is not sent to OCR
    assert parse_document(document) == parse_document(expected)


def test_identical_records_from_both_backends(fixtures):
    # What the warehouse gets: projects, indicator rows and budget lines of the samples and the 决算.
    counts = {}
    for name in ["sample_000", "sample_001", "sample_002", "sample_003", "sample_004", "final_accounts"]:
        data = fixtures[name]()
        fast, reference = (parse_document(read_pdf(data, f"{name}.pdf", backend=b)) for b in ("pdfium", "pdfplumber"))
        assert (fast.projects, fast.indicators, fast.budget_lines) == (
            reference.projects, reference.indicators, reference.budget_lines
        )  # fmt: skip
        counts[name] = (len(fast.projects), len(fast.indicators), len(fast.budget_lines))
    assert counts == {
        "sample_000": (55, 372, 0),
        "sample_001": (54, 326, 0),
        "sample_002": (3, 19, 0),
        "sample_003": (7, 67, 157),
        "sample_004": (6, 92, 0),
        "final_accounts": (0, 0, 49),
    }


def cut_points(document) -> list[int]:
    """The pages a table continues onto from the page before (a project whose rows are on both)."""
    projects = parse_document(document).projects
    return sorted({project.last_page for project in projects if project.first_page != project.last_page})


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_pdf_read_in_page_ranges_assembles_into_the_whole(parsed, backend):
    data = render_pdf(parsed["000"])
    whole = read_pdf(data, "000.pdf", backend=backend)
    assert pdf_page_count(data) == whole.page_count == 25
    continued = cut_points(whole)
    assert len(continued) >= 5
    # Cut where tables continue: the piece opening each range is stitched to the one closing the range before.
    first, second = continued[1], continued[-2]
    for ranges in ([range(1, first), range(first, 26)], [range(1, first), range(first, second), range(second, 26)]):
        parts = [read_pdf_pages(data, "000.pdf", pages, backend) for pages in ranges]
        assert [part.numbers for part in parts] == [tuple(pages) for pages in ranges]
        assert assemble_pdf(parts) == whole
        assert assemble_pdf(parts[::-1]) == whole
        assert parse_document(assemble_pdf(parts)).projects == parse_document(whole).projects


def test_a_page_range_of_a_scanned_pdf_is_recognised_and_assembles(fixtures):
    data = fixtures["mixed_text_and_scan"]()
    parts = [read_pdf_pages(data, "mixed.pdf", [2]), read_pdf_pages(data, "mixed.pdf", [1])]
    assert parts[0].scanned == (2,) and parts[1].scanned == ()
    document = assemble_pdf(parts)
    assert document == read_pdf(data, "mixed.pdf")
    assert document.format == "pdf+ocr"


def test_assembling_a_pdf_with_pages_missing_is_an_error(parsed):
    data = render_pdf(parsed["002"])
    with pytest.raises(ValueError, match=r"002\.pdf: pages \[2\] were not read"):
        assemble_pdf([read_pdf_pages(data, "002.pdf", [1])])
    with pytest.raises(IndexError, match=r"002\.pdf: no page 3 \(it has 2\)"):
        read_pdf_pages(data, "002.pdf", [3])


def test_backend_is_chosen_by_argument_then_environment_then_default():
    with mock.patch.dict(os.environ, {BACKEND_ENV: ""}):
        assert pdf_backend() == "pdfium"
        assert pdf_backend("pdfplumber") == "pdfplumber"
    with mock.patch.dict(os.environ, {BACKEND_ENV: "pdfplumber"}):
        assert pdf_backend() == "pdfplumber"
        assert pdf_backend("pdfium") == "pdfium"
    with pytest.raises(ValueError, match="unknown PDF backend 'pdfminer'"):
        pdf_backend("pdfminer")


def test_ingest_pdf_backend_option_loads_the_same_rows(parsed, tmp_path):
    import duckdb

    from ingest.cli import main
    from ingest.records import RAW_TABLES

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "binhai.pdf").write_bytes(render_pdf(parsed["002"]))
    tables = ("documents", *(table.name for table in RAW_TABLES))
    rows = {}
    for backend in ("pdfium", "pdfplumber"):
        db = tmp_path / f"{backend}.duckdb"
        with mock.patch.dict(os.environ, {}):
            assert main(["--db", str(db), "--quiet", "--workers", "1", "--pdf-backend", backend, str(docs)]) == 0
            assert os.environ[BACKEND_ENV] == backend
        con = duckdb.connect(str(db), read_only=True)
        timings = "exclude (parse_seconds, file_modified_ns)"  # how long it took, when the file was written
        rows[backend] = {
            table: con.execute(
                f"select * {timings if table == 'documents' else ''} from raw.{table} order by all"
            ).fetchall()
            for table in tables
        }
        con.close()
    assert rows["pdfium"] == rows["pdfplumber"]
    assert len(rows["pdfium"]["project_tables"]) == 3 and len(rows["pdfium"]["indicator_rows"]) == 19


def test_ingest_rejects_an_unknown_backend(tmp_path, capsys):
    from ingest.cli import main

    with mock.patch.dict(os.environ, {BACKEND_ENV: "fitz"}):
        assert main(["--db", str(tmp_path / "w.duckdb"), str(tmp_path)]) == 2
    assert "INGEST_PDF_BACKEND: unknown PDF backend 'fitz'" in capsys.readouterr().err


def random_chars(rng, count: int) -> list[dict]:
    """Characters placed to meet pdfplumber's tolerances head on: tops and gaps exactly 3 pt apart and just
    over, equal x0s, spaces, ideographic spaces, empty text and ligatures."""
    texts = ["中", "文", "a", "1", " ", "\u3000", "", "ﬁ", "%", "（"]
    tops = [100.0, 101.5, 103.0, 106.0, 106.0001, 109.0, 120.0]
    chars, x = [], 10.0
    for _ in range(count):
        x += rng.choice([0.0, 2.0, 3.0, 3.0001, 8.0, -5.0, 6.0])
        width = rng.choice([0.0, 3.0, 4.5, 9.0])
        top = rng.choice(tops)
        chars.append({"text": rng.choice(texts), "x0": x, "x1": x + width, "top": top, "bottom": top + 9.0,
                      "upright": True, "doctop": top})  # fmt: skip
        x += width
    return chars


def test_cell_text_is_pdfplumbers_extract_text_on_random_characters():
    import random

    from pdfplumber.utils import extract_text

    from ingest.readers.pdf_tables import chars_text

    rng = random.Random(19)
    for _ in range(3000):
        chars = random_chars(rng, rng.randint(0, 14))
        assert chars_text(chars) == extract_text(chars), chars


def test_text_lines_are_pdfplumbers_on_random_characters():
    import random

    from pdfplumber.utils import chars_to_textmap

    from ingest.readers.pdf_tables import LayerPage

    rng = random.Random(18)
    bbox = (0.0, 0.0, 600.0, 800.0)
    for _ in range(1000):
        chars = random_chars(rng, rng.randint(0, 30))
        expected = chars_to_textmap(
            chars, layout=False, layout_bbox=bbox, layout_width=600.0, layout_height=800.0
        ).extract_text_lines(strip=True, return_chars=False)
        assert LayerPage(chars, [], bbox).extract_text_lines(layout=False, strip=True, return_chars=False) == expected
        # with their characters (which ingest/readers/pdf.py joins lines set on another baseline by)
        with_chars = chars_to_textmap(
            chars, layout=False, layout_bbox=bbox, layout_width=600.0, layout_height=800.0
        ).extract_text_lines(strip=True, return_chars=True)
        assert [[id(char) for char in line["chars"]] for line in with_chars] == [
            [id(char) for char in line["chars"]]
            for line in LayerPage(chars, [], bbox).extract_text_lines(layout=False, strip=True, return_chars=True)
        ]


def random_edges(rng) -> list[dict]:
    """Ruling lines of a grid with some segments missing (merged cells), some lines a little off (snapped and
    joined by pdfplumber) and some stray ones."""
    xs = sorted(rng.sample([50.0, 80.0, 80.5, 120.0, 160.0, 161.0, 200.0, 260.0], rng.randint(2, 7)))
    ys = sorted(rng.sample([100.0, 120.0, 121.5, 140.0, 160.0, 190.0, 191.0, 220.0], rng.randint(2, 7)))
    edges = []

    def line(x0, top, x1, bottom):
        orientation = "h" if top == bottom else "v"
        edges.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
                      "height": bottom - top, "object_type": "line", "orientation": orientation})  # fmt: skip

    for y in ys:
        for x0, x1 in itertools.pairwise(xs):
            if rng.random() < 0.85:
                line(x0 + rng.choice([0.0, 0.0, 1.5]), y, x1 + rng.choice([0.0, -2.0]), y)
    for x in xs:
        for top, bottom in itertools.pairwise(ys):
            if rng.random() < 0.85:
                line(x, top, x, bottom + rng.choice([0.0, 2.5]))
    for _ in range(rng.randint(0, 3)):
        x, y = rng.uniform(40, 270), rng.uniform(90, 230)
        line(x, y, x + rng.uniform(0, 80), y) if rng.random() < 0.5 else line(x, y, x, y + rng.uniform(0, 60))
    for _ in range(rng.randint(0, 2)):  # a shaded cell or a box drawn as a rectangle
        x0, top = rng.choice(xs), rng.choice(ys)
        edges.extend(_rect_edges(rect(x0, top, x0 + rng.choice([40.0, 41.0, 0.5]), top + rng.choice([20.0, 2.0]))))
    rng.shuffle(edges)
    return edges


def rect(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "y0": 800 - bottom, "y1": 800 - top, "doctop": top,
            "width": x1 - x0, "height": bottom - top}  # fmt: skip


def test_rectangles_and_curves_give_pdfplumbers_edges():
    import random

    from pdfplumber.utils import curve_to_edges, rect_to_edges

    rng = random.Random(16)
    for _ in range(200):
        x0, top = rng.choice([10.0, 10.5, 30.0]), rng.choice([5.0, 7.25])
        box = rect(x0, top, x0 + rng.choice([0.0, 3.0, 20.0]), top + rng.choice([0.0, 1.0, 12.5]))
        assert _rect_edges(box) == rect_to_edges(box)
        curve = {**box, "pts": [(rng.choice([1.0, 2.0]), rng.choice([3.0, 4.0])) for _ in range(rng.randint(2, 6))]}
        assert _curve_edges(curve) == curve_to_edges(curve)


def test_reading_through_pdfium_loads_neither_pdfplumber_nor_pdfminer(tmp_path, parsed):
    import subprocess
    import sys

    path = tmp_path / "002.pdf"
    path.write_bytes(render_pdf(parsed["002"]))
    code = (
        "import sys; from pathlib import Path; from ingest.readers.pdf import read_pdf; "
        f"document = read_pdf(Path({str(path)!r}).read_bytes(), '002.pdf', backend='pdfium'); "
        "print(len(document.tables()), sorted(name for name in sys.modules if name.split('.')[0] in "
        "('pdfplumber', 'pdfminer')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["7", "[]"]


def test_tables_and_cells_are_pdfplumbers_on_random_grids():
    import random

    from pdfplumber.table import TableFinder, TableSettings

    from ingest.readers.pdf import TABLE_SETTINGS
    from ingest.readers.pdf_tables import LayerPage

    rng = random.Random(17)
    found = 0
    for _ in range(400):
        page = LayerPage(random_chars(rng, 60), random_edges(rng), (0.0, 0.0, 600.0, 800.0))
        for char in page.chars:  # spread the characters over the grid
            char["top"] = char["top"] + rng.choice([0.0, 20.0, 40.0, 60.0, 90.0])
            char["bottom"] = char["top"] + 9.0
        expected = TableFinder(page, TableSettings.resolve(TABLE_SETTINGS)).tables
        tables = page.find_tables(TABLE_SETTINGS)
        # The same cells (their order within a table differs, and matters nowhere: rows are sorted).
        assert [sorted(table.cells) for table in tables] == [sorted(table.cells) for table in expected]
        assert [table.bbox for table in tables] == [table.bbox for table in expected]
        assert [[row.cells for row in table.rows] for table in tables] == [
            [row.cells for row in table.rows] for table in expected
        ]
        assert [table.extract() for table in tables] == [table.extract() for table in expected]
        found += len(tables)
    assert found > 300


@pytest.mark.parametrize(
    "name", ["sample_003_budget_table_1", "template_mof_application", "drawn_table_in_a_form_xobject",
             "drawn_char_and_word_spacing", "drawn_invisible_text"],
)  # fmt: skip
def test_pdfium_gives_pdfplumbers_characters_and_edges(fixtures, name):
    # The same characters in the same order, boxed within 0.001 pt (PDFium computes in single precision), and
    # the same ruling-line edges. Only spaces PDFium collapsed into the space before them may be missing (where no
    # other character stands between them, which changes nothing).
    import io

    import pdfplumber
    import pypdfium2 as pdfium

    from ingest.readers.pdfium_layer import read_layer

    data = fixtures[name]()
    document = pdfium.PdfDocument(data)
    with pdfplumber.open(io.BytesIO(data)) as reference:
        for number, expected in enumerate(reference.pages):
            page = document[number]
            layer = read_layer(page.raw)
            page.close()

            def close(char, other):
                return char["text"] == other["text"] and all(
                    abs(char[key] - other[key]) < 1e-3 for key in ("x0", "x1", "top", "bottom")
                )

            chars, wanted = iter(layer.chars), iter(expected.chars)
            for char in chars:  # each of PDFium's characters is the next of pdfplumber's, or a space skipped before it
                other = next(wanted)
                while not close(char, other) and other["text"] == " ":
                    other = next(wanted)
                assert close(char, other), (char, other)
            assert all(other["text"] == " " for other in wanted)
            assert len(layer.edges) == len(expected.edges)
            for edge in expected.edges:
                assert any(
                    other["orientation"] == edge["orientation"]
                    and all(abs(other[key] - edge[key]) < 1e-3 for key in ("x0", "x1", "top", "bottom"))
                    for other in layer.edges
                ), edge
    document.close()


@pytest.fixture(scope="module")
def long_pdf(parsed, tmp_path_factory):
    """Sample 000 rendered twice (49 pages, tables continuing across pages) and its raw rows read whole on the
    default backend, in this process."""
    from ingest import pipeline

    path = tmp_path_factory.mktemp("long") / "tianjin_twice.pdf"
    path.write_bytes(render_pdf(parsed["000"], copies=2))
    with mock.patch.dict(os.environ, {BACKEND_ENV: ""}):
        return path, pipeline.parse_raw(path)


def comparable(raw) -> tuple:
    """A document's raw rows, without how long it took and when the file was written."""
    import dataclasses

    row = dataclasses.replace(raw.row, parse_seconds=0.0, file_modified_ns=None)
    return row, {name: table.to_pylist() for name, table in sorted(raw.tables.items())}


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_a_long_pdf_ingested_in_page_ranges_on_two_workers_gives_the_rows_of_one_read(long_pdf, backend, monkeypatch):
    # The pipeline's scheduling (ingest/pipeline.py) with the real reader: ranges read by worker processes on the
    # backend the environment chooses, assembled across their boundaries (where sample 000's tables continue) and
    # parsed once, give exactly the raw rows of the file read whole (on the default backend). The reader is only
    # wrapped to record what each worker did, so a range that failed and sent the file to be read whole fails here.
    from types import SimpleNamespace

    from ingest import pipeline
    from ingest.readers import pdf

    path, whole = long_pdf
    report = path.with_name(f"report_{backend}")
    report.unlink(missing_ok=True)

    def record(line: str) -> None:
        out = os.open(report, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.write(out, f"{os.getpid()} {line}\n".encode())
        os.close(out)

    def read_pdf_pages(data, file_name, pages):
        part = pdf.read_pdf_pages(data, file_name, pages)
        record(f"range {','.join(map(str, part.numbers))} {','.join(map(str, part.reference_pages)) or '-'}")
        return part

    def assemble_pdf(parts):
        record(f"assembled {len(parts)}")
        return pdf.assemble_pdf(parts)

    reader = SimpleNamespace(
        pdf_page_count=pdf.pdf_page_count, read_pdf_pages=read_pdf_pages, assemble_pdf=assemble_pdf
    )
    monkeypatch.setattr(pipeline, "page_reader", lambda: reader)  # the workers are forked: they see it too
    monkeypatch.setenv(BACKEND_ENV, backend)
    ranges = pipeline.page_ranges(path, 2)
    assert ranges == [tuple(range(1, 13)), tuple(range(13, 25)), tuple(range(25, 38)), tuple(range(38, 50))]
    assert pdf_page_count(path.read_bytes()) == 49
    # Tables go on across at least one of the ranges' boundaries, so the assembly stitches them there.
    projects = whole.tables["project_tables"].to_pylist()
    continued = {page for p in projects for page in range(p["first_page"] + 1, p["last_page"] + 1)}
    assert continued & {pages[0] for pages in ranges[1:]}

    (in_ranges,) = list(pipeline.parse_all([path], workers=2))

    lines = [line.split() for line in report.read_text().splitlines()]
    assert all(int(pid) != os.getpid() for pid, *_ in lines)  # all in worker processes
    read = [(what, *rest) for _, what, *rest in lines]
    assert sorted(tuple(map(int, r[1].split(","))) for r in read if r[0] == "range") == ranges  # each once
    handed = {r[2] for r in read if r[0] == "range"}  # the pages each range's reader handed to pdfplumber
    assert handed == ({"-"} if backend == "pdfium" else {",".join(map(str, pages)) for pages in ranges})
    assert [r for r in read if r[0] != "range"] == [("assembled", "4")]  # once, from the four parts
    assert comparable(in_ranges) == comparable(whole)
    assert (whole.row.status, whole.row.n_projects, whole.row.n_indicators) == ("parsed", 110, 744)
