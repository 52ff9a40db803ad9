"""Label vocabulary the layouts recognise, compared after removing wrap spaces and unifying punctuation."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_PUNCT = str.maketrans({"：": ":", "（": "(", "）": ")", "，": ",", "．": "."})

LEVEL1 = frozenset({"产出指标", "效益指标", "满意度指标", "成本指标"})
LEVEL2 = frozenset(
    {
        "数量指标",
        "质量指标",
        "时效指标",
        "进度指标",
        "成本指标",
        "经济成本指标",
        "社会成本指标",
        "生态环境成本指标",
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "服务对象满意度指标",
    }
)
# 二级 labels printed without their 指标 suffix (e.g. 004's annual half prints 生态效益).
LEVEL2_BARE = frozenset(label[:-2] for label in LEVEL2)
PLACEHOLDER = re.compile(r"^[.。…·\-—–_/\\]+$")


def norm(text: str | None) -> str:
    """Collapse a label for comparison: no whitespace, ASCII colon/brackets, no trailing colon."""
    if not text:
        return ""
    return _SPACE.sub("", text).translate(_PUNCT).rstrip(":")


def is_level1(text: str | None) -> bool:
    return norm(text) in LEVEL1


def is_level2(text: str | None) -> bool:
    """True for a 二级指标 label, including variants that end in 指标 and bare ones like 生态效益."""
    label = norm(text)
    if label in LEVEL2 or label in LEVEL2_BARE:
        return True
    # Unlisted variants (产出数量指标, 经济成本指标...) are longer than the four-character core labels.
    return label.endswith("指标") and 5 <= len(label) <= 10 and label not in LEVEL1 and "一级" not in label


def level2_prefix(text: str | None) -> bool:
    """True for the first part of a 二级 label wrapped onto two rows (e.g. 可持续 | 影响 指标)."""
    label = norm(text)
    return (
        bool(label)
        and not is_level2(label)
        and any(full.startswith(label) and full != label for full in LEVEL2 | LEVEL1)
    )


def is_placeholder(text: str) -> bool:
    return bool(PLACEHOLDER.match(norm(text)))


def clean(text: str | None) -> str | None:
    """Trim a printed value; blank becomes None."""
    if text is None:
        return None
    text = text.strip()
    return text or None
