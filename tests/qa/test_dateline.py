"""Reading English and Arabic datelines back (khabar.arabic.dateline)."""

import pytest

from khabar.arabic.dateline import format_dateline, parse_arabic_dateline, parse_english_dateline


@pytest.mark.parametrize(
    ("text", "place", "credit"),
    [
        ("MOSCOW (AP) — Russia's upper house", "MOSCOW", "AP"),
        ("KYIV, Ukraine (AP) — Ukraine said", "KYIV, Ukraine", "AP"),
        ("LONDON, Nov 29 (Reuters) - Britain", "LONDON", "Reuters"),
        ("Paris (AFP) - France", "Paris", "AFP"),
        ("UNITED NATIONS (AP) — The", "UNITED NATIONS", "AP"),
    ],
)
def test_english(text, place, credit):
    dateline = parse_english_dateline(text)
    assert (dateline.place, dateline.credit) == (place, credit)


@pytest.mark.parametrize("text", ["The president (R) said — no", "Russia's upper house ratified", ""])
def test_english_none(text):
    assert parse_english_dateline(text) is None


def test_arabic_round_trip():
    text = format_dateline("موسكو", "أ.ب") + " صادق مجلس الاتحاد"
    dateline = parse_arabic_dateline(text)
    assert (dateline.place, dateline.credit) == ("موسكو", "أ.ب")


@pytest.mark.parametrize(
    "text", ["MOSCOW (AP) — صادق", "صادق مجلس الاتحاد (البرلمان) على المعاهدة", "موسكو — صادق"]
)
def test_arabic_none(text):
    assert parse_arabic_dateline(text) is None
