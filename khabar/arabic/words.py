"""Arabic words in running text, and the clitics a word can carry in front.

A name or number in Arabic copy often comes glued to «و» (and), «ف» (so), «ب»
(with), «ك» (like), «ل» (for) and the article «ال»: «وبوتين», «لبوتين»,
«بالكرملين», «للكرملين». ``bases`` lists what a word can be without them.
"""

import re
from functools import lru_cache
from itertools import accumulate

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


def with_clitics(forms) -> frozenset[str]:
    """``forms`` (normalised) with every one-letter clitic in front, and «لل» for «ل» + «ال»."""
    found = set(forms)
    for form in forms:
        found.update(p + form for p in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل"))
        if form.startswith("ال"):
            found.update(p + form[1:] for p in ("ل", "ول", "فل"))
    return frozenset(found)


@lru_cache(maxsize=100_000)
def bases(word: str) -> frozenset[str]:
    """``word`` (normalised) and every reading of it without leading clitics."""
    found = {word}
    stems = [word]
    if word[:1] in ("و", "ف") and len(word) > 3:
        stems.append(word[1:])
    for stem in list(stems):
        if stem[:1] in ("ب", "ك", "ل") and len(stem) > 3:
            stems.append(stem[1:])
            if stem.startswith("لل"):
                stems.append("ا" + stem[1:])  # «للكرملين» → ل + الكرملين
    for stem in stems:
        found.add(stem)
        if stem.startswith("ال") and len(stem) > 4:
            found.add(stem[2:])
    return frozenset(found)


def _article_prefixes() -> tuple[str, ...]:
    """The article «ال» with what can come before it: «و»/«ف», then «ب»/«ك»/«ل»; after «ل» the
    article's alef drops («ل» + «الرئيس» = «للرئيس»). Longest first."""
    found = {
        conjunction + preposition + ("ل" if preposition == "ل" else "ال")
        for conjunction in ("", "و", "ف")
        for preposition in ("", "ب", "ك", "ل")
    }
    return tuple(sorted(found, key=len, reverse=True))


ARTICLE_PREFIXES = _article_prefixes()

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
