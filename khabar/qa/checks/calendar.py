"""``weekday-mismatch`` and ``month-mismatch``: a day or month named in one text and missing or different in the other."""

from khabar.arabic.dates import GREGORIAN_MONTHS, WEEKDAYS
from khabar.arabic.dates_in_text import (
    ENGLISH_MONTHS,
    ENGLISH_WEEKDAYS,
    find_arabic_months,
    find_arabic_weekdays,
    find_english_months,
    find_english_weekdays,
)

from ..story import Pair, Story
from .mismatch import report


def check(story: Story, pair: Pair):
    if not pair.source.strip() or not pair.target.strip():
        return
    yield from _compare(
        story,
        pair,
        "weekday-mismatch",
        find_english_weekdays(pair.source),
        find_arabic_weekdays(pair.target),
        lambda i: ENGLISH_WEEKDAYS[i],
        lambda i: WEEKDAYS[i],
        "اليوم",
    )
    yield from _compare(
        story,
        pair,
        "month-mismatch",
        find_english_months(pair.source),
        find_arabic_months(pair.target),
        lambda i: ENGLISH_MONTHS[i - 1],
        lambda i: GREGORIAN_MONTHS[i - 1],
        "الشهر",
    )


def _compare(story, pair, code, english, arabic, english_name, arabic_name, noun):
    if not english and not arabic:
        return  # most paragraphs name no day and no month
    english = [n for n in english if not story.in_dateline(pair, n.start)]
    arabic = [n for n in arabic if not story.in_target_dateline(pair, n.start)]
    wanted = {n.index for n in english}
    present = {n.index for n in arabic}
    missing = [i for i in dict.fromkeys(n.index for n in english) if i not in present]
    extra = [n for n in arabic if n.index not in wanted]
    seen_extra = set()
    extra = [n for n in extra if not (n.index in seen_extra or seen_extra.add(n.index))]
    yield from report(
        code,
        pair,
        missing,
        extra,
        lambda i, ar: (
            f"{noun} «{ar.text}» لا يطابق «{english_name(i)}» في النص الإنجليزي (المتوقع: {arabic_name(i)})"
        ),
        lambda i: f"{noun} «{english_name(i)}» في النص الإنجليزي غائب عن الترجمة (المتوقع: {arabic_name(i)})",
        lambda ar: f"{noun} «{ar.text}» لا مقابل له في النص الإنجليزي",
    )
