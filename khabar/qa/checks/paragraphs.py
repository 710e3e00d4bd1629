"""``missing-paragraph``: an Arabic paragraph missing or empty, or far shorter or longer than the story's norm."""

from statistics import median

from ..findings import ERROR, Finding
from ..story import Story

CODE = "missing-paragraph"
# Arabic copy runs to about nine-tenths of the English in characters; the story's
# own median is used once it has enough paragraphs to say.
TYPICAL_RATIO = 0.9
FAR_OUTSIDE = 2.5  # times the norm, either way
MIN_SOURCE_CHARS = 80
MIN_PARAGRAPHS_FOR_MEDIAN = 3


def check_story(story: Story):
    for i in story.unmatched_source:
        if story.source[i].strip():
            yield Finding(CODE, ERROR, i, 0, 0, f"الفقرة {i + 1} من النص الإنجليزي لا ترجمة لها")
    for i in story.unmatched_target:
        if story.target[i].strip():
            yield Finding(
                CODE,
                ERROR,
                i,
                0,
                len(story.target[i]),
                f"الفقرة {i + 1} من الترجمة لا تقابلها فقرة في النص الإنجليزي",
            )
    ratios = {}
    for pair in story.pairs:
        source, target = pair.source.strip(), pair.target.strip()
        if source and not target:
            yield Finding(
                CODE, ERROR, pair.index, 0, len(pair.target), f"الفقرة {pair.index + 1} فارغة في الترجمة"
            )
        elif len(source) >= MIN_SOURCE_CHARS and target:
            ratios[pair.index] = len(target) / len(source)
    if not ratios:
        return
    norm = median(ratios.values()) if len(ratios) >= MIN_PARAGRAPHS_FOR_MEDIAN else TYPICAL_RATIO
    for index, ratio in ratios.items():
        if ratio < norm / FAR_OUTSIDE:
            yield Finding(
                CODE,
                ERROR,
                index,
                0,
                len(story.target[index]),
                f"الفقرة {index + 1} أقصر بكثير من أصلها الإنجليزي: هل سقط جزء منها؟",
            )
        elif ratio > norm * FAR_OUTSIDE:
            yield Finding(
                CODE,
                ERROR,
                index,
                0,
                len(story.target[index]),
                f"الفقرة {index + 1} أطول بكثير من أصلها الإنجليزي: هل دخلها نص فقرة أخرى؟",
            )
