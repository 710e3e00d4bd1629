"""Arabic date formatting (khabar.arabic.dates): Gregorian with Egyptian/Gulf month names, Hijri (Umm al-Qura)."""

import datetime as dt

from khabar.arabic.dates import (
    GREGORIAN_MONTHS,
    HIJRI_MONTHS,
    LEVANTINE_MONTHS,
    WEEKDAYS,
    format_date,
    format_datetime,
    format_hijri,
)


def test_every_calendar_has_twelve_months_and_the_week_seven_days():
    assert len(GREGORIAN_MONTHS) == len(LEVANTINE_MONTHS) == len(HIJRI_MONTHS) == 12
    assert len(WEEKDAYS) == 7 and len(set(WEEKDAYS)) == 7


def test_a_date_reads_day_month_year():
    assert format_date(dt.date(2026, 11, 29)) == "29 نوفمبر 2026"
    assert format_date(dt.date(2026, 1, 3)) == "3 يناير 2026"


def test_the_weekday_opens_the_date_monday_first_as_python_counts():
    assert format_date(dt.date(2026, 11, 29), with_weekday=True) == "الأحد 29 نوفمبر 2026"
    assert format_date(dt.date(2026, 11, 30), with_weekday=True) == "الإثنين 30 نوفمبر 2026"


def test_digits_can_be_arabic_indic():
    assert format_date(dt.date(2026, 11, 29), "arabic-indic") == "٢٩ نوفمبر ٢٠٢٦"


def test_a_datetime_keeps_its_own_time_zone():
    riyadh = dt.timezone(dt.timedelta(hours=3))
    assert format_datetime(dt.datetime(2026, 11, 29, 14, 5, tzinfo=riyadh)) == "29 نوفمبر 2026، 14:05"
    assert (
        format_datetime(dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC), "arabic-indic")
        == "٢٩ نوفمبر ٢٠٢٦، ٠٩:٠٠"
    )


def test_hijri_dates_follow_umm_al_qura():
    assert format_hijri(dt.date(2026, 11, 29)) == "19 جمادى الآخرة 1448 هـ"
    assert format_hijri(dt.date(2026, 11, 29), "arabic-indic") == "١٩ جمادى الآخرة ١٤٤٨ هـ"
    assert format_hijri(dt.date(2026, 2, 18)) == "1 رمضان 1447 هـ"


def test_hijri_outside_the_table_is_none_not_an_error():
    assert format_hijri(dt.date(1, 1, 1)) is None
    assert format_hijri(dt.date(9999, 12, 31)) is None
