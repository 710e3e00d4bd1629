"""A story as the checks read it: English and Arabic paragraphs aligned by position."""

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from khabar.arabic.dateline import Dateline, parse_arabic_dateline, parse_english_dateline

from .glossary import Glossary

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# Latin text that is not prose: addresses, e-mail, social handles and hashtags.
NOT_PROSE = re.compile(
    r"(?:https?://|www\.)[^\s«»()\[\]\u0600-\u06ff]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
    r"|(?<![A-Za-z0-9_@])[@#][A-Za-z0-9_]+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|int|io|ru|uk|fr|de)\b(?:/[^\s«»]*)?",
    re.IGNORECASE,
)
# What every such span holds: «@», «#», «://», «www.» or a dot before a short word.
# The dot opens the pattern so that ``re`` skips ahead to the dots of a text.
_MAYBE_DOMAIN = re.compile(r"\.(?:(?<=www\.)|[a-z]{2,3}\b)", re.IGNORECASE)


@lru_cache(maxsize=1024)
def not_prose_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` holds addresses, e-mail, handles or hashtags."""
    if not ("@" in text or "#" in text or "://" in text or _MAYBE_DOMAIN.search(text)):
        return ()
    return tuple(m.span() for m in NOT_PROSE.finditer(text))


def blank_not_prose(text: str) -> str:
    """``text`` with addresses and handles blanked out, keeping every offset."""
    for start, end in not_prose_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, stripped; line breaks inside one are kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    return [p.strip() for p in _BLANK_LINE.split(text)]


@dataclass
class Pair:
    """An Arabic paragraph (``index``) and the English one it translates (``source_index``)."""

    index: int
    source: str
    target: str
    source_index: int


class Story:
    def __init__(self, source, target, glossary: Glossary | None = None):
        self.source = [s or "" for s in source]
        self.target = [t or "" for t in target]
        self.glossary = glossary if glossary is not None else Glossary()
        self.align([(i, i) for i in range(min(len(self.source), len(self.target)))])

    def align(self, matches: list[tuple[int, int]]):
        """Pair English paragraph ``i`` with Arabic paragraph ``j`` for each ``(i, j)``; the rest stand alone."""
        self.pairs = [Pair(j, self.source[i], self.target[j], i) for i, j in matches]
        paired_source = {i for i, _ in matches}
        paired_target = {j for _, j in matches}
        self.unmatched_source = [i for i in range(len(self.source)) if i not in paired_source]
        self.unmatched_target = [j for j in range(len(self.target)) if j not in paired_target]

    @cached_property
    def dateline(self) -> Dateline | None:
        """The English dateline opening the story, if any."""
        return parse_english_dateline(self.source[0]) if self.source else None

    def in_dateline(self, pair: Pair, start: int) -> bool:
        """True for a position of the English text inside its dateline («LONDON, Nov 29 (Reuters) -»)."""
        return pair.source_index == 0 and self.dateline is not None and start < self.dateline.end

    @cached_property
    def target_dateline(self) -> Dateline | None:
        return parse_arabic_dateline(self.target[0]) if self.target else None

    def in_target_dateline(self, pair: Pair, start: int) -> bool:
        """True inside the Arabic dateline when the English has one: «لندن، 29 نوفمبر (رويترز) —» may keep the date."""
        return (
            pair.index == 0
            and self.dateline is not None
            and self.target_dateline is not None
            and start < self.target_dateline.end
        )

    @cached_property
    def source_words(self) -> frozenset[str]:
        return frozenset(w.lower() for s in self.source for w in _LATIN_WORD.findall(s))
