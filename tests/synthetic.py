"""Synthetic documents made from the samples' text exports: another year of a document, and other regions.

The tests use them for two years of one city (test_years.py) and for the notebook at 30 regions
(test_notebook.py). Run as a script to write a folder of documents to ingest:

    .venv/bin/python tests/synthetic.py /tmp/synthetic --regions 30
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"

# The project 000 drops and the one it adds when re-issued (table 33 removed; table 18 copied under this name).
DROPPED = "患者救治费用财政补助"
ADDED = "医保长期护理保险信息平台建设项目"

# Prefecture-level cities (from sample 000, 天津市 renamed) and county-level cities (from 004, 天长市 renamed).
CITIES = (
    "石家庄市", "保定市", "邯郸市", "太原市", "大同市", "沈阳市", "大连市", "长春市", "哈尔滨市", "南京市",
    "苏州市", "杭州市", "宁波市", "合肥市", "芜湖市", "福州市", "厦门市", "南昌市", "济南市", "青岛市",
    "郑州市", "洛阳市", "武汉市", "长沙市", "广州市", "深圳市", "南宁市", "成都市", "贵阳市", "昆明市",
)  # fmt: skip
COUNTIES = ("明光市", "桐城市", "宁国市", "界首市", "潜山市")


def sample_text(prefix: str) -> str:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def block(lines: list[str], number: int) -> tuple[int, int]:
    """Line range of project table `number` of sample 000: its numbered heading up to the next one (or the end)."""
    start = next(i for i, line in enumerate(lines) if re.match(rf"^{number}\.\s*\S.*绩效目标表$", line))
    rest = (i for i in range(start + 1, len(lines)) if re.match(r"^\d+\.\s*\S", lines[i]))
    return start, next(rest, len(lines))


def replace_in_block(lines: list[str], number: int, marker: str, old: str, new: str) -> None:
    start, end = block(lines, number)
    lines[start:end] = [line.replace(old, new) if marker in line else line for line in lines[start:end]]


def reissue_for_next_year(text: str) -> str:
    """Sample 000 as its bureau might publish it a year later.

    Every year printed with 年 moves on by one (titles, names, deadlines); project 1's budget grows 187.10 -> 200.00
    万元 and project 29's shrinks 47000.00 -> 46500.00 万元; project 1's satisfaction target rises ≥85 -> ≥90 % and
    project 18's machine-room uptime ≥95% -> ≥98%; project 33 (DROPPED) is dropped and a copy of project 18 named
    ADDED is added as table 56.
    """
    text = re.sub(r"(20[12]\d)(?=\s*年)", lambda match: str(int(match.group(1)) + 1), text)
    lines = text.split("\n")
    replace_in_block(lines, 1, "预算数", "187.10", "200.00")
    replace_in_block(lines, 29, "预算数", "47000.00", "46500.00")
    replace_in_block(lines, 1, "参保群众满意度", "≥85 百分比", "≥90 百分比")
    replace_in_block(lines, 18, "机房正常运转率", "≥95%", "≥98%")
    start, end = block(lines, 18)
    name = next(line.split("\t")[1] for line in lines[start:end] if line.startswith("项目名称"))
    added = [line.replace(name, ADDED) for line in lines[start:end]]
    added[0] = f"56. {ADDED}绩效目标表"
    start, end = block(lines, 33)
    lines[start:end] = []
    return "\n".join([*lines, "", *added, ""])


def scale_budgets(text: str, factor: float) -> str:
    """Every budget line's amounts (预算规模…, 项目资金…, 其中：财政…, 其他资金) times factor, two decimals kept."""

    def scale(line: str) -> str:
        if not re.match(r"^\t?(预算规模|项目资金|其中\s*[:：]\s*财政|其他资金)", line):
            return line
        return re.sub(r"\d+\.\d{2}", lambda match: f"{float(match.group(0)) * factor:.2f}", line)

    return "\n".join(scale(line) for line in text.split("\n"))


def relocate(text: str, old_place: str, new_place: str, factor: float) -> str:
    """A document of another region: its place name replaced and its budgets scaled."""
    old_short, new_short = old_place.removesuffix("市"), new_place.removesuffix("市")
    return scale_budgets(text.replace(old_place, new_place).replace(old_short, new_short), factor)


def write_synthetic_documents(folder: Path, n_regions: int = 30, seed: int = 12) -> list[Path]:
    """The five samples plus synthetic regions up to n_regions, every other city also re-issued a year later."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = []
    for path in sorted(SAMPLES.glob("*.txt")):
        written.append(Path(shutil.copy(path, folder / path.name)))
    tianjin, tianchang = sample_text("000"), sample_text("004")
    n_synthetic = max(0, n_regions - 5)
    n_counties = min(len(COUNTIES), n_synthetic // 5)
    for index, county in enumerate(COUNTIES[:n_counties]):
        text = relocate(tianchang, "天长市", county, rng.uniform(0.3, 3.0))
        written.append(folder / f"county_{index:02d}.txt")
        written[-1].write_text(text, encoding="utf-8")
    for index, city in enumerate(CITIES[: n_synthetic - n_counties]):
        text = relocate(tianjin, "天津市", city, rng.uniform(0.05, 1.5))
        written.append(folder / f"city_{index:02d}.txt")
        written[-1].write_text(text, encoding="utf-8")
        if index % 2 == 0:
            written.append(folder / f"city_{index:02d}_next_year.txt")
            next_year = scale_budgets(reissue_for_next_year(text), rng.uniform(0.8, 1.25))
            written[-1].write_text(next_year, encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write synthetic documents (samples + other regions) to a folder.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--regions", type=int, default=30, help="regions in all, the five samples' included")
    args = parser.parse_args(argv)
    paths = write_synthetic_documents(args.folder, args.regions)
    print(f"{len(paths)} documents -> {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
