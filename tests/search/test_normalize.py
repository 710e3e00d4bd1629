"""Every rule of khabar.arabic.normalize, one test each."""

import pytest

from khabar.arabic.normalize import normalize


def test_nfkc_turns_presentation_forms_into_letters():
    assert normalize("ﻻ") == "لا"
    assert normalize("ﷲ") == "الله"


@pytest.mark.parametrize("marked", ["مُعاهَدة", "مُعَاهَدَةٌ", "مُعاهّدة", "مْعاهدة"])
def test_harakat_are_removed(marked):
    assert normalize(marked) == normalize("معاهدة")


def test_superscript_alef_and_quranic_marks_are_removed():
    assert normalize("هٰذا") == "هذا"
    assert normalize("الرحمٰن ۖ") == "الرحمن"


def test_tatweel_is_removed():
    assert normalize("الاتحـــاد") == "الاتحاد"


@pytest.mark.parametrize(
    "char",
    ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202b", "\u2067", "\u061c", "\ufeff", "\u00ad"],
)
def test_invisible_and_bidi_controls_are_removed(char):
    assert normalize(f"مدر{char}سة") == normalize("مدرسة")


@pytest.mark.parametrize("alef", ["آ", "أ", "إ", "ٱ"])
def test_alef_forms_fold_to_bare_alef(alef):
    assert normalize(f"{alef}سيا") == "اسيا"


def test_alef_maksura_folds_to_ya():
    assert normalize("مستشفى") == normalize("مستشفي") == "مستشفي"


def test_ta_marbuta_folds_to_ha():
    assert normalize("مدرسة") == normalize("مدرسه") == "مدرسه"


def test_waw_hamza_folds_to_waw_and_absorbs_a_neighbouring_waw():
    assert normalize("مؤتمر") == normalize("موتمر") == "موتمر"
    assert normalize("مسؤول") == normalize("مسول") == "مسول"
    assert normalize("شؤون") == normalize("شون")


def test_ya_hamza_folds_to_ya_and_absorbs_a_neighbouring_ya():
    assert normalize("سيئول") == normalize("سيول") == "سيول"
    assert normalize("رئيس") == normalize("ريس") == "ريس"
    assert normalize("لاجئ") == "لاجي"


def test_ya_hamza_before_waw_is_the_egyptian_spelling_of_waw_hamza():
    assert normalize("مسئول") == normalize("مسؤول")
    assert normalize("شئون") == normalize("شؤون")


def test_hamza_folds_keep_unrelated_words_apart():
    assert normalize("مؤمن") != normalize("ممن")
    assert normalize("سائق") != normalize("سق")


@pytest.mark.parametrize("digits", ["٢٠٢٦", "۲۰۲۶", "2026"])
def test_arabic_indic_and_persian_digits_become_western(digits):
    assert normalize(digits) == "2026"


def test_latin_is_lower_cased_and_whitespace_collapsed():
    assert normalize("  NATO \n  قمة\t ") == "nato قمه"


def test_every_fold_at_once():
    assert normalize("إِسْرَائِيلُ ﻻ تـــؤيّد ٣") == "اسرايل لا تويد 3"
