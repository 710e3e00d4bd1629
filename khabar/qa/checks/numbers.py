"""``number-mismatch``: a number in one text with no equal value in the other.

Values are compared, not strings (see ``khabar.arabic.numbers``): «1,500»,
«١٬٥٠٠», «ألف وخمسمئة» and «1.5 thousand» are one number. Soft numbers («two»,
«the 1990s», «10 a.m.», «الثلاثة») answer but are never required.

``malformed-source-number`` (a warning): the English source writes a number wrongly
(«4,2000», «1,50»), so no Arabic rendering can be known right or wrong. The warning
points at the source; the number is not required, and one Arabic number per malformed
one is taken as its rendering instead of an error.
"""

import re

from khabar.arabic.numbers import find_numbers

from ..findings import WARNING, Finding
from ..story import Pair, Story, blank_not_prose
from .mismatch import report

CODE = "number-mismatch"
MALFORMED_CODE = "malformed-source-number"

# Digits in comma-separated groups, and the only grouping English writes: 1-3 digits, then threes.
_COMMA_GROUPS = re.compile(r"(?<![\d.,])\d+(?:,\d+)+(?:\.\d+)?(?!\d|,\d)")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def malformed_numbers(text: str) -> list[re.Match]:
    """Numbers the English writes with a grouping no number has («4,2000», «1,50», «12,34,567»)."""
    return [m for m in _COMMA_GROUPS.finditer(text) if not _THOUSANDS.fullmatch(m.group())]


def _nearest(numbers, where: float, length: int):
    """The Arabic number standing closest to where the malformed one stands in the English."""
    return min(numbers, key=lambda n: abs(n.start / length - where), default=None)


def check(story: Story, pair: Pair):
    if not pair.source.strip() or not pair.target.strip():
        return
    english = blank_not_prose(pair.source)
    malformed = malformed_numbers(english)
    source = [
        n
        for n in find_numbers(english, "en")
        if not story.in_dateline(pair, n.start) and not any(m.start() <= n.start < m.end() for m in malformed)
    ]
    target = [
        n
        for n in find_numbers(blank_not_prose(pair.target), "ar")
        if not story.in_target_dateline(pair, n.start)
    ]
    source_keys = frozenset().union(*(n.keys for n in source))
    target_keys = frozenset().union(*(t.keys for t in target))
    missing = [n for n in source if not n.soft and n.keys.isdisjoint(target_keys)]
    extra = [t for t in target if not t.soft and t.keys.isdisjoint(source_keys)]
    for m in malformed:
        rendering = _nearest(extra, m.start() / len(english), len(pair.target))
        if rendering is not None:
            extra.remove(rendering)
        start, end = (rendering.start, rendering.end) if rendering else (0, len(pair.target))
        yield Finding(
            MALFORMED_CODE,
            WARNING,
            pair.index,
            start,
            end,
            f"الرقم «{m.group()}» مكتوب خطأً في النص الإنجليزي: راجع المصدر لمعرفة الرقم الصحيح",
        )
    if not missing and not extra:
        return
    yield from report(
        CODE,
        pair,
        missing,
        extra,
        lambda en, ar: f"الرقم «{ar.text}» لا يطابق «{en.text}» في النص الإنجليزي",
        lambda en: f"الرقم «{en.text}» في النص الإنجليزي غائب عن الترجمة",
        lambda ar: f"الرقم «{ar.text}» لا مقابل له في النص الإنجليزي",
    )
