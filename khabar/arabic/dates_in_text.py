"""Month and weekday names in running text, Arabic and English, for checks that compare a translation with
its source: which month or day each names, and where."""

import re
from functools import lru_cache

from .dates import GREGORIAN_MONTHS, LEVANTINE_MONTHS, WEEKDAYS
from .normalize import normalize, strip_marks
from .words import with_clitics, without_clitics, word_set
from .words import words as _arabic_words

# North African series, also met in pan-Arab copy.
MAGHREB_MONTHS = (
    "جانفي",
    "فيفري",
    "مارس",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class CalendarName:
    """One month or weekday named in a text: ``index`` is 1–12 for months, 0–6 (Monday first) for weekdays."""

    __slots__ = ("index", "start", "end", "text")

    def __init__(self, index: int, start: int, end: int, text: str):
        self.index, self.start, self.end, self.text = index, start, end, text

    def __repr__(self):
        return f"CalendarName({self.index}, {self.start}, {self.end}, {self.text!r})"


_DIGIT = re.compile(r"[0-9٠-٩]")


def _month_table() -> dict[tuple[str, ...], int]:
    table = {}
    for series in (GREGORIAN_MONTHS, LEVANTINE_MONTHS, MAGHREB_MONTHS):
        for i, name in enumerate(series, start=1):
            if name != "ماي":  # also the Maghrebi «May», but too often something else
                table[tuple(normalize(name).split())] = i
    for variant, i in (("إبريل", 4), ("ابريل", 4), ("اغسطس", 8), ("آغسطس", 8), ("يوليه", 7), ("يونيه", 6)):
        table[tuple(normalize(variant).split())] = i
    return table


_AR_MONTHS = _month_table()
_AR_MONTH_FIRST_OF_TWO = {k[0] for k in _AR_MONTHS if len(k) == 2}
_AR_MONTH_ONE_WORD = {k[0] for k in _AR_MONTHS if len(k) == 1}
# «مارس» is also the verb «practised», «نيسان» the carmaker, «آب» the word for father
# without its madda: these count only beside a day, a year or a time word.
_AR_AMBIGUOUS_MONTHS = {normalize("مارس"), normalize("آب"), normalize("نيسان")}
_AR_MONTH_CONTEXT = {
    normalize(w)
    for w in (
        "شهر",
        "في",
        "منذ",
        "حتى",
        "مطلع",
        "أوائل",
        "أواخر",
        "منتصف",
        "نهاية",
        "بداية",
        "خلال",
        "وحتى",
        "أو",
    )
}
_AR_WEEKDAYS = {normalize(name): i for i, name in enumerate(WEEKDAYS)}
_AB, _SUNDAY, _MONDAY, _BOTH = normalize("آب"), normalize("الأحد"), normalize("الاثنين"), normalize("كلا")
_TEN = frozenset({normalize("عشر"), normalize("عشرة")})
# Every spelling a month or weekday word can take with clitics, to skip texts that name none.
_AR_MONTH_FORMS = with_clitics(_AR_MONTH_ONE_WORD | _AR_MONTH_FIRST_OF_TWO)
_AR_WEEKDAY_FORMS = with_clitics(_AR_WEEKDAYS)


@lru_cache(maxsize=100_000)
def _month_word(word: str) -> str | None:
    return _strip_prefix(word, _AR_MONTH_ONE_WORD)


@lru_cache(maxsize=100_000)
def _month_first_word(word: str) -> str | None:
    return _strip_prefix(word, _AR_MONTH_FIRST_OF_TWO)


@lru_cache(maxsize=100_000)
def _weekday_word(word: str) -> str | None:
    return _strip_prefix(word, _AR_WEEKDAYS)


def _strip_prefix(word: str, table) -> str | None:
    found = without_clitics(word, table)
    return found and found[0]


def find_arabic_months(text: str) -> list[CalendarName]:
    if word_set(text).isdisjoint(_AR_MONTH_FORMS):
        return []
    words = _arabic_words(text)
    found = []
    i = 0
    while i < len(words):
        word, start, end = words[i]
        if i + 1 < len(words):
            two = (_month_first_word(word) or "", words[i + 1][0])
            if two in _AR_MONTHS:
                found.append(
                    CalendarName(_AR_MONTHS[two], start, words[i + 1][2], text[start : words[i + 1][2]])
                )
                i += 2
                continue
        name = _month_word(word)
        if name is not None and _arabic_month_stands(text, words, i, name):
            found.append(CalendarName(_AR_MONTHS[(name,)], start, end, text[start:end]))
        i += 1
    return found


def _arabic_month_stands(text: str, words, i: int, name: str) -> bool:
    if name not in _AR_AMBIGUOUS_MONTHS:
        return True
    start, end = words[i][1], words[i][2]
    if name == _AB and "آب" not in strip_marks(text[start:end]):
        return False
    before, after = text[max(0, start - 4) : start], text[end : end + 4]
    if _DIGIT.search(before) or _DIGIT.search(after) or "(" in after or ")" in before:
        return True
    return i > 0 and words[i - 1][0] in _AR_MONTH_CONTEXT and words[i - 1][2] >= start - 2


def find_arabic_weekdays(text: str) -> list[CalendarName]:
    if word_set(text).isdisjoint(_AR_WEEKDAY_FORMS):
        return []
    words = _arabic_words(text)
    found = []
    for i, (word, start, end) in enumerate(words):
        name = _weekday_word(word)
        if name is None:
            continue
        following = words[i + 1][0] if i + 1 < len(words) else ""
        previous = words[i - 1][0] if i else ""
        if name == _SUNDAY and following in _TEN:
            continue  # «الأحد عشر»: the eleven
        if name == _MONDAY and previous == _BOTH:
            continue  # «كلا الاثنين»: both
        found.append(CalendarName(_AR_WEEKDAYS[name], start, end, text[start:end]))
    return found


_EN_MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def _by_first_letter(alternatives) -> str:
    """``alternatives`` (a list of (word, pattern after its first letter)) as one pattern that opens
    with a literal letter in every branch, so that ``re`` skips ahead to those letters instead of
    trying each position; the word boundary before the letter is checked once it has matched."""
    branches = {}
    for word, rest in alternatives:
        branches.setdefault(word[0], []).append(rest)
    return "|".join(rf"{first}(?<!\w.)(?:{'|'.join(rests)})" for first, rests in branches.items())


# A month in full, or abbreviated with an optional dot: «January», «Jan.», «Sept».
_EN_MONTH = re.compile(
    "(?:"
    + _by_first_letter(
        [(name, name[1:]) for name in ENGLISH_MONTHS]
        + [(abbr, rf"{abbr[1:]}\.?") for abbr in _EN_MONTH_ABBREVIATIONS]
    )
    + ")(?![A-Za-z])"
)
# Not the newspapers: «The Sunday Times», «The Sunday Telegraph».
_EN_WEEKDAY = re.compile(
    f"({_by_first_letter((name, name[1:]) for name in ENGLISH_WEEKDAYS)})s?\\b"
    r"(?!\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Independent|Age)\b)"
)
_EN_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|through|last|next|this|early|late|during|before|after|on)\s+|mid-)$",
    re.I,
)
_EN_ABBR = {"Sept": 9, "Sep": 9}
_EN_NAMED_DATES = re.compile(r"9(?<![\d/]9)/11(?![\d/])")  # «9» first: re skips ahead to it


def find_english_months(text: str) -> list[CalendarName]:
    found = []
    for m in _EN_MONTH.finditer(text):
        after = text[m.end() : m.end() + 3]
        next_is_digit = bool(re.match(r"\s*\d", after))
        name = m.group()
        dot = name.endswith(".")
        if dot:
            name = name[:-1]
        if name in ENGLISH_MONTHS:
            index = ENGLISH_MONTHS.index(name) + 1
            if name in ("May", "March") and not next_is_digit:
                if not (
                    _EN_MONTH_CONTEXT.search(text[max(0, m.start() - 12) : m.start()])
                    or re.search(r"\d\s*$", text[: m.start()])
                ):
                    continue  # «May» the verb, «March» the walk
        else:
            if not (dot or next_is_digit):
                continue
            index = _EN_ABBR.get(name) or next(
                i for i, full in enumerate(ENGLISH_MONTHS, 1) if full.startswith(name)
            )
        found.append(CalendarName(index, m.start(), m.end(), m.group()))
    # Dates that English copy uses as names; Arabic names the month: «هجمات 11 سبتمبر».
    found.extend(CalendarName(9, m.start(), m.end(), m.group()) for m in _EN_NAMED_DATES.finditer(text))
    return found


def find_english_weekdays(text: str) -> list[CalendarName]:
    return [
        CalendarName(ENGLISH_WEEKDAYS.index(m.group(1)), m.start(), m.end(), m.group())
        for m in _EN_WEEKDAY.finditer(text)
    ]
