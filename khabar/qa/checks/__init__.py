"""The copy checks, and ``check``, which runs them all on a story.

A check is a function of a ``Story`` and one aligned ``Pair`` of paragraphs
(``check``) or of the whole story (``check_story``) that yields ``Finding``s.
"""

from ..findings import ERROR, Finding
from ..glossary import Glossary
from ..story import Pair, Story
from . import calendar, dateline, digits, glossary, numbers, paragraphs, punctuation, untranslated

PARAGRAPH_CHECKS = (untranslated.check, numbers.check, calendar.check, glossary.check, punctuation.check)
STORY_CHECKS = (paragraphs.check_story, dateline.check_story, digits.check_story)


# Beyond this many paragraphs dropped or added, paragraphs are simply paired by position.
MAX_GAPS = 3
# What leaving a paragraph unpaired costs, in findings: a dropped paragraph should
# cost one finding, not misalign every paragraph after it.
GAP_COST = 1.5


def check(source_paragraphs, target_paragraphs, glossary: Glossary | None = None) -> list[Finding]:
    """Every finding for an English story and its Arabic translation, aligned paragraph by paragraph.

    Paragraphs pair by position. When the counts differ (by up to ``MAX_GAPS``), the
    unpaired paragraphs are placed where they leave the fewest findings, so that one
    dropped paragraph is reported once instead of shifting the rest of the story.
    """
    story = Story(source_paragraphs, target_paragraphs, glossary)
    cache: dict[tuple[int, int], list[Finding]] = {}
    if len(story.source) != len(story.target) and abs(len(story.source) - len(story.target)) <= MAX_GAPS:
        story.align(_best_alignment(story, cache))
    findings: list[Finding] = []
    for story_check in STORY_CHECKS:
        findings.extend(story_check(story))
    for pair in story.pairs:
        findings.extend(_pair_findings(story, pair, cache))
    findings.sort(key=lambda f: (f.paragraph, f.start, f.end, f.code))
    return findings


def _pair_findings(story: Story, pair: Pair, cache) -> list[Finding]:
    key = (pair.source_index, pair.index)
    if key not in cache:
        cache[key] = [f for paragraph_check in PARAGRAPH_CHECKS for f in paragraph_check(story, pair)]
    return cache[key]


def _best_alignment(story: Story, cache) -> list[tuple[int, int]]:
    """The monotone pairing of English and Arabic paragraphs with the fewest errors, gaps on the longer side only."""
    n, m = len(story.source), len(story.target)
    low, high = min(0, m - n), max(0, m - n)  # allowed values of j - i

    def cost(i, j):
        pair = Pair(j, story.source[i], story.target[j], i)
        errors = sum(f.severity == ERROR for f in _pair_findings(story, pair, cache))
        return errors + (0.01 if i != j else 0)  # with nothing to tell, keep paragraphs in place

    inf = float("inf")
    best = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in range(max(0, i + low), min(m, i + high) + 1):
            if (i, j) == (0, 0):
                continue
            options = []
            if i and j and (i - 1, j - 1) in best:
                options.append((best[(i - 1, j - 1)][0] + cost(i - 1, j - 1), (i - 1, j - 1)))
            if i and (i - 1, j) in best:
                options.append((best[(i - 1, j)][0] + GAP_COST, (i - 1, j)))
            if j and (i, j - 1) in best:
                options.append((best[(i, j - 1)][0] + GAP_COST, (i, j - 1)))
            best[(i, j)] = min(options, default=(inf, None))
    matches, cell = [], (n, m)
    while cell != (0, 0):
        previous = best[cell][1]
        if previous == (cell[0] - 1, cell[1] - 1):
            matches.append(previous)
        cell = previous
    return matches[::-1]
