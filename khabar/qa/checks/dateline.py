"""``dateline``: the English opens with «MOSCOW (AP) —» and the Arabic does not open with «CITY (AGENCY) —»."""

import re

from khabar.arabic.dateline import DASH, parse_arabic_dateline

from ..findings import ERROR, Finding
from ..story import Story

CODE = "dateline"
_DASH = re.compile("[—–-]")


def check_story(story: Story):
    if story.dateline is None or not story.target or not story.target[0].strip():
        return
    text = story.target[0]
    if parse_arabic_dateline(text) is not None:
        return
    dash = _DASH.search(text, 0, 80)
    end = dash.end() if dash else len(text.split(maxsplit=1)[0]) + (len(text) - len(text.lstrip()))
    yield Finding(
        CODE,
        ERROR,
        0,
        0,
        end,
        f"النص الإنجليزي يفتتح بخط المكان «{story.source[0][: story.dateline.end].strip()}»، "
        f"والترجمة لا تفتتح بصيغة «المدينة (الوكالة) {DASH}»",
    )
