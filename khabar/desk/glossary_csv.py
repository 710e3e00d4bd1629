"""Glossary CSV import and export.

The columns ``source,target,variants`` (variants separated by ``|``) are the ones
``khabar qa --glossary`` reads, so one file serves the command line and the desk;
``kind``, ``keep_latin`` and ``note`` are optional extras. An import is all or
nothing: any bad row is reported with its line number and no term is changed.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .models import GlossaryTerm

HEADER = ["source", "target", "variants", "kind", "keep_latin", "note"]
REQUIRED = {"source", "target"}
_TRUE = {"1", "true", "yes", "y", "نعم"}
_FALSE = {"", "0", "false", "no", "n", "لا"}
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


def parse_csv(data: bytes | str) -> list[GlossaryTerm]:
    """Unsaved terms read from ``data``, or ``GlossaryImportError`` listing every bad line."""
    text = _decode(data)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
    except csv.Error as exc:
        raise GlossaryImportError([_("Unreadable CSV: %(error)s") % {"error": exc}]) from None
    missing = REQUIRED - columns
    if missing:
        raise GlossaryImportError(
            [_("The header must name the columns: %(columns)s") % {"columns": ", ".join(sorted(missing))}]
        )
    kinds = set(GlossaryTerm.Kind.values)
    terms, errors, seen = [], [], {}
    try:
        for row in reader:
            line = reader.line_num
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
            if not any(row.values()):
                continue
            source = " ".join(row.get("source", "").split())
            target = " ".join(row.get("target", "").split())
            kind = row.get("kind", "").lower() or GlossaryTerm.Kind.OTHER
            keep = row.get("keep_latin", "").lower()
            if not source:
                errors.append(_("Line %(line)d: the English term is empty.") % {"line": line})
                continue
            if kind not in kinds:
                errors.append(
                    _("Line %(line)d: unknown kind «%(kind)s» (use %(kinds)s).")
                    % {"line": line, "kind": kind, "kinds": ", ".join(sorted(kinds))}
                )
                continue
            if keep not in _TRUE | _FALSE:
                errors.append(
                    _("Line %(line)d: keep_latin must be true or false, not «%(value)s».")
                    % {"line": line, "value": keep}
                )
                continue
            keep_latin = keep in _TRUE
            if not target and not keep_latin:
                errors.append(
                    _("Line %(line)d: «%(term)s» has no Arabic form.") % {"line": line, "term": source}
                )
                continue
            if source.lower() in seen:
                errors.append(
                    _("Line %(line)d: «%(term)s» already appears on line %(first)d.")
                    % {"line": line, "term": source, "first": seen[source.lower()]}
                )
                continue
            seen[source.lower()] = line
            variants = "\n".join(v.strip() for v in row.get("variants", "").split("|") if v.strip())
            terms.append(
                GlossaryTerm(
                    source=source,
                    target=target,
                    variants=variants,
                    kind=kind,
                    keep_latin=keep_latin,
                    note=row.get("note", ""),
                )
            )
    except csv.Error as exc:
        errors.append(_("Line %(line)d: unreadable CSV: %(error)s") % {"line": reader.line_num, "error": exc})
    if errors:
        raise GlossaryImportError(errors)
    return terms


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
