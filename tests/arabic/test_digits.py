"""Western, Arabic-Indic and Persian digits (khabar.arabic.digits)."""

from khabar.arabic.digits import ARABIC_INDIC, PERSIAN, WESTERN, localise, to_arabic_indic, to_western


def test_every_style_reads_back_as_western():
    assert to_western(ARABIC_INDIC) == to_western(PERSIAN) == WESTERN
    assert to_western("عام ٢٠٢٦ و۱۴۰۵") == "عام 2026 و1405"


def test_western_and_persian_become_arabic_indic():
    assert to_arabic_indic(WESTERN) == to_arabic_indic(PERSIAN) == ARABIC_INDIC
    assert to_arabic_indic("الساعة 14:05") == "الساعة ١٤:٠٥"


def test_only_digits_change():
    text = "Putin, بوتين — 3.5% ؛"
    assert to_western(text) == text
    assert to_arabic_indic(text).replace("٣", "3").replace("٥", "5") == text


def test_localise_picks_the_style_and_defaults_to_western():
    assert localise("٢٠٢٦", "western") == "2026"
    assert localise("2026", "arabic-indic") == "٢٠٢٦"
    assert localise("٢٠٢٦", "anything else") == "2026"
