"""The copy checks, and ``check``, which runs them all on a story.

A check is a function of a ``Story`` and one aligned ``Pair`` of paragraphs
(``check``) or of the whole story (``check_story``) that yields ``Finding``s.
"""

from ..findings import Finding
from ..glossary import Glossary
from ..story import Story
from . import calendar, dateline, digits, glossary, numbers, paragraphs, punctuation, untranslated

PARAGRAPH_CHECKS = (untranslated.check, numbers.check, calendar.check, glossary.check, punctuation.check)
STORY_CHECKS = (paragraphs.check_story, dateline.check_story, digits.check_story)


def check(source_paragraphs, target_paragraphs, glossary: Glossary | None = None) -> list[Finding]:
    """Every finding for an English story and its Arabic translation, aligned paragraph by paragraph."""
    story = Story(source_paragraphs, target_paragraphs, glossary)
    findings: list[Finding] = []
    for story_check in STORY_CHECKS:
        findings.extend(story_check(story))
    for pair in story.pairs:
        for paragraph_check in PARAGRAPH_CHECKS:
            findings.extend(paragraph_check(story, pair))
    findings.sort(key=lambda f: (f.paragraph, f.start, f.end, f.code))
    return findings
