"""Numbers read as values from English and Arabic copy (khabar.arabic.numbers)."""

import random
import re

import pytest

from khabar.arabic.number_words import _AR_WORDS, _EN_WORDS
from khabar.arabic.numbers import (
    _DIGITS,
    _LIGHT_FOLD,
    _fold_digits,
    _tokens,
    find_numbers,
)
from khabar.arabic.words import WORD


def values(text, lang, soft=False):
    return [n.value for n in find_numbers(text, lang) if soft or not n.soft]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 1,500 troops", [1500]),
        ("2.5 million people", [2.5e6]),
        ("ten thousand protesters", [10000]),
        ("two hundred and fifty thousand", [250000]),
        ("$1.5 billion", [1.5e9]),
        ("between 10 and 12 people", [10, 12]),
        ("from 10 to 12", [10, 12]),
        ("half a million refugees", [500000]),
        ("a thousand people", [1000]),
        ("one million two hundred thousand", [1.2e6]),
        ("twenty-five", [25]),
        ("forty two", [42]),
        ("50 percent", [50]),
        ("50 per cent", [50]),
        ("3.5%", [3.5]),
        ("2 million", [2e6]),
        ("a 7.1 magnitude quake", [7.1]),
        ("5 mln barrels", [5e6]),
        ("in 2026, up from 2025", [2026, 2025]),
        ("thousands of people", []),
        ("hundreds of thousands", []),
        ("one of the men", []),
        ("two soldiers", []),
        ("the 1990s", []),
        ("the 21st century", []),
        ("at 10 a.m. local time", []),
        ("at 3:30 p.m.", []),
        ("the G7 summit", []),
        ("voted 168-0", [168]),
    ],
)
def test_english(text, expected):
    assert values(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل ١٬٥٠٠ جندي", [1500]),
        ("قتل 1,500 جندي", [1500]),
        ("بلغ النمو ٢٫٥ في المئة", [2.5]),
        ("عشرة آلاف متظاهر", [10000]),
        ("عشرة الاف متظاهر", [10000]),
        ("مئتين وخمسين ألفا", [250000]),
        ("مئتان وخمسون ألفاً", [250000]),
        ("مليار و200 مليون دولار", [1.2e9]),
        ("بين 10 و12 شخصا", [10, 12]),
        ("نصف مليون لاجئ", [500000]),
        ("ألف شخص", [1000]),
        ("ألفين", [2000]),
        ("ألفا جندي", [2000]),
        ("عشرين ألفا", [20000]),
        ("مليوني دولار", [2e6]),
        ("مليونا دولار", [2e6]),
        ("ملياري دولار", [2e9]),
        ("50 في المئة", [50]),
        ("50 في المائة", [50]),
        ("50 بالمئة", [50]),
        ("٥٠٪", [50]),
        ("ثلاثمئة", [300]),
        ("ثلاثمائة", [300]),
        ("ثلاث مئة", [300]),
        ("مئتي ألف", [200000]),
        ("خمسة وعشرين", [25]),
        ("خمس وعشرون", [25]),
        ("ثلاثة ملايين وخمسمئة ألف", [3.5e6]),
        ("آلاف الأشخاص", []),
        ("عشرات الآلاف", []),
        ("ملايين الدولارات", []),
        ("أحد عشر لاعبا", [11]),
        ("اثنا عشر شهرا", [12]),
        ("ثلاثة عشر", [13]),
        ("أحد الجنود", []),
        ("10 آلاف و12 ألفا", [10000, 12000]),
        ("مليون ونصف", [1.5e6]),
        ("وخمسين", [50]),
        ("300 ألف", [300000]),
        ("2.5 مليون", [2.5e6]),
        ("5 آلاف", [5000]),
        ("10 ملايين", [1e7]),
        ("1.5 مليار", [1.5e9]),
        ("ألفين وعشرين", [2020]),
        ("بخمسة", [5]),
        ("لثلاثة أيام", [3]),
        ("جنديان", []),
        ("جندي واحد", []),
        ("يوم الاثنين", []),
        ("الساعة 10:30", []),
        ("عام 1446 هـ", []),
        ("الإسلام", []),
        ("سبعة", [7]),
        ("تسعين", [90]),
        ("بمئة", [100]),
    ],
)
def test_arabic(text, expected):
    assert values(text, "ar") == expected


def test_definite_forms_are_soft_but_answer():
    (three,) = find_numbers("الرجال الثلاثة", "ar")
    assert three.soft and three.value == 3


def test_span_and_percent():
    (n,) = find_numbers("ارتفع بنسبة 50 في المئة أمس", "ar")
    assert n.percent and n.text == "50 في المئة"
    assert "ارتفع بنسبة 50 في المئة أمس"[n.start : n.end] == n.text


def test_ambiguous_separators_keep_both_readings():
    (n,) = find_numbers("2.500", "ar")
    assert set(n.values) == {2.5, 2500}
    (m,) = find_numbers("a $5m deal", "en")
    assert 5e6 in m.values


# Spellings a reader meets for one letter: hamza seats, «ى» for «ي», «ة» for «ه».
_SPELLINGS = {"ا": "اأإآٱ", "ي": "يىئ", "ه": "هة", "و": "وؤ"}


def _words_one_by_one(text, lang):
    """The number words of ``text`` found the slow way: every word cut out and looked up."""
    if lang == "en":
        return [
            (m.start(), m.group()) for m in re.finditer("[A-Za-z]+", text) if m.group().lower() in _EN_WORDS
        ]
    return [
        (m.start(), m.group().translate(_LIGHT_FOLD))
        for m in WORD.finditer(text)
        if m.group().translate(_LIGHT_FOLD) in _AR_WORDS
    ]


@pytest.mark.parametrize("seed", range(3))
def test_one_pass_token_pattern_finds_what_a_word_by_word_lookup_finds(seed):
    # The tokens come from one regular expression built from the word tables; whatever
    # the spelling (hamza seats, «ى», «ة», prefixes, case), it must find exactly the words
    # that looking each word up finds, and every digit.
    rng = random.Random(seed)
    arabic = [
        *sorted(_AR_WORDS),
        "ألفين",
        "إحدى",
        "مائتي",
        "ثمانى",
        "والآلاف",
        "الإثنين",
        "مؤتمر",
        "شخصا",
        "في",
        "،",
        "(أ.ب)",
    ]
    english = [*sorted(_EN_WORDS), "Two", "THOUSAND", "Hundreds", "another", "people", "said", "a.m."]
    gaps = [" ", " ", "  ", "\n", "-", "، ", ". ", "", "5 ", " 12 ", " 3.5 ", " 10:30 "]
    for _ in range(300):
        for lang, vocabulary in (("ar", arabic), ("en", english)):
            text = "".join(
                "".join(rng.choice(_SPELLINGS.get(c, c)) for c in rng.choice(vocabulary)) + rng.choice(gaps)
                for _ in range(rng.randint(1, 12))
            )
            tokens = _tokens(text, _fold_digits(text), lang)
            words = [(t.start, t.text) for t in tokens if t.kind == "word"]
            assert words == _words_one_by_one(text, lang), text
            digits = [(t.start, t.end) for t in tokens if t.kind != "word"]
            assert digits == [m.span() for m in _DIGITS.finditer(_fold_digits(text))], text
