"""Bad and unusual inputs, generated here: each one's outcome (status, message, rows kept) asserted.

A document's failure stays with that document; only the warehouse's own errors stop a run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from bad_documents import Project, docx_rows_spanning, docx_with, performance_document

from conftest import SAMPLES, build_warehouse, read_only, sample_path
from ingest import load, pipeline
from ingest.cli import main


def _documents(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select file_name, status, error, n_projects from raw.documents order by file_name"
        ).fetchall()
    finally:
        con.close()


def _count(db, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"select count(*) from raw.{table}").fetchone()[0]
    finally:
        con.close()


def _budget_sample_with_table_label(label: str) -> bytes:
    text = sample_path("003").read_text(encoding="utf-8")
    assert "\n预算公开表2\n" in text
    return text.replace("\n预算公开表2\n", f"\n{label}\n").encode()


def test_a_table_number_beyond_32_bits_is_stored(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "big.txt").write_bytes(_budget_sample_with_table_label("预算公开表99999999999"))
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--strict", str(folder)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select max(table_number) from raw.budget_tables").fetchone() == (99999999999,)


def test_a_number_beyond_64_bits_fails_its_document_only(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "huge.txt").write_bytes(_budget_sample_with_table_label("预算公开表99999999999999999999999"))
    shutil.copy(sample_path("002"), folder / "binhai.txt")
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(folder)]) == 0
    assert "documents: 2 (1 parsed, 1 failed)" in capsys.readouterr().out
    assert _documents(db) == [
        ("binhai.txt", "parsed", None, 3),
        (
            "huge.txt",
            "failed",
            "huge.txt: its records cannot be stored (OverflowError: Python int too large to convert to C long)",
            0,
        ),
    ]
    assert _count(db, "budget_tables") == 0
    assert _count(db, "project_tables") == 3


def test_a_full_disk_stops_the_run_with_its_cause_and_leaves_the_warehouse_as_it_was(tmp_path, capsys, monkeypatch):
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(sample_path("001"))]) == 0
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(sample_path("002"), folder / "a.txt")
    shutil.copy(sample_path("004"), folder / "b.txt")
    real_insert = load._insert
    inserts = []

    def insert_until_full(con, name, table):
        inserts.append(name)
        if inserts.count("indicator_rows") == 1:  # the batch holding both documents
            raise duckdb.IOException('Could not write file "w.duckdb": No space left on device')
        real_insert(con, name, table)

    monkeypatch.setattr(load, "_insert", insert_until_full)
    capsys.readouterr()
    assert main(["--db", str(db), "--quiet", "--workers", "1", str(folder)]) == 3
    assert capsys.readouterr().err.splitlines() == [
        'ingest: warehouse error, run stopped: Could not write file "w.duckdb": No space left on device',
        "ingest: nothing of this run was published; w.duckdb is as it was",
    ]
    monkeypatch.undo()
    assert _documents(db) == [(sample_path("001").name, "parsed", None, 54)]
    # Beside the warehouse: its lock and its two buffers (the standby half-written, repaired by the next run).
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == [
        ".w.duckdb.buffers",
        ".w.duckdb.lock",
    ]


def test_an_unwritable_warehouse_path_is_one_line(tmp_path, capsys):
    (tmp_path / "a_folder.duckdb").mkdir()
    assert main(["--db", str(tmp_path / "a_folder.duckdb"), "--quiet", str(sample_path("002"))]) == 3
    err = capsys.readouterr().err.splitlines()
    assert (
        err[0] == f"ingest: warehouse error, run stopped: cannot open {tmp_path / 'a_folder.duckdb'}: it is not a file"
    )
    assert len(err) == 2


def _dies_on_poison(path):
    """Stand-in for a worker the system kills (out of memory) while it parses one document."""
    if "poison" in path.name:
        os._exit(137)
    return _real_parse_file(path)


_real_parse_file = pipeline.parse_file


def test_a_worker_that_dies_fails_its_document_only(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    for prefix in ("000", "002", "004"):
        shutil.copy(sample_path(prefix), folder / f"{prefix}.txt")
    (folder / "poison.txt").write_text("毒", encoding="utf-8")
    monkeypatch.setattr(pipeline, "parse_file", _dies_on_poison)
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--workers", "2", str(folder)]) == 0
    assert _documents(db) == [
        ("000.txt", "parsed", None, 55),
        ("002.txt", "parsed", None, 3),
        ("004.txt", "parsed_with_warnings", None, 6),
        ("poison.txt", "failed", "poison.txt: the process parsing it died (killed, or out of memory)", 0),
    ]


def test_a_newline_in_a_file_name_cannot_forge_a_console_line(tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "x\nfailed: all.txt").write_bytes(b"")
    shutil.copy(sample_path("002"), folder / "binhai.txt")
    assert main(["--db", str(tmp_path / "w.duckdb"), "--quiet", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.strip() for line in out if "failed:" in line] == ["failed: x\\nfailed: all.txt: the file is empty"] * 2


_HANGING_BATCH = """
import sys, time
from pathlib import Path
from ingest import pipeline

def hang(path):
    sys.stdout.write(f"worker {__import__('os').getpid()}\\n")
    sys.stdout.flush()
    time.sleep(600)

pipeline.parse_file = hang
for _ in pipeline.parse_all([Path("a.txt"), Path("b.txt")], workers=2):
    pass
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers follow their parent through prctl (Linux)")
def test_workers_die_with_a_killed_ingest(tmp_path):
    batch = subprocess.Popen(
        [sys.executable, "-c", _HANGING_BATCH],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    lines = [batch.stdout.readline() for _ in range(2)]
    if not all(line.startswith("worker ") for line in lines):
        batch.kill()
        pytest.fail(f"the batch did not start its workers: {lines} {batch.stderr.read()}")
    workers = [int(line.split()[1]) for line in lines]
    assert all(Path(f"/proc/{pid}").exists() for pid in workers)
    batch.kill()
    batch.wait()
    for pid in workers:
        for _ in range(200):  # the kernel delivers the parent-death signal at once; reaping may take a moment
            if not _alive(pid):
                break
            time.sleep(0.05)
        assert not _alive(pid), f"worker {pid} outlived its killed parent"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


@dataclass(frozen=True)
class Case:
    """A generated input and what must become of it: its status, message, rows kept and data-quality findings."""

    file_name: str
    data: bytes | None  # None: a named pipe, or a symbolic link to `link`
    status: str
    message: str | None = None  # the error, exactly (failed documents)
    n_projects: int = 0
    findings: tuple[tuple[str, str], ...] = ()  # (check_name, detail) in marts.data_quality, sorted
    with_sample: str | None = None  # a sample the case needs beside it (the original of a copy)
    duplicate_rule: str | None = None  # why marts.documents marks it a duplicate of its sample
    link: str | None = None  # the target of a symbolic link (as synced shares leave them)


SAME_CONTENT = (
    "every table it holds is counted in another document (same kind, issuer, year, name, amounts and indicators; "
    "the most complete reading is counted, then the one in the document with the most tables, the most indicator "
    "rows, a text layer over OCR, the fewest warnings, then the first file name)"
)


def _doc(name: str, unit_line: str, projects, **kwargs) -> bytes:
    return performance_document(projects, unit_line=unit_line, **kwargs).encode()


MALFORMED_XML = (
    "malformed_xml.docx: not a readable DOCX file (its XML is malformed: AttValue: ' expected, line 2, column 887 "
    "(<string>, line 2))"
)
SAMPLE_002 = sample_path("002").read_text(encoding="utf-8")
# A traditional-Chinese export (Big5 holds no simplified characters): decoded exactly, its labels not yet known.
TRADITIONAL = "醫療保障局2024年項目支出績效目標表\n項目名稱\t醫保宣傳\n預算數\t100.00\n"

LOOP_A = "loop_a.pdf: symbolic link loop (loop_a.pdf -> loop_b.pdf -> loop_a.pdf), not read"
LOOP_B = "loop_b.pdf: symbolic link loop (loop_b.pdf -> loop_a.pdf -> loop_b.pdf), not read"
DANGLING = "dangling.pdf: symbolic link to a missing file (dangling.pdf -> moved_away.pdf), not read"

CASES = [
    # Links a synced share leaves: two pointing at each other, one at a file no longer there.
    Case("loop_a.pdf", None, "failed", LOOP_A, findings=(("document failed", LOOP_A),), link="loop_b.pdf"),
    Case("loop_b.pdf", None, "failed", LOOP_B, findings=(("document failed", LOOP_B),), link="loop_a.pdf"),
    Case("dangling.pdf", None, "failed", DANGLING, findings=(("document failed", DANGLING),), link="moved_away.pdf"),
    Case(
        "table_number_64bit.txt",
        _budget_sample_with_table_label("预算公开表99999999999"),
        "parsed",
        n_projects=7,
    ),
    Case(
        "table_number_too_big.txt",
        _budget_sample_with_table_label("预算公开表99999999999999999999999"),
        "failed",
        "table_number_too_big.txt: its records cannot be stored (OverflowError: Python int too large to convert to "
        "C long)",
        findings=(
            (
                "document failed",
                "table_number_too_big.txt: its records cannot be stored (OverflowError: Python "
                "int too large to convert to C long)",
            ),
        ),
    ),
    Case(
        "fiscal_above_budget.txt",
        _doc("x", "100003天津市河东区医疗保障局", [Project("超预算项目", budget="100.00", fiscal="200.00")]),
        "parsed",
        n_projects=1,
        findings=(("fiscal above budget", "财政资金 200.00 yuan is more than 预算数 100.00 yuan"),),
    ),
    Case(
        "minus_zero.txt",
        _doc("x", "100004天津市南开区医疗保障局", [Project("负零项目", budget="-0", fiscal="-0", other="-0")]),
        "parsed",
        n_projects=1,
    ),
    Case(
        "sixteen_digit_wan_yuan.txt",
        _doc(
            "x",
            "100005天津市红桥区医疗保障局",
            [Project("大额项目", budget="1,234,567,890,123,456.78", fiscal="1234567890123456.78")],
            amount_unit="万元",
        ),
        "parsed",
        n_projects=1,
    ),
    Case(
        "amount_beyond_range.txt",
        _doc("x", "100005天津市红桥区医疗保障局", [Project("超范围项目", budget="1" + "0" * 30, fiscal="")]),
        "parsed",
        n_projects=1,
        findings=(("amount not read", '预算数 printed as "1' + "0" * 30 + '" is not a number (or out of range)'),),
    ),
    Case(
        "full_width_and_not_numbers.txt",
        _doc(
            "x",
            "100008天津市东丽区医疗保障局",
            [
                Project("全角项目", budget="１，２３４．５", fiscal="１２３", other="NaN"),
                Project("无穷项目", budget="inf", fiscal="1e309"),
            ],
        ),
        "parsed",
        n_projects=2,
        findings=(
            ("amount not read", '其他资金 printed as "NaN" is not a number (or out of range)'),
            ("amount not read", '财政资金 printed as "1e309" is not a number (or out of range)'),
            ("amount not read", '预算数 printed as "inf" is not a number (or out of range)'),
        ),
    ),
    Case(
        "thousand_and_one_tables.txt",
        _doc("x", "100006天津市和平区医疗保障局", [Project(f"项目{seq}") for seq in range(1, 1002)]),
        "parsed",
        n_projects=1001,
    ),
    Case(
        "thousand_and_one_rows.txt",
        _doc("x", "100007天津市河北区医疗保障局", [Project("多行项目", indicators=1001)]),
        "parsed",
        n_projects=1,
    ),
    Case(
        "empty.txt",
        b"",
        "failed",
        "empty.txt: the file is empty",
        findings=(("document failed", "empty.txt: the file is empty"),),
    ),
    Case(
        "another_empty.txt",
        b"",
        "failed",
        "another_empty.txt: the file is empty",
        findings=(("document failed", "another_empty.txt: the file is empty"),),
    ),
    Case(
        "named_pipe.pdf",
        None,
        "failed",
        "named_pipe.pdf: not a regular file (a named pipe), not read",
        findings=(("document failed", "named_pipe.pdf: not a regular file (a named pipe), not read"),),
    ),
    Case(
        "identical_copy_of_002.txt",
        sample_path("002").read_bytes(),
        "copy",
        with_sample="002",
        duplicate_rule="identical bytes",
    ),
    Case(
        "redownload_of_002.txt",
        sample_path("002").read_bytes() + b"\n",
        "parsed",
        n_projects=3,
        with_sample="002",
        duplicate_rule=SAME_CONTENT,
    ),
    *(
        Case(name, data, "parsed", n_projects=3, with_sample="002", duplicate_rule=SAME_CONTENT)
        for name, data in (
            ("utf16_le_bom.txt", b"\xff\xfe" + SAMPLE_002.encode("utf-16-le")),
            ("utf16_be_no_bom.txt", SAMPLE_002.encode("utf-16-be")),
            ("utf32_le_bom.txt", b"\xff\xfe\x00\x00" + SAMPLE_002.encode("utf-32-le")),
            ("utf32_be_no_bom.txt", SAMPLE_002.encode("utf-32-be")),
            ("gb18030.txt", SAMPLE_002.encode("gb18030")),
            ("utf8_bom.txt", SAMPLE_002.encode("utf-8-sig")),
        )
    ),
    Case(
        "big5_traditional.txt",
        TRADITIONAL.encode("big5"),
        "failed",
        "big5_traditional.txt: no known layout found (1 tables, none a performance-target or budget table)",
        findings=(
            (
                "document failed",
                "big5_traditional.txt: no known layout found (1 tables, none a performance-target or budget table)",
            ),
        ),
    ),
    Case(
        "no_known_encoding.txt",
        bytes(range(0x80, 0x100)) * 10,
        "failed",
        "no_known_encoding.txt: not text in UTF-8, UTF-16, UTF-32, GB18030/GBK or Big5",
        findings=(
            ("document failed", "no_known_encoding.txt: not text in UTF-8, UTF-16, UTF-32, GB18030/GBK or Big5"),
        ),
    ),
    Case(
        "false_utf16_bom.txt",
        b"\xff\xfe\x00\xd8",
        "failed",
        "false_utf16_bom.txt: starts with a utf-16-le byte-order mark but is not utf-16-le",
        findings=(
            ("document failed", "false_utf16_bom.txt: starts with a utf-16-le byte-order mark but is not utf-16-le"),
        ),
    ),
    Case(
        "bad_gridspan.docx",
        docx_with(lambda xml: xml.replace('<w:tcW w:type="dxa" w:w="8640"/>', '<w:gridSpan w:val="abc"/>')),
        "failed",
        "bad_gridspan.docx: table 1 row 1 has a cell with an invalid gridSpan 'abc'",
        findings=(("document failed", "bad_gridspan.docx: table 1 row 1 has a cell with an invalid gridSpan 'abc'"),),
    ),
    Case(
        "gridspan_20_million.docx",
        docx_rows_spanning(20_000_000),
        "failed",
        "gridspan_20_million.docx: table 1 row 1 spans 20,000,000 columns, more than the 1,000 allowed",
        findings=(
            (
                "document failed",
                "gridspan_20_million.docx: table 1 row 1 spans 20,000,000 columns, more than the 1,000 allowed",
            ),
        ),
    ),
    Case(
        "too_many_cells.docx",
        docx_rows_spanning(900, rows=300),
        "failed",
        "too_many_cells.docx: table 1 has more than 250,000 cells, the most a table may have",
        findings=(
            ("document failed", "too_many_cells.docx: table 1 has more than 250,000 cells, the most a table may have"),
        ),
    ),
    Case(
        "zip_bomb.docx",
        docx_with(extra_member=("word/bomb.xml", 200 * 1024 * 1024)),
        "failed",
        "zip_bomb.docx: word/bomb.xml decompresses to 200 MB, more than the 128 MB a member may (a zip bomb?)",
        findings=(
            (
                "document failed",
                "zip_bomb.docx: word/bomb.xml decompresses to 200 MB, more than the 128 MB a member may (a zip bomb?)",
            ),
        ),
    ),
    Case(
        "malformed_xml.docx",
        docx_with(lambda xml: xml[: len(xml) // 2]),
        "failed",
        MALFORMED_XML,
        findings=(
            (
                "document failed",
                MALFORMED_XML,
            ),
        ),
    ),
    Case(
        "not_a_zip.docx",
        b"PK\\x03\\x04 not a zip",
        "failed",
        "not_a_zip.docx: not a readable DOCX file (BadZipFile)",
        findings=(("document failed", "not_a_zip.docx: not a readable DOCX file (BadZipFile)"),),
    ),
    Case(
        "no_year.txt",
        _doc("x", "100002天津市河西区医疗保障局", [Project("无年度项目")], year=None),
        "parsed",
        n_projects=1,
        findings=(
            ("year unknown", "no budget year printed or inferred; the document is left out of year comparisons"),
        ),
    ),
    Case(
        "bare_chaoyang.txt",
        _doc("x", "100010朝阳区医疗保障局", [Project("朝阳区项目")]),
        "parsed",
        n_projects=1,
        findings=(
            (
                "region unresolved",
                'issuer "朝阳区医疗保障局" names a district several cities have (北京市朝阳区 110105, '
                "吉林省长春市朝阳区 220104) and the document prints none of their cities; state region_code in "
                "documents.csv; the document is left out of region comparisons",
            ),
        ),
    ),
    Case(
        "chaoyang_of_changchun.txt",
        _doc("x", "100011朝阳区医疗保障局", [Project("长春朝阳项目")], title="长春市朝阳区2026年项目支出绩效目标表"),
        "parsed",
        n_projects=1,
    ),
    Case(
        "region_not_in_seeds.txt",
        _doc("x", "100009火星市医疗保障局", [Project("火星项目")]),
        "parsed",
        n_projects=1,
        findings=(
            (
                "region unresolved",
                'no region found for issuer "火星市医疗保障局"; the document is left out of region comparisons',
            ),
        ),
    ),
]


def _write_case(folder: Path, case: Case) -> None:
    if case.link is not None:
        if not (folder / case.file_name).is_symlink():  # made already as the other end of a loop
            (folder / case.file_name).symlink_to(case.link)
    elif case.data is None:
        os.mkfifo(folder / case.file_name)
    else:
        (folder / case.file_name).write_bytes(case.data)
    if case.with_sample and not any(folder.glob(f"{case.with_sample}_*")):
        shutil.copy(sample_path(case.with_sample), folder)
    for partner in CASES:  # the other end of a loop of links
        if partner.link is not None and partner.file_name == case.link and not (folder / case.link).is_symlink():
            (folder / partner.file_name).symlink_to(partner.link)


@pytest.mark.parametrize("case", CASES, ids=[case.file_name for case in CASES])
def test_each_bad_input_alone(tmp_path, case):
    folder = tmp_path / "docs"
    folder.mkdir()
    _write_case(folder, case)
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(folder)]) == (
        1 if case.status == "failed" and not case.with_sample else 0
    )
    ((file_name, status, error, n_projects),) = [row for row in _documents(db) if row[0] == case.file_name]
    assert (file_name, status.replace("_with_warnings", ""), error, n_projects) == (
        case.file_name,
        case.status,
        case.message,
        case.n_projects,
    )


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """Every bad input and the five samples in one folder, ingested and built with dbt."""
    folder = tmp_path_factory.mktemp("mixed")
    docs = folder / "docs"
    shutil.copytree(SAMPLES, docs)
    for case in CASES:
        _write_case(docs, case)
    (docs / "archive").mkdir()
    (docs / "archive" / "all_documents").symlink_to(docs, target_is_directory=True)  # a cycle through folders
    return build_warehouse(docs, folder)


@pytest.fixture()
def mixed_marts(mixed):
    yield from read_only(mixed)


def test_mixed_batch_keeps_the_samples_exact_rows(mixed_marts):
    rows = mixed_marts.execute(
        """
        select substr(documents.file_name, 1, 3), count(distinct projects.project_id), count(indicators.indicator_id)
        from marts.documents
        inner join marts.projects using (document_id)
        left join marts.indicators using (project_id)
        where documents.file_name similar to '00[0-4]_.*'
        group by 1 order by 1
        """
    ).fetchall()
    assert rows == [("000", 55, 372), ("001", 54, 326), ("002", 3, 19), ("003", 7, 67), ("004", 6, 92)]


def test_mixed_batch_records_every_bad_file(mixed_marts):
    rows = mixed_marts.execute(
        "select file_name, status, error_message, n_projects from marts.documents where file_name not similar to "
        "'00[0-4]_.*' order by file_name"
    ).fetchall()
    expected = sorted((case.file_name, case.status, case.message, case.n_projects) for case in CASES)
    assert [(name, status.replace("_with_warnings", ""), error, n) for name, status, error, n in rows] == expected
    # No failure is a crash in disguise: every message names the file and a cause, none an unexpected exception.
    assert all(error.startswith(f"{name}: ") and "unexpected" not in error for name, _, error, _ in rows if error)


def test_mixed_batch_counts_each_disclosure_once(mixed_marts):
    rows = mixed_marts.execute(
        """
        select documents.file_name, documents.is_kept, documents.duplicate_rule, kept.file_name
        from marts.documents
        left join marts.documents as kept
            on documents.duplicate_of_document_id = kept.document_id
        where documents.duplicate_of_document_id is not null or not documents.is_kept
        order by 1
        """
    ).fetchall()
    expected = sorted(
        (case.file_name, False, case.duplicate_rule, sample_path(case.with_sample).name)
        for case in CASES
        if case.duplicate_rule
    )
    # The 003 variant whose table label is 64-bit says the same as 003: a duplicate too, 003 kept.
    expected.append(("table_number_64bit.txt", False, SAME_CONTENT, sample_path("003").name))
    assert rows == sorted(expected)
    # An identical copy takes its original's issuer, year and region.
    assert mixed_marts.execute(
        "select issuer, budget_year, region_code from marts.documents where file_name = 'identical_copy_of_002.txt'"
    ).fetchone() == ("天津市滨海新区医疗保障局", 2026, "120116")


def test_mixed_batch_reports_each_finding(mixed_marts):
    rows = mixed_marts.execute("select file_name, check_name, detail from marts.data_quality order by all").fetchall()
    expected = sorted((case.file_name, *finding) for case in CASES for finding in case.findings)
    assert rows == expected


def test_keys_do_not_collide_beyond_999(mixed_marts):
    assert mixed_marts.execute(
        """
        select count(distinct project_id), count(*)
        from marts.projects inner join marts.documents using (document_id)
        where file_name = 'thousand_and_one_tables.txt'
        """
    ).fetchone() == (1001, 1001)
    assert mixed_marts.execute(
        """
        select count(distinct indicator_id), count(*)
        from marts.indicators inner join marts.documents using (document_id)
        where file_name = 'thousand_and_one_rows.txt'
        """
    ).fetchone() == (1001, 1001)


def test_amounts_are_exact_at_any_size(mixed_marts):
    rows = mixed_marts.execute(
        """
        select file_name, budget_yuan::varchar, fiscal_yuan::varchar, other_yuan::varchar
        from marts.projects inner join marts.documents using (document_id)
        where file_name in ('sixteen_digit_wan_yuan.txt', 'minus_zero.txt', 'full_width_and_not_numbers.txt')
        order by file_name, table_seq
        """
    ).fetchall()
    assert rows == [
        ("full_width_and_not_numbers.txt", "1234.50", "123.00", None),
        ("full_width_and_not_numbers.txt", None, None, None),
        ("minus_zero.txt", "0.00", "0.00", "0.00"),
        ("sixteen_digit_wan_yuan.txt", "12345678901234567800.00", "12345678901234567800.00", None),
    ]


def test_unresolved_documents_stay_out_of_comparisons_only(mixed_marts):
    names = ("no_year.txt", "region_not_in_seeds.txt")
    in_projects = mixed_marts.execute(
        "select file_name, is_comparable from marts.projects inner join marts.documents using (document_id) "
        f"where file_name in {names} order by 1"
    ).fetchall()
    assert in_projects == [("no_year.txt", False), ("region_not_in_seeds.txt", False)]
    summary = mixed_marts.execute(
        "select count(*) from marts.budget_summary where region_code is null or budget_year is null"
    ).fetchone()
    assert summary == (0,)


def test_the_same_disclosure_in_three_formats_is_counted_once(tmp_path, parsed):
    from render_samples import render_docx, render_pdf

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(sample_path("002"), docs / "binhai.txt")
    (docs / "binhai.pdf").write_bytes(render_pdf(parsed["002"]))
    (docs / "binhai.docx").write_bytes(render_docx(parsed["002"]))
    db = build_warehouse(docs, tmp_path)
    con = duckdb.connect(str(db), read_only=True)
    documents = con.execute(
        """
        select documents.file_name, documents.n_projects, documents.is_kept, kept.file_name
        from marts.documents
        left join marts.documents as kept on documents.duplicate_of_document_id = kept.document_id
        order by 1
        """
    ).fetchall()
    # All three read 3 projects and 19 indicator rows alike, so the first file name is kept.
    assert documents == [
        ("binhai.docx", 3, True, None),
        ("binhai.pdf", 3, False, "binhai.docx"),
        ("binhai.txt", 3, False, "binhai.docx"),
    ]
    assert con.execute("select count(*), sum(budget_yuan) from marts.projects").fetchone() == (3, 50_210_000)
    assert con.execute("select count(*) from marts.indicators").fetchone() == (19,)
    assert con.execute(
        "select n_projects, total_budget_yuan from marts.budget_summary where grain = 'region'"
    ).fetchone() == (3, 50_210_000)


def test_an_unreadable_folder_is_recorded(tmp_path, monkeypatch, capsys):
    docs = tmp_path / "docs"
    (docs / "locked").mkdir(parents=True)
    shutil.copy(sample_path("002"), docs / "binhai.txt")
    shutil.copy(sample_path("004"), docs / "locked" / "tianchang.txt")
    real_scandir = os.scandir

    def scandir(path="."):
        # As root chmod cannot lock a folder: fail its listing instead.
        if isinstance(path, str | os.PathLike) and Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(docs)]) == 0
    monkeypatch.undo()
    assert "  failed: locked/: cannot read folder (Permission denied); files in it are not ingested" in (
        capsys.readouterr().out.splitlines()
    )
    assert _documents(db) == [
        ("binhai.txt", "parsed", None, 3),
        ("locked/", "failed", "locked/: cannot read folder (Permission denied); files in it are not ingested", 0),
    ]


def test_identical_copies_each_get_a_row_and_are_parsed_once(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(sample_path("002"), docs / name)
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(docs)]) == 0
    assert (
        "documents: 3 (1 parsed, 0 failed, 2 identical copies of another file, not parsed again)"
        in capsys.readouterr().out
    )
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "select file_name, status, copy_of_document_id = content_sha256, n_projects from raw.documents order by 1"
    ).fetchall()
    assert rows == [("a.txt", "parsed", None, 3), ("b.txt", "copy", True, 0), ("c.txt", "copy", True, 0)]
    assert con.execute("select count(*) from raw.project_tables").fetchone() == (3,)


def test_what_sits_beside_documents_is_not_one(tmp_path):
    # A folder as documents are shared: a README and a checksum list beside them are no documents.
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(sample_path("002"), docs / "binhai.txt")
    (docs / "README.md").write_text("# 滨海新区\n", encoding="utf-8")
    (docs / "SHA256SUMS").write_text("0" * 64 + "  binhai.txt\n", encoding="utf-8")
    (docs / "MD5SUMS").write_text("0" * 32 + "  binhai.txt\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--strict", str(docs)]) == 0
    assert _documents(db) == [("binhai.txt", "parsed", None, 3)]


def test_a_district_name_is_resolved_by_the_city_the_document_prints(mixed_marts):
    rows = mixed_marts.execute(
        "select file_name, region_code, region_basis, region_candidates from marts.documents "
        "where file_name in ('bare_chaoyang.txt', 'chaoyang_of_changchun.txt') order by 1"
    ).fetchall()
    assert rows == [
        ("bare_chaoyang.txt", None, None, "北京市朝阳区 110105, 吉林省长春市朝阳区 220104"),
        ("chaoyang_of_changchun.txt", "220104", "issuer name, city or province printed in the document", None),
    ]
    # The unresolved one is in projects, but not in the region comparison.
    assert mixed_marts.execute(
        "select count(*) filter (where not is_comparable), count(*) from marts.projects "
        "where project_name in ('朝阳区项目', '长春朝阳项目')"
    ).fetchone() == (1, 2)


def test_a_metadata_file_overrides_issuer_region_and_year(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gulou_2025.txt").write_text(
        performance_document([Project("鼓楼项目")], unit_line="100001鼓楼区医疗保障局", year=None), encoding="utf-8"
    )
    (docs / "misread.txt").write_text(
        performance_document([Project("改写项目")], unit_line="100002天津市河西区医疗保障局", year=2026),
        encoding="utf-8",
    )
    (docs / "documents.csv").write_text(
        "file,issuer,region_code,year,doc_kind\n"
        "gulou_*.txt,,350102,2025,budget\n"
        "misread.txt,福州市鼓楼区医疗保障局,350102,2024,\n",
        encoding="utf-8",
    )
    db = build_warehouse(docs, tmp_path)
    con = duckdb.connect(str(db), read_only=True)
    basis = f"stated: {docs / 'documents.csv'} line"
    assert con.execute(
        "select file_name, issuer, issuer_basis, region_code, region_basis, budget_year, budget_year_basis, doc_kind "
        "from marts.documents order by 1"
    ).fetchall() == [
        (
            "gulou_2025.txt",
            "鼓楼区医疗保障局",
            "unit of table 1: 鼓楼区医疗保障局",
            "350102",
            f"{basis} 2",
            2025,
            f"{basis} 2",
            "budget",
        ),
        (
            "misread.txt",
            "福州市鼓楼区医疗保障局",
            f"{basis} 3",
            "350102",
            f"{basis} 3",
            2024,
            f"{basis} 3",
            "performance_targets",
        ),
    ]
    assert con.execute(
        "select region_code, budget_year, n_projects from marts.budget_summary where grain = 'region' order by 2"
    ).fetchall() == [("350102", 2024, 1), ("350102", 2025, 1)]
    assert con.execute("select count(*) from marts.data_quality").fetchone() == (0,)


def test_ingest_options_state_facts_for_the_files_given(tmp_path):
    path = tmp_path / "chaoyang.txt"
    path.write_text(performance_document([Project()], unit_line="100001朝阳区医疗保障局"), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--region-code", "110105", "--year", "2027", str(path)]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute(
        "select stated_region_code, stated_year, stated_issuer, stated_basis from raw.documents"
    ).fetchone() == ("110105", 2027, None, "ingest options")


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        (
            "name,year\na.txt,2024\n",
            "documents.csv: needs a 'file' column (columns: file, issuer, region_code, year, doc_kind)",
        ),
        ("file,year\na.txt,24\n", "documents.csv line 2: year must be a four-digit year, not '24'"),
        (
            "file,region_code\na.txt,1101\n",
            "documents.csv line 2: region_code must be six digits (e.g. 110105), not '1101'",
        ),
    ],
)
def test_a_bad_metadata_file_is_one_clear_line(tmp_path, capsys, csv_text, message):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(sample_path("002"), docs / "a.txt")
    (docs / "documents.csv").write_text(csv_text, encoding="utf-8")
    assert main(["--db", str(tmp_path / "w.duckdb"), "--quiet", str(docs)]) == 2
    assert capsys.readouterr().err == f"ingest: {docs / message}\n"


def test_big5_is_decoded_exactly():
    from ingest.readers.text import decode

    assert decode(TRADITIONAL.encode("big5"), "x.txt") == TRADITIONAL
    assert decode(SAMPLE_002.encode("gbk"), "x.txt") == SAMPLE_002


def _allocates_a_gigabyte(path, data=None):
    """Stand-in for a reader that needs far more memory than a document may use."""
    return bytearray(1024 * 1024 * 1024)


def test_a_document_needing_too_much_memory_fails_alone(tmp_path, monkeypatch):
    from ingest import limits

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "greedy.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(limits, "MEMORY_PER_DOCUMENT", 256 * limits.MB)  # workers are forked: they inherit this
    monkeypatch.setattr(pipeline, "read_document", _allocates_a_gigabyte)
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--workers", "2", str(docs)]) == 1
    assert _documents(db) == [
        ("greedy.txt", "failed", "greedy.txt: needs more memory than the 256 MB a document may use", 0)
    ]


_KEPT: list[bytearray] = []


def _keeps_150_megabytes() -> int:
    """A step that leaves what it allocated behind in its worker (as parsed documents' caches and heap do)."""
    _KEPT.append(bytearray(150 * 1024 * 1024))
    return len(_KEPT)


def test_each_document_a_worker_parses_gets_its_own_memory_allowance(monkeypatch):
    # Two real 决算/预算 PDFs read by OCR failed with std::bad_alloc in a worker that had parsed others before: the
    # cap counted what earlier documents left behind. Each step renews it: what the worker holds now plus 256 MB.
    from concurrent.futures import ProcessPoolExecutor

    from ingest import limits

    monkeypatch.setattr(limits, "MEMORY_PER_DOCUMENT", 256 * limits.MB)  # workers are forked: they inherit this
    with ProcessPoolExecutor(max_workers=1, initializer=pipeline._worker_started) as pool:
        kept = [pool.submit(pipeline._capped, _keeps_150_megabytes).result() for _ in range(3)]
    assert kept == [1, 2, 3]


def test_an_unreadable_file_is_recorded(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(sample_path("002"), docs / "binhai.txt")
    (docs / "locked.txt").write_text("x", encoding="utf-8")
    real_open = Path.open

    def open_unless_locked(self, *args, **kwargs):
        if self.name == "locked.txt":  # as root chmod 000 cannot lock a file: fail the open instead
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_unless_locked)
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--workers", "1", str(docs)]) == 0
    monkeypatch.undo()
    assert _documents(db) == [
        ("binhai.txt", "parsed", None, 3),
        ("locked.txt", "failed", "locked.txt: cannot read file (Permission denied)", 0),
    ]


def test_linked_folders_are_followed_once_and_a_cycle_is_named(tmp_path, capsys):
    outside = tmp_path / "shared"
    outside.mkdir()
    shutil.copy(sample_path("004"), outside / "tianchang.txt")
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    shutil.copy(sample_path("002"), docs / "binhai.txt")
    (docs / "sub" / "up").symlink_to("..", target_is_directory=True)  # a cycle: the folder above
    (docs / "sub" / "again").symlink_to(docs / "sub", target_is_directory=True)  # a folder searched anyway
    (docs / "shared").symlink_to(outside, target_is_directory=True)  # a folder elsewhere: read
    (docs / "shared_too").symlink_to(outside, target_is_directory=True)  # the same folder again: read once
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", str(docs)]) == 0
    assert _documents(db) == [("binhai.txt", "parsed", None, 3), ("tianchang.txt", "parsed_with_warnings", None, 6)]
    assert sorted(capsys.readouterr().err.splitlines()) == [
        f"ingest: {docs}/shared_too: a link to {outside}, a folder this search covers already; not followed",
        f"ingest: {docs}/sub/again: a link to {docs}/sub, a folder this search covers already; not followed",
        f"ingest: {docs}/sub/up: a link to {docs}, a folder this search covers already; not followed",
    ]


def _runs_out_in_native_code(path, data=None):
    """Stand-in for a reader whose native library (the OCR engine) meets the memory cap."""
    raise RuntimeError("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Status Message: std::bad_alloc")


def test_a_native_library_meeting_the_memory_cap_fails_with_the_memory_message(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "scan.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(pipeline, "read_document", _runs_out_in_native_code)
    db = tmp_path / "w.duckdb"
    assert main(["--db", str(db), "--quiet", "--workers", "1", str(docs)]) == 1
    assert _documents(db) == [
        ("scan.txt", "failed", "scan.txt: needs more memory than the 2048 MB a document may use", 0)
    ]
