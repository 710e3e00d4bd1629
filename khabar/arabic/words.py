"""Arabic words in running text, and the clitics a word can carry in front.

A name or number in Arabic copy often comes glued to «و» (and), «ف» (so), «ب»
(with), «ك» (like), «ل» (for) and the article «ال»: «وبوتين», «لبوتين»,
«بالكرملين», «للكرملين». ``bases`` lists what a word can be without them.
"""

import re
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from .normalize import normalize

LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
MARKS = "\u064b-\u065f\u0670\u0640"
WORD_PATTERN = f"[{LETTERS}][{LETTERS}{MARKS}]*"
WORD = re.compile(WORD_PATTERN)


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """``normalize`` for one word, remembered: copy repeats its words, and checks read every one."""
    return normalize(word)


# Splitting on the words gives them alternating with what lies between them, so that their
# offsets are running sums of lengths: no match object per word, no Python loop.
_SPLIT_WORDS = re.compile(f"({WORD_PATTERN})")


@lru_cache(maxsize=1024)
def words(text: str) -> tuple[tuple[str, int, int], ...]:
    """(normalised word, start, end) for every Arabic word in ``text``."""
    parts = _SPLIT_WORDS.split(text)
    offsets = list(accumulate(map(len, parts)))
    return tuple(zip(map(fold, parts[1::2]), offsets[0:-1:2], offsets[1::2], strict=True))


@lru_cache(maxsize=1024)
def word_set(text: str) -> frozenset[str]:
    """The distinct normalised Arabic words of ``text``, for a quick «is any of these here?»."""
    return frozenset(w for w, _, _ in words(text))


CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")


class Clitics(NamedTuple):
    """What can come in front of a word, as written: a conjunction, then a preposition, then the article
    (after «ل» the article's alef drops: «ل» + «الرئيس» = «للرئيس»)."""

    text: str
    conjunction: str
    preposition: str
    article: bool


def _clitics() -> tuple[Clitics, ...]:
    found = [
        Clitics(conjunction + preposition + (("ل" if preposition == "ل" else "ال") if article else ""),
                conjunction, preposition, article)
        for conjunction in ("", *CONJUNCTIONS)
        for preposition in ("", *PREPOSITIONS)
        for article in (False, True)
    ]  # fmt: skip
    return tuple(sorted((c for c in found if c.text), key=lambda c: len(c.text), reverse=True))


# Every combination of leading clitics, longest first; ARTICLE_PREFIXES are those that end in the article.
CLITICS = _clitics()
ARTICLE_PREFIXES = tuple(c.text for c in CLITICS if c.article)
_BEFORE_WORD = tuple(c for c in CLITICS if not c.article)


def with_clitics(forms) -> frozenset[str]:
    """``forms`` (normalised) with every conjunction and preposition in front, and «لل» for «ل» + «ال»."""
    found = set(forms)
    for form in forms:
        found.update(c.text + form for c in _BEFORE_WORD)
        if form.startswith("ال"):
            found.update(c.text + form[1:] for c in _BEFORE_WORD if c.preposition == "ل")
    return frozenset(found)


@lru_cache(maxsize=100_000)
def readings(word: str, min_rest: int = 1, article: bool = False) -> tuple[tuple[str, Clitics | None], ...]:
    """Every way to read ``word`` (normalised) as leading clitics and the word behind them, with at least
    ``min_rest`` letters left: the word itself first (no clitics), then the longest clitics first. The
    article counts as a clitic only when ``article`` is true; otherwise it stays on the word, and a «ل»
    after the preposition «ل» can be the article with its alef dropped: «للكرملين» reads as «ل» +
    «لكرملين» and as «ل» + «الكرملين»."""
    found: list[tuple[str, Clitics | None]] = [(word, None)]
    for clitics in CLITICS if article else _BEFORE_WORD:
        if word.startswith(clitics.text) and len(word) - len(clitics.text) >= min_rest:
            rest = word[len(clitics.text) :]
            found.append((rest, clitics))
            if not article and clitics.preposition == "ل" and rest.startswith("ل"):
                found.append(("ا" + rest, clitics))
    return tuple(found)


def without_clitics(
    word: str, known, min_rest: int = 1, article: bool = False
) -> tuple[str, Clitics | None] | None:
    """The first of ``readings`` of ``word`` that is in ``known``, with its clitics, or None."""
    for reading in readings(word, min_rest, article):
        if reading[0] in known:
            return reading
    return None


@lru_cache(maxsize=100_000)
def bases(word: str) -> frozenset[str]:
    """``word`` (normalised) and every reading of it without leading clitics, the article included."""
    found = {rest for rest, _ in readings(word, 3)}
    return frozenset(found | {rest[2:] for rest in found if rest.startswith("ال") and len(rest) > 4})


# Common news words (normalised) that begin with «ل» themselves. With the article and «ل» in front,
# one of the three lams drops too: «ل» + «اللاجئين» is written «للاجئين», and «ل» + «لبنان» is
# «للبنان», both of which otherwise read as «لل» + «اجئين», «لل» + «بنان».
_LAM_INITIAL = frozenset(
    normalize(
        """
        لاجئ لاجئة لاجئون لاجئين لاجئات لجنة لجنتي لجان لقاء لقاءات لبنان لبناني لبنانية لبنانيون
        لبنانيين ليبيا ليبي ليبية ليبيون ليبيين لندن لحظة لحظات لغة لغات لعبة لعبات ألعاب لاعب لاعبة
        لاعبون لاعبين لائحة لوائح ليلة ليالي لواء ألوية لحم لحوم لون ألوان لقب ألقاب لقاح لقاحات لجوء
        لوبي لوحة لوحات ليرة ليرات لتر لترات لجنتين لؤلؤ لهجة لهجات لقطة لقطات
        """
    ).split()
)


def strip_article(
    word: str, min_rest: int = 2, prefixes: tuple[str, ...] = ARTICLE_PREFIXES, lam_words: bool = True
) -> str:
    """``word`` (normalised) without its article and what precedes it, when ``min_rest`` letters remain:
    «وبالعاصمة» → «عاصمه», «للرئيس» → «رئيس», «للاجئين» → «لاجئين», «اللجنة» → «لجنه».
    ``prefixes`` and ``lam_words=False`` give the published baselines ``bench/stemmers.py`` measures."""
    for prefix in prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= min_rest:
            rest = word[len(prefix) :]
            if lam_words and prefix.endswith("لل") and "ل" + rest in _LAM_INITIAL:
                return "ل" + rest
            return rest
    return word


_NISBA_ENDINGS = ("", "ه", "ين", "ون", "ات")


def nisba(name: str) -> str | None:
    """The adjective stem of a one-word place name (normalised): «تركيا» → «تركي», «إيران» → «ايراني».

    «Turkey's president» is «الرئيس التركي» in good Arabic, so a check looking
    for the place name accepts its adjective too.
    """
    if " " in name or len(name) < 3:
        return None
    stem = name[2:] if name.startswith("ال") and len(name) > 4 else name
    if stem.endswith("يا"):
        return stem[:-1]
    if stem.endswith("ي"):
        return stem  # already an adjective: «الحوثي» → «الحوثيون»
    if stem.endswith(("ا", "ه")):
        return stem[:-1] + "ي"
    return stem + "ي"


def is_nisba_of(word: str, stem: str) -> bool:
    """Whether ``word`` (normalised, clitics allowed) is the adjective built on ``stem``, any gender or number."""
    return any(b.startswith(stem) and b[len(stem) :] in _NISBA_ENDINGS for b in bases(word))
