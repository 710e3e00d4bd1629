"""The words numbers are written with (khabar.arabic.number_words), normalised as the reader looks them up."""

from khabar.arabic.normalize import normalize
from khabar.arabic.number_words import (
    _AR_ENTRIES,
    _AR_NUMS,
    _AR_SCALES,
    _AR_WORDS,
    _EN_SCALES,
    _EN_TENS,
    _EN_UNITS,
    DUAL,
    ONE,
    ONE_OR_DUAL,
    PLURAL,
)
from khabar.arabic.words import CLITICS


def test_english_units_tens_and_scales():
    assert (_EN_UNITS["zero"], _EN_UNITS["nineteen"], _EN_TENS["twenty"], _EN_TENS["ninety"]) == (
        0,
        19,
        20,
        90,
    )
    assert _EN_SCALES["million"] == _EN_SCALES["mln"] == 1e6 and _EN_SCALES["dozen"] == 12


def test_arabic_forms_are_normalised_with_both_genders_and_cases():
    for written, value in (
        ("ثلاثة", 3),
        ("ثلاث", 3),
        ("أربعون", 40),
        ("أربعين", 40),
        ("مائتين", 200),
        ("تسعمئة", 900),
    ):
        assert _AR_NUMS[normalize(written)] == value, written
    assert all(form == normalize(form) for form in _AR_ENTRIES)


def test_scale_words_carry_their_grammatical_number():
    assert _AR_SCALES[normalize("ألف")] == (1e3, ONE)
    assert _AR_SCALES[normalize("ألفين")] == (1e3, DUAL)
    assert _AR_SCALES[normalize("آلاف")] == (1e3, PLURAL)
    assert _AR_SCALES[normalize("مليونا")] == (1e6, ONE_OR_DUAL)


def test_the_vocabulary_holds_every_form_behind_every_clitic():
    five = normalize("خمسة")
    assert five in _AR_WORDS and all(clitics.text + five in _AR_WORDS for clitics in CLITICS)
