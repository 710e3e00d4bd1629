"""The agency dateline that opens a story: «موسكو (أ.ب) —»."""

import re
from dataclasses import dataclass

DASH = "—"


def format_dateline(city: str, credit: str = "") -> str:
    """«CITY (CREDIT) —»; «CITY —» without an agency; empty without a city."""
    city = " ".join(city.split())
    credit = " ".join(credit.split())
    if not city:
        return ""
    if credit:
        return f"{city} ({credit}) {DASH}"
    return f"{city} {DASH}"


# Reading datelines back: the English wire's «MOSCOW (AP) —», «KYIV, Ukraine (AP) —»,
# «LONDON, Nov 29 (Reuters) -», «Paris (AFP) -», «BOGOTÁ (AP) —», and the Arabic «موسكو (أ.ب) —».
_ENGLISH = re.compile(
    r"\s*(?P<place>[A-ZÀ-ÖØ-Þ\u0100-\u024f][A-Za-zÀ-ÖØ-öø-\u024f.'’\- ]{1,40}(?:,\s*[A-ZÀ-ÖØ-Þ\u0100-\u024f][A-Za-zÀ-ÖØ-öø-\u024f.'’\- ]{1,30}){0,2}?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*\((?P<credit>[A-Za-z][A-Za-z .&/-]{0,40})\)\s*[-–—]+\s*"
)
_ARABIC = re.compile(
    r"\s*(?P<place>[\u0621-\u064a][^()\n<>A-Za-z]{0,60}?)\s*\((?P<credit>[^()\n]{1,40})\)\s*(?P<dash>[—–-])"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    credit: str
    start: int
    end: int


def parse_english_dateline(text: str) -> Dateline | None:
    """The dateline that opens an English wire paragraph, or None."""
    m = _ENGLISH.match(text)
    if not m:
        return None
    return Dateline(m.group("place").strip(), m.group("credit").strip(), m.start("place"), m.end())


def parse_arabic_dateline(text: str) -> Dateline | None:
    """The «CITY (AGENCY) —» that opens an Arabic paragraph, or None."""
    m = _ARABIC.match(text)
    if not m:
        return None
    return Dateline(m.group("place").strip(), m.group("credit").strip(), m.start("place"), m.end())
