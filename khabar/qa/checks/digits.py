"""``digits-mixed`` (warning): Western and Arabic-Indic digits mixed in one article."""

import re

from ..findings import WARNING, Finding
from ..story import Story, blank_not_prose

CODE = "digits-mixed"
_WESTERN = re.compile(r"[0-9]+")
_EASTERN = re.compile(r"[٠-٩۰-۹]+")


def check_story(story: Story):
    western, eastern = [], []
    for index, text in enumerate(story.target):
        prose = blank_not_prose(text)
        western.extend((index, m) for m in _WESTERN.finditer(prose))
        eastern.extend((index, m) for m in _EASTERN.finditer(prose))
    if not western or not eastern:
        return
    # Point at the first number in the rarer style: that is the one to change.
    rare, style, other = (
        (eastern, "هندية (٠١٢)", "عربية (012)")
        if len(eastern) <= len(western)
        else (
            western,
            "عربية (012)",
            "هندية (٠١٢)",
        )
    )
    index, m = rare[0]
    yield Finding(
        CODE,
        WARNING,
        index,
        m.start(),
        m.end(),
        f"أرقام {style} وسط أرقام {other} في المقال نفسه: «{m.group()}»",
    )
