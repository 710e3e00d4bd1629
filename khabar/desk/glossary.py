"""The newsroom glossary as the copy checks and the desk's suggestions use it."""

import threading

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


def arabic_dateline(english: str, agency=None, glossary: Glossary | None = None) -> str:
    """«موسكو (أ.ب) —» for a paragraph opening «MOSCOW (AP) —», through the glossary; empty if unknown.

    The city is the glossary's form of the place (its first part: «KYIV, Ukraine» → «كييف»); the
    credit is the agency's Arabic credit, else the glossary's form of the agency's code.
    """
    dateline = parse_english_dateline(english)
    if dateline is None:
        return ""
    glossary = glossary or qa_glossary()
    by_source = {t.source.lower(): t for t in glossary.terms}
    city = by_source.get(dateline.place.split(",")[0].strip().lower())
    if city is None or not city.target:
        return ""
    credit = agency.credit if agency is not None and agency.credit else ""
    if not credit:
        term = by_source.get(dateline.credit.lower())
        credit = term.target if term else ""
    return format_dateline(city.target, credit)


def english_dateline_end(english: str) -> int:
    dateline = parse_english_dateline(english)
    return dateline.end if dateline else 0
