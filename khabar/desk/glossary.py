"""The newsroom glossary as the copy checks and the desk's suggestions use it."""

import threading
import unicodedata

from django.db.models import Count, Max

from khabar.arabic.dateline import format_dateline, parse_english_dateline
from khabar.qa import Glossary, Term

from .engines import GlossaryHint
from .models import GlossaryTerm

_lock = threading.Lock()
_cached: tuple[tuple, Glossary] | None = None


def to_term(term: GlossaryTerm) -> Term:
    return Term(
        source=term.source,
        target=term.target,
        variants=tuple(term.variant_list),
        keep_latin=term.keep_latin,
        kind=term.kind,
        note=term.note,
    )


def qa_glossary() -> Glossary:
    """The glossary as a ``khabar.qa.Glossary``, rebuilt only when a term changed (one query to know)."""
    global _cached
    stamp = GlossaryTerm.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    key = (stamp["n"], stamp["last"], stamp["top"])
    with _lock:
        if _cached is None or _cached[0] != key:
            _cached = (key, Glossary(tuple(to_term(t) for t in GlossaryTerm.objects.all())))
        return _cached[1]


def terms_in(english: str, glossary: Glossary | None = None) -> list[Term]:
    """Glossary terms the English text names, in order of appearance, each once."""
    glossary = glossary or qa_glossary()
    seen, terms = set(), []
    for term, _ in glossary.terms_in_english(english):
        if term.source not in seen:
            seen.add(term.source)
            terms.append(term)
    return terms


def hints(terms: list[Term]) -> list[GlossaryHint]:
    return [GlossaryHint(t.source, t.target, t.keep_latin) for t in terms]


def place_key(name: str) -> str:
    """One key for the spellings of a place: «BOGOTA», «Bogotá», «St. John’s» / «ST. JOHN'S»."""
    name = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return " ".join("".join(c for c in name if not unicodedata.combining(c)).casefold().split())


_by_key_lock = threading.Lock()
_by_key: tuple[Glossary, dict[str, str]] | None = None


def _targets_by_key(glossary: Glossary) -> dict[str, str]:
    global _by_key
    with _by_key_lock:
        if _by_key is None or _by_key[0] is not glossary:
            by_key = {}
            for term in glossary.terms:
                if term.target:
                    by_key.setdefault(place_key(term.source), term.target)
            _by_key = (glossary, by_key)
        return _by_key[1]


def translate_dateline_city(english_city: str, glossary: Glossary | None = None) -> str:
    """The glossary's Arabic for the place a dateline names («BEIRUT» → «بيروت»); empty if unknown.

    Only the first part counts («KYIV, Ukraine» → «كييف»); case and accents do not.
    """
    city = english_city.split(",")[0]
    return _targets_by_key(glossary or qa_glossary()).get(place_key(city), "")


def arabic_dateline(english: str, agency=None, glossary: Glossary | None = None) -> str:
    """«موسكو (أ.ب) —» for a paragraph opening «MOSCOW (AP) —», through the glossary; empty if unknown.

    The city comes from ``translate_dateline_city``; the credit is the agency's Arabic credit, else the
    glossary's form of the credit the dateline names («Reuters» → «رويترز»).
    """
    dateline = parse_english_dateline(english)
    if dateline is None:
        return ""
    glossary = glossary or qa_glossary()
    city = translate_dateline_city(dateline.place, glossary)
    if not city:
        return ""
    credit = agency.credit if agency is not None and agency.credit else ""
    if not credit:
        credit = _targets_by_key(glossary).get(place_key(dateline.credit), "")
    return format_dateline(city, credit)
