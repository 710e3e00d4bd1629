"""Numbers in English and Arabic copy, read as values: digits and words alike.

``find_numbers(text, "en")`` and ``find_numbers(text, "ar")`` return every
number a reader would see, with its value and where it stands:

* digits in any style: «1,500», «١٬٥٠٠», «2.5», «٢٫٥», «300» … («٬» and «٫» are
  the Arabic thousands and decimal separators);
* English words and scales: «ten thousand», «two hundred and fifty», «2 million»,
  «1.5bn», «half a million»;
* Arabic words with their gender, case, dual and plural forms and attached
  prefixes: «خمسة وعشرون», «ثلاثمئة», «مئتين», «ألفين», «عشرة آلاف», «مليوني»,
  «وخمسين», «300 ألف», «مليار و200 مليون», «مليون ونصف» (the words are in ``number_words``).

Each ``Number`` carries every value its spelling can mean (``values``): «2.500»
is 2.5 in most copy and 2,500 in some; «5m» is five million or five metres. A
``soft`` number may stand for a value the other language writes differently or
not at all («one», «two» and the Arabic dual, «the 1990s», «21st», «10 a.m.»,
«الثلاثة», «G7»): it can answer a number in the other text but is never
required to have an answer itself.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .number_words import (
    _AR_AND,
    _AR_ENTRIES,
    _AR_HALF,
    _AR_HUNDRED_WORDS,
    _AR_NUMS,
    _AR_ORDINALS,
    _AR_SCALES,
    _AR_SOFT_VALUES,
    _AR_TEEN_HEADS,
    _AR_TEN,
    _AR_WORDS,
    _EN_SCALES,
    _EN_SUFFIX_SCALES,
    _EN_TENS,
    _EN_UNITS,
    _EN_WORDS,
    DUAL,
    ONE,
    ONE_OR_DUAL,
    PLURAL,
)
from .words import MARKS, fold, without_clitics, words

# Length-preserving fold, so spans found in the folded text hold for the original.
_FOLD = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫٪", "01234567890123456789,.%")

_DIGITS = re.compile(r"(?P<time>\d{1,2}:\d{2})(?!\d)|(?P<num>\d+(?:[.,]\d+)*)(?P<suffix>'?[A-Za-z]+)?")
_NEEDS_FOLD = re.compile("[٠-٩۰-۹٬٫٪]")


def _fold_digits(text: str) -> str:
    return text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text


_DIGIT_RUN = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_DECIMAL = re.compile(r"\d+[.,]\d+")


@dataclass(frozen=True, slots=True)
class Number:
    values: tuple[float, ...]
    start: int
    end: int
    text: str
    soft: bool = False
    percent: bool = False
    # Its values to nine significant digits, for comparing many numbers by set.
    keys: frozenset[float] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "keys", frozenset(map(value_key, self.values)))

    @property
    def value(self) -> float:
        return self.values[0]

    def equals(self, other: "Number") -> bool:
        return any(same_value(a, b) for a in self.values for b in other.values)


def value_key(value: float) -> float:
    if type(value) is float and value.is_integer() and -1e9 < value < 1e9:
        return value  # nine digits or fewer: already exact
    return float(f"{value:.9g}")


def _number(values, start, end, text, soft, percent) -> Number:
    """``Number(...)`` without the dataclass ``__init__``'s cost, set through its slots as a frozen dataclass's ``__init__`` cannot."""
    number = object.__new__(Number)
    _set_values(number, values)
    _set_start(number, start)
    _set_end(number, end)
    _set_text(number, text)
    _set_soft(number, soft)
    _set_percent(number, percent)
    _set_keys(number, frozenset(map(value_key, values)))
    return number


_set_values, _set_start, _set_end, _set_text, _set_soft, _set_percent, _set_keys = (
    Number.__dict__[name].__set__ for name in ("values", "start", "end", "text", "soft", "percent", "keys")
)


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


# ---------------------------------------------------------------------------
# Atoms: the pieces a number is built from, whatever the language.

NUM, HUNDRED, SCALE, AND, HALF, ARTICLE = "num", "hundred", "scale", "and", "half", "article"


@dataclass(slots=True)
class _Atom:
    kind: str
    value: float = 0.0
    start: int = 0
    end: int = 0
    form: str = ONE
    digits: bool = False
    soft: bool = False
    values: tuple[float, ...] = ()


# Hamza seats, «ى» and «ة» folded letter for letter.
_LIGHT_FOLD = str.maketrans("آأإٱىةؤئ", "اااايهوي")
_HAS_MARKS = re.compile(f"[{MARKS}]")


def _alternation(vocabulary, letter) -> str:
    """A pattern for exactly ``vocabulary``, shaped as a trie: a word that is not one fails on its first letters."""
    trie: dict = {}
    for word in vocabulary:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node) -> str:
        branches = [letter(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def _token_pattern(letters: str, number_word: str) -> re.Pattern:
    """Every token of a text in one pass of ``finditer``.

    Each match steps over what comes before its token, a word and the gap after it at
    a time (possessively: no backtracking), trying the number words only where a word
    begins; then it takes the token. The last match is empty, at the end of the text.
    A number word must be a whole word: the letters around it decide, as for ``WORD``.
    """
    word = f"(?:{number_word})(?![{letters}])"
    gap = rf"[^{letters}\d]*+"
    return re.compile(
        rf"{gap}(?:(?!{word})[{letters}]++{gap})*+"
        rf"(?:(?P<time>\d{{1,2}}:\d{{2}})(?!\d)|(?P<num>\d+(?:[.,]\d+)*)(?P<suffix>'?[A-Za-z]+)?"
        rf"|(?P<word>(?<![{letters}]){word})|\Z)"
    )


_EN_TOKENS = _token_pattern("A-Za-z", _alternation(_EN_WORDS, lambda c: f"[{c}{c.upper()}]"))


# What may follow a number, read with one match at its end: words that make it a
# percentage, or a unit that makes it soft (clock times, imperial measures that Arabic
# copy converts or drops: «1,000 km (620 miles)», Hijri years).
_PERCENT_AFTER = (
    r"\s*(?:%|per\s*cent\b|percent\b|pct\b|(?:في\s+|ب)ال(?:مئة|مائة|مئه|مائه|ميه)(?![\u0621-\u064a]))"
)
_EN_CLOCK_AFTER = r"\s*(?:[ap]\.?\s?m\.?(?![a-z])|o'clock)"
_EN_IMPERIAL_AFTER = (
    r"[\s-]*(?:square\s+)?(?:miles?|mi\b|feet|foot|ft\b|inch(?:es)?|yards?|acres?|gallons?|ounces?|oz\b"
    r"|lbs?\b|mph\b|degrees?\s+Fahrenheit|°?\s?F\b|Fahrenheit)"
)
_AR_HIJRI_AFTER = r"\s*(?:هـ|ه\b|للهجرة)"
_AFTER = {
    "en": re.compile(f"(?P<percent>{_PERCENT_AFTER})|{_EN_CLOCK_AFTER}|{_EN_IMPERIAL_AFTER}", re.I),
    "ar": re.compile(f"(?P<percent>{_PERCENT_AFTER})|{_AR_HIJRI_AFTER}", re.I),
}


@lru_cache(maxsize=100_000)
def _lookup_arabic(word: str):
    """(entry, has_and, definite) for an Arabic word, trying its clitics."""
    found = without_clitics(fold(word), _AR_ENTRIES, min_rest=2, article=True)
    if found is None:
        return None, False, False
    entry, clitics = found
    return (
        entry,
        clitics is not None and clitics.conjunction == _AR_AND,
        clitics is not None and clitics.article,
    )


@lru_cache(maxsize=10_000)
def _digit_values(text: str, lang: str) -> tuple[float, ...] | None:
    if text.isdigit():
        return (float(text),)
    if _GROUPED.fullmatch(text):
        return (float(text.replace(",", "")),)
    if _DOT_GROUPED.fullmatch(text):
        return (float(text.replace(".", "")),)
    if _DECIMAL.fullmatch(text):
        whole, frac = re.split(r"[.,]", text)
        if "," in text and lang == "en":
            return None
        decimal = float(f"{whole}.{frac}")
        if len(frac) == 3:
            return (decimal, float(whole + frac))
        return (decimal,)
    return None


class _Token(NamedTuple):
    start: int
    end: int
    kind: str  # "time", "num" or "word"
    text: str
    suffix: str = ""


@lru_cache(maxsize=10_000)
def _light_fold(word: str) -> str:
    return word.translate(_LIGHT_FOLD)


def _tokens(text: str, folded: str, lang: str) -> list[_Token]:
    """Digits, and the words that can be part of a number; everything else is left out.

    ``folded`` is ``text`` with its digits folded (``_fold_digits``), offsets unchanged.
    """
    if lang == "ar":
        return _arabic_tokens(text, folded)
    tokens = []
    for m in _EN_TOKENS.finditer(folded):
        time, num, suffix, word = m.groups()
        if num:
            tokens.append(_Token(m.start(2), m.end(), "num", num, suffix or ""))
        elif word:
            tokens.append(_Token(m.start(4), m.end(), "word", word))
        elif time:
            tokens.append(_Token(m.start(1), m.end(1), "time", time))
    return tokens


def _arabic_tokens(text: str, folded: str) -> list[_Token]:
    """Arabic number words are looked up among the paragraph's words, which ``words`` finds
    and normalises once for all the checks; digits are found on their own."""
    tokens = _digit_tokens(folded)
    # Harakat or tatweel aside, a word is read with each letter folded on its own (hamza
    # seats, «ى», «ة»): what ``normalize`` gives, unless it merged a «ئ» or «ؤ» into the
    # letter beside it, which shortens the word.
    letter_by_letter = not _HAS_MARKS.search(folded)
    for word, start, end in words(text):
        if letter_by_letter and len(word) != end - start:
            word = _light_fold(text[start:end])
        if word in _AR_WORDS:
            tokens.append(_Token(start, end, "word", word))
    tokens.sort()
    return tokens


_DIGIT = re.compile(r"\d")


def _digit_tokens(folded: str) -> list[_Token]:
    """What ``_DIGITS.finditer`` finds, read from each digit that ``re`` skips ahead to."""
    tokens = []
    at = _DIGIT.search(folded)
    while at:
        m = _DIGITS.match(folded, at.start())
        time, num, suffix = m.groups()
        if time:
            tokens.append(_Token(m.start(), m.end(), "time", time))
        else:
            tokens.append(_Token(m.start(), m.end(), "num", num, suffix or ""))
        at = _DIGIT.search(folded, m.end())
    return tokens


def _digit_readings(token: _Token, text: str, lang: str) -> list[tuple[float, int, int, bool, tuple]]:
    """(value, start, end, soft, values) for each number in a digits token: one, or each part of «1.2.3»."""
    raw, suffix = token.text, token.suffix
    start, end = token.start, token.end
    values = _digit_values(raw, lang)
    if values is None:
        # «1.2.3», «29.11.2026», «1,2»: read each part, require none.
        return [
            (float(p.group()), start + p.start(), start + p.end(), True, ()) for p in _DIGIT_RUN.finditer(raw)
        ]
    value = values[0]
    # Zero answers «168-0» and «صفر» but is never required: «بلا معارضة» says it in words.
    soft = value == 0
    # Digits glued after Latin letters are model names and codes («G7», «MH17»); «9/11»
    # and «24/7» are names too, which Arabic writes its own way.
    if start and text[start - 1].isascii() and text[start - 1].isalpha():
        soft = True
    elif text[start - 1 : start] == "/" or text[end : end + 1] == "/":
        soft = True
    if suffix:
        low = suffix.lower().lstrip("'")
        if low in ("st", "nd", "rd", "th", "s"):
            soft = True  # ordinals («21st») and decades («1990s»)
        elif low in ("am", "pm"):
            soft = True
        elif low in _EN_SUFFIX_SCALES and lang == "en":
            value *= _EN_SUFFIX_SCALES[low]
            values = (value, *values)
    return [(value, start, end, soft, values)]


def _digit_atoms(token: _Token, text: str, lang: str) -> list[_Atom]:
    return [
        _Atom(NUM, value, start, end, digits=True, soft=soft, values=values)
        for value, start, end, soft, values in _digit_readings(token, text, lang)
    ]


def _time_reading(token: _Token) -> tuple[float, int, int, bool, tuple]:
    """«10:30» is read as its hour, soft: «الساعة العاشرة والنصف» may say it in words."""
    return (float(token.text.split(":")[0]), token.start, token.end, True, ())


def _atoms(text: str, tokens: list[_Token], lang: str) -> list[_Atom | None]:
    """A run of joined tokens as atoms; ``None`` marks whatever breaks a number inside it."""
    atoms: list[_Atom | None] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        consumed = 1
        if token.kind == "time":
            value, start, end, soft, _ = _time_reading(token)
            atoms.extend((None, _Atom(NUM, value, start, end, digits=True, soft=soft), None))
        elif token.kind == "num":
            if atoms and atoms[-1] is not None and atoms[-1].digits:
                atoms.append(None)
            atoms.extend(_digit_atoms(token, text, lang))
        elif lang == "en":
            atoms.append(_english_atom(token.text, token.start, token.end))
        else:
            consumed = _arabic_atoms(text, tokens, i, atoms)
        i += consumed
    return atoms


def _joins(text: str, start: int, end: int, lang: str) -> bool:
    """Whether what stands between two tokens lets them form one number: spaces, or «-» in «twenty-five»."""
    between = text[start:end]
    return between.isspace() or (lang == "en" and between == "-")


def _english_atom(word: str, start: int, end: int) -> _Atom | None:
    low = word.lower()
    if low in _EN_UNITS:
        value = _EN_UNITS[low]
        return _Atom(NUM, value, start, end, soft=value in (0, 1, 2))
    if low in _EN_TENS:
        return _Atom(NUM, _EN_TENS[low], start, end)
    if low == "hundred":
        return _Atom(HUNDRED, 100, start, end)
    if low in _EN_SCALES:
        return _Atom(SCALE, _EN_SCALES[low], start, end, form=ONE, soft=low == "dozen")
    if low == "and":
        return _Atom(AND, start=start, end=end)
    if low in ("a", "an"):
        return _Atom(ARTICLE, start=start, end=end)
    if low == "half":
        return _Atom(HALF, 0.5, start, end)
    if low == "decade":
        return _Atom(NUM, 10, start, end, soft=True)  # «a decade» may be «عشر سنوات»
    return None


def _arabic_atoms(text: str, tokens: list[_Token], i: int, atoms: list) -> int:
    """Append the atoms for Arabic word ``tokens[i]``; return how many tokens it used."""
    m = tokens[i]
    word = m.text
    if fold(word) == _AR_AND:
        atoms.append(_Atom(AND, start=m.start, end=m.end))
        return 1
    entry, has_and, definite = _lookup_arabic(word)
    if entry is None:
        atoms.append(None)
        return 1
    if has_and:
        atoms.append(_Atom(AND, start=m.start, end=m.start + 1))
    # Teens are two words: «أحد عشر», «ثلاثة عشر», «اثنتي عشرة».
    nxt = tokens[i + 1] if i + 1 < len(tokens) and text[m.end : tokens[i + 1].start].isspace() else None
    head = _AR_TEEN_HEADS.get(entry) or (_AR_NUMS.get(entry) if _AR_NUMS.get(entry, 99) < 10 else None)
    if head and nxt is not None and nxt.kind == "word" and fold(nxt.text) in _AR_TEN:
        atoms.append(_Atom(NUM, head + 10, m.start, nxt.end, soft=definite or entry in _AR_ORDINALS))
        return 2
    if entry in _AR_TEEN_HEADS and entry not in _AR_NUMS:
        atoms.append(None)  # «أحد» alone is «one of», not a number
        return 1
    if entry == _AR_HALF:
        atoms.append(_Atom(HALF, 0.5, m.start, m.end))
        return 1
    if entry in _AR_SCALES:
        value, form = _AR_SCALES[entry]
        if definite and form == PLURAL:
            atoms.append(None)  # «الملايين», «الآلاف»: a crowd, not a number
            return 1
        atoms.append(_Atom(SCALE, value, m.start, m.end, form=form, soft=definite))
        return 1
    value = _AR_NUMS[entry]
    if entry in _AR_HUNDRED_WORDS and atoms and atoms[-1] is not None and atoms[-1].kind == NUM:
        prev = atoms[-1]
        if not prev.digits and prev.value < 10:
            atoms.append(_Atom(HUNDRED, 100, m.start, m.end))
            return 1
    soft = definite or value in _AR_SOFT_VALUES or entry in _AR_ORDINALS
    atoms.append(_Atom(NUM, value, m.start, m.end, soft=soft))
    return 1


class _Builder:
    """Adds atoms up into numbers: «ثلاثة ملايين وخمسمئة ألف» → 3,500,000.

    A number is a ``total`` of scaled groups («ثلاثة ملايين» + «خمسمئة ألف»),
    each smaller than the one before, plus a trailing ``group`` below a thousand.
    """

    def __init__(self, lang: str):
        self.lang = lang
        self.found: list[tuple[float, int, int, bool, tuple]] = []
        self._reset()

    def _reset(self):
        self.total = 0.0
        self.total_end = -1
        self.last_scale = float("inf")
        self.group: float | None = None
        self.group_words = False
        self.group_start = -1
        self.start = self.end = -1
        self.pending_and = False
        self.tentative = False  # «a», «half», «نصف»: nothing until a scale follows
        self.soft = True
        self.parts = 0
        self.values: tuple = ()
        # «ألفا», «مليونا», «مليارا» alone: two thousand (dual) or, when more follows
        # («مليارا و200 مليون»), one in the accusative.
        self.either_scale: float | None = None
        self.half_of: float | None = None  # «مليون ونصف» may go on «… مليون»

    def _singular_after_all(self):
        if self.either_scale:
            self.total -= self.either_scale
            self.either_scale = None

    def flush(self):
        if self.start < 0:
            return  # nothing started: every field is as ``_reset`` leaves it
        if not self.tentative and (self.total or self.group is not None):
            value = self.total + (self.group or 0.0)
            values = self.values if self.parts == 1 and self.values else (value,)
            if self.either_scale and self.group is None:
                values = (value, value - self.either_scale)
            self.found.append((value, self.start, self.end, self.soft, values))
        self._reset()

    def _start_group(self, atom: _Atom, value: float, words: bool, soft: bool, tentative: bool = False):
        self.flush()
        self.start = self.group_start = atom.start
        self.end = atom.end
        self.group, self.group_words = value, words
        self.soft, self.tentative = soft, tentative
        self.values = atom.values
        self.parts = 1

    def _extend_group(self, atom: _Atom, value: float, soft: bool):
        self.group = value
        self.end = atom.end
        self.parts += 1
        self.soft = self.soft and soft
        self.tentative = False

    def feed(self, atom: _Atom | None):
        if atom is None:
            if self.start >= 0:
                self.flush()
            return
        kind = atom.kind
        if kind == AND:
            self.pending_and = self.start >= 0
            return
        if kind == ARTICLE:
            if self.tentative and self.group == 0.5:
                self.end = atom.end  # «half a million»
            else:
                self._start_group(atom, 1.0, True, False, tentative=True)
        elif kind == HALF:
            if self.group is None and self.total and self.pending_and:
                self._singular_after_all()
                self.total += self.last_scale / 2  # «مليون ونصف»
                self.end = atom.end
                self.parts += 1
                self.half_of = self.last_scale
                self.pending_and = False
                return
            else:
                self._start_group(atom, 0.5, True, False, tentative=True)
        elif kind == NUM:
            self._feed_num(atom)
        elif kind == HUNDRED:
            if self.group is not None and self.group_words and self.group < 10:
                self._extend_group(atom, self.group * 100, False)
            else:
                self._start_group(atom, 100.0, True, False)
        elif kind == SCALE:
            self._feed_scale(atom)
        self.pending_and = False

    def _feed_num(self, atom: _Atom):
        v, words = atom.value, not atom.digits
        if self.start >= 0 and not self.tentative:
            if self.group is None:
                # After a scale: «مليار و200 مليون», «one million two hundred thousand».
                if (self.pending_and or (self.lang == "en" and words)) and v < self.last_scale:
                    self._singular_after_all()
                    self.group_start = atom.start
                    self.group_words = words
                    self._extend_group(atom, v, atom.soft)
                    self.values = ()
                    return
            elif words and self.group_words:
                g = self.group
                unit_then_ten = (
                    self.lang == "ar"
                    and self.pending_and
                    and 0 < g % 100 < 10
                    and 20 <= v < 100
                    and v % 10 == 0
                )
                after_hundred = (
                    g >= 100 and g % 100 == 0 and v < 100 and (self.pending_and or self.lang == "en")
                )
                ten_then_unit = self.lang == "en" and g % 100 >= 20 and g % 10 == 0 and 0 < v < 10
                if unit_then_ten or after_hundred or ten_then_unit:
                    self._extend_group(atom, g + v, atom.soft)
                    self.values = ()
                    return
        if self.tentative and self.group == 0.5 and self.lang == "ar":
            self.flush()
        self._start_group(atom, v, words, atom.soft)

    def _feed_scale(self, atom: _Atom):
        scale, form = atom.value, atom.form
        if self.half_of == scale and self.group is None and form in (ONE, ONE_OR_DUAL):
            self.end = atom.end  # «مليار ونصف مليار»
            self.half_of = None
            return
        either = form == ONE_OR_DUAL and (self.group is None or self.tentative)
        if form == ONE_OR_DUAL:
            form = DUAL if either else ONE
        if form == PLURAL and (self.group is None or self.tentative):
            self.flush()  # «آلاف الأشخاص», «thousands»: no number
            return
        if form == DUAL or self.group is None:
            multiplier = 2.0 if form == DUAL else 1.0
            joins = self.group is None and self.total and self.pending_and and scale < self.last_scale
            if joins:
                self._singular_after_all()
                self.group_start = atom.start
            elif self.lang == "en" and form != DUAL:
                self.flush()  # «million» with no number before it
                return
            else:
                self._start_group(atom, multiplier, True, atom.soft)
            self.group = multiplier
        if self.tentative and self.group is not None:
            self.tentative = False
            self.soft = atom.soft
        if scale >= self.last_scale:
            # «10 آلاف و12 ألفا»: the second group is a number of its own.
            group, group_start, soft = self.group, self.group_start, self.soft
            self.group = None
            end = self.end
            self.end = self.total_end
            self.flush()
            self.start = self.group_start = group_start
            self.group, self.end, self.soft = group, end, soft
        self.total += self.group * scale
        self.either_scale = scale if either and self.total == 2 * scale else None
        self.half_of = None
        self.group = None
        self.total_end = self.end = atom.end
        self.last_scale = scale
        self.parts += 1
        self.values = ()
        if not atom.soft:
            self.soft = False


# A word that makes no number on its own: a run of just this token is skipped.
_NOTHING_ALONE = {"en": frozenset({"a", "an", "and", "half"}), "ar": frozenset({_AR_AND})}


@lru_cache(maxsize=2048)
def find_numbers(text: str, lang: str) -> tuple[Number, ...]:
    """Every number in ``text`` (``lang`` "en" or "ar") with its values and span.

    Remembered per paragraph: the desk checks the whole story again after each
    edited segment, and only that segment has changed.
    """
    folded = _fold_digits(text)
    tokens = _tokens(text, folded, lang)
    if not tokens:
        return ()
    builder = _Builder(lang)
    found = builder.found
    nothing_alone = _NOTHING_ALONE[lang]
    # Tokens join into one number only across spaces (or «-» in English): the text falls
    # into runs of joined tokens, read one by one. Most runs are digits alone, read directly.
    first = 0
    previous_end = tokens[0].end
    for k in range(1, len(tokens) + 1):
        if k < len(tokens):
            start = tokens[k].start
            joined = start == previous_end or _joins(folded, previous_end, start, lang)
            previous_end = tokens[k].end
            if joined:
                continue
        if k - first == 1:
            token = tokens[first]
            first = k
            kind = token.kind
            if kind == "num":
                found.extend(_digit_readings(token, folded, lang))
            elif kind == "time":
                found.append(_time_reading(token))
            elif token.text.lower() not in nothing_alone:
                for atom in _atoms(folded, [token], lang):
                    builder.feed(atom)
                builder.flush()
            continue
        for atom in _atoms(folded, tokens[first:k], lang):
            builder.feed(atom)
        builder.flush()
        first = k
    numbers: list[Number] = []
    after_number = _AFTER[lang]
    last_end = -1
    for value, start, end, soft, values in found:
        if start < last_end:
            continue  # the «المئة» of «50 في المئة»
        percent = False
        after = after_number.match(folded, end)
        if after:
            if after.group("percent"):
                percent, end = True, after.end()
            else:
                soft = True
        numbers.append(_number(values or (value,), start, end, text[start:end], soft, percent))
        last_end = end
    return tuple(numbers)
