"""``digits-mixed`` (warning): Western and Arabic-Indic digits mixed in one article."""

import re

from ..findings import WARNING, Finding
from ..story import Story, blank_not_prose

CODE = "digits-mixed"
_WESTERN = re.compile(r"[0-9]+")
_EASTERN = re.compile(r"[٠-٩۰-۹]+")


def check_story(story: Story):
    texts = [blank_not_prose(text) for text in story.target]
    western = sum(len(_WESTERN.findall(prose)) for prose in texts)
    eastern = sum(len(_EASTERN.findall(prose)) for prose in texts) if western else 0
    if not western or not eastern:
        return
    # Point at the first number in the rarer style: that is the one to change.
    rare, style, other = (
        (_EASTERN, "هندية (٠١٢)", "عربية (012)")
        if eastern <= western
        else (_WESTERN, "عربية (012)", "هندية (٠١٢)")
    )
    index, m = next((i, m) for i, prose in enumerate(texts) if (m := rare.search(prose)))
    yield Finding(
        CODE,
        WARNING,
        index,
        m.start(),
        m.end(),
        f"أرقام {style} وسط أرقام {other} في المقال نفسه: «{m.group()}»",
    )
