"""Arabic calendar names and date formatting (Gregorian and Hijri); ``dates_in_text`` finds month and weekday
names in running text."""

from datetime import date, datetime

from .digits import localise

# Egyptian/Gulf series, which most pan-Arab outlets print.
GREGORIAN_MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
# Levantine/Iraqi series.
LEVANTINE_MONTHS = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)
HIJRI_MONTHS = (
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
)
# Monday first, as datetime.weekday() counts.
WEEKDAYS = ("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")


def format_date(value: date, digits: str = "western", with_weekday: bool = False) -> str:
    """«29 نوفمبر 2026», optionally opened by the weekday."""
    text = f"{value.day} {GREGORIAN_MONTHS[value.month - 1]} {value.year}"
    if with_weekday:
        text = f"{WEEKDAYS[value.weekday()]} {text}"
    return localise(text, digits)


def format_datetime(value: datetime, digits: str = "western") -> str:
    """«29 نوفمبر 2026، 14:05» in the datetime's own time zone."""
    return localise(f"{format_date(value)}، {value:%H:%M}", digits)


def format_hijri(value: date, digits: str = "western") -> str | None:
    """«18 جمادى الآخرة 1448 هـ» (Umm al-Qura), or None outside its supported range."""
    from hijridate import Gregorian

    try:
        hijri = Gregorian(value.year, value.month, value.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return localise(f"{hijri.day} {HIJRI_MONTHS[hijri.month - 1]} {hijri.year} هـ", digits)
