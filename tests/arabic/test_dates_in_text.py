"""Month and weekday names found in English and Arabic copy (khabar.arabic.dates_in_text)."""

import pytest

from khabar.arabic.dates_in_text import (
    find_arabic_months,
    find_arabic_weekdays,
    find_english_months,
    find_english_weekdays,
)


def months(text):
    return [n.index for n in find_arabic_months(text)]


def weekdays(text):
    return [n.index for n in find_arabic_weekdays(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("في 29 كانون الثاني 2026", [1]),
        ("في 29 يناير 2026", [1]),
        ("في كانون الثاني/يناير", [1, 1]),
        ("وفي تشرين الأول", [10]),
        ("في أيار الماضي", [5]),
        ("في مارس الماضي", [3]),
        ("مارس الضغط على الحكومة", []),
        ("منذ آب الماضي", [8]),
        ("قال أب الضحية", []),
        ("سيارات نيسان", []),
        ("في نيسان/أبريل", [4, 4]),
        ("في إبريل", [4]),
        ("بحلول ديسمبر", [12]),
        ("في جوان", [6]),
    ],
)
def test_arabic_months(text, expected):
    assert months(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("يوم الاثنين", [0]),
        ("يوم الإثنين", [0]),
        ("والإثنين", [0]),
        ("الثلاثاء والأربعاء", [1, 2]),
        ("للأحد", [6]),
        ("وبالخميس", [3]),
        ("صلاة الجمعة", [4]),
        ("السبت", [5]),
        ("الأحد عشر لاعبا", []),
        ("كلا الاثنين", []),
        ("أحد الجنود", []),
    ],
)
def test_arabic_weekdays(text, expected):
    assert weekdays(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov. 29, 2026", [11]),
        ("LONDON, Nov 29 (Reuters)", [11]),
        ("Sept. 11", [9]),
        ("in May", [5]),
        ("May 5", [5]),
        ("mid-May", [5]),
        ("He may go", []),
        ("May God help us", []),
        ("Theresa May said", []),
        ("March on Washington", []),
        ("last March", [3]),
        ("January and February", [1, 2]),
    ],
)
def test_english_months(text, expected):
    assert [n.index for n in find_english_months(text)] == expected


def test_english_weekdays():
    assert [n.index for n in find_english_weekdays("on Monday and on Sundays")] == [0, 6]
