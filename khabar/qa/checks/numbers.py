"""``number-mismatch``: a number in one text with no equal value in the other.

Values are compared, not strings (see ``khabar.arabic.numbers``): «1,500»,
«١٬٥٠٠», «ألف وخمسمئة» and «1.5 thousand» are one number. Soft numbers («two»,
«the 1990s», «10 a.m.», «الثلاثة») answer but are never required.
"""

from khabar.arabic.numbers import find_numbers

from ..story import Pair, Story, blank_not_prose
from .mismatch import report

CODE = "number-mismatch"


def check(story: Story, pair: Pair):
    if not pair.source.strip() or not pair.target.strip():
        return
    source = [
        n for n in find_numbers(blank_not_prose(pair.source), "en") if not story.in_dateline(pair, n.start)
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
