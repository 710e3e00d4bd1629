"""Glossary CSV import and export.

The columns ``source,target,variants`` (variants separated by ``|``) are the ones
``khabar qa --glossary`` reads, so one file serves the command line and the desk;
``kind``, ``keep_latin`` and ``note`` are optional extras. The file is read by
``khabar.qa.glossary.parse_glossary_csv``, the reader ``khabar qa --glossary`` uses,
so both find the same bad lines. An import is all or nothing: any bad row is
reported with its line number and no term is changed.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from khabar.qa.glossary import KINDS, RowError, parse_glossary_csv

from .models import GlossaryTerm

HEADER = ["source", "target", "variants", "kind", "keep_latin", "note"]
MAX_BYTES = 5 * 1024 * 1024


class GlossaryImportError(ValueError):
    """The file cannot be imported; ``errors`` lists what is wrong, line by line."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    terms: list = field(default_factory=list)


def export_csv(terms=None) -> str:
    """The glossary as CSV text (UTF-8, header first)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for term in terms if terms is not None else GlossaryTerm.objects.all():
        writer.writerow(
            [
                term.source,
                term.target,
                "|".join(term.variant_list),
                term.kind,
                "true" if term.keep_latin else "false",
                term.note,
            ]
        )
    return out.getvalue()


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    if len(data) > MAX_BYTES:
        raise GlossaryImportError([_("The file is larger than 5 MB.")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryImportError(
            [_("The file is not UTF-8 text (byte %(position)d).") % {"position": exc.start}]
        ) from None


def _message(error: RowError) -> str:
    line = error.line
    if error.code == "empty-source":
        return _("Line %(line)d: the English term is empty.") % {"line": line}
    if error.code == "unknown-kind":
        return _("Line %(line)d: unknown kind «%(kind)s» (use %(kinds)s).") % {
            "line": line,
            "kind": error.value,
            "kinds": ", ".join(sorted(KINDS)),
        }
    if error.code == "keep-latin":
        return _("Line %(line)d: keep_latin must be true or false, not «%(value)s».") % {
            "line": line,
            "value": error.value,
        }
    if error.code == "no-arabic":
        return _("Line %(line)d: «%(term)s» has no Arabic form.") % {"line": line, "term": error.value}
    if error.code == "duplicate":
        return _("Line %(line)d: «%(term)s» already appears on line %(first)d.") % {
            "line": line,
            "term": error.value,
            "first": error.first,
        }
    return _("Line %(line)d: unreadable CSV: %(error)s") % {"line": line, "error": error.value}


def parse_csv(data: bytes | str) -> list[GlossaryTerm]:
    """Unsaved terms read from ``data`` by the copy checks' own reader (``khabar.qa``), or
    ``GlossaryImportError`` listing every bad line."""
    parsed = parse_glossary_csv(_decode(data))
    if parsed.missing_columns:
        raise GlossaryImportError(
            [
                _("The header must name the columns: %(columns)s")
                % {"columns": ", ".join(parsed.missing_columns)}
            ]
        )
    if parsed.errors:
        raise GlossaryImportError([_message(error) for error in parsed.errors])
    return [
        GlossaryTerm(
            source=term.source,
            target=term.target,
            variants="\n".join(term.variants),
            kind=term.kind or GlossaryTerm.Kind.OTHER,
            keep_latin=term.keep_latin,
            note=term.note,
        )
        for _line, term in parsed.terms
    ]


@transaction.atomic
def import_csv(data: bytes | str) -> ImportReport:
    """Add new terms and update existing ones (matched by English term, case-insensitively)."""
    report = ImportReport()
    existing = {term.source.lower(): term for term in GlossaryTerm.objects.all()}
    for term in parse_csv(data):
        current = existing.get(term.source.lower())
        fields = ("target", "variants", "kind", "keep_latin", "note")
        if current is None:
            term.save()
            report.created += 1
            report.terms.append(term)
        elif all(getattr(current, f) == getattr(term, f) for f in fields):
            report.unchanged += 1
        else:
            for f in fields:
                setattr(current, f, getattr(term, f))
            current.save()
            report.updated += 1
            report.terms.append(current)
    return report
