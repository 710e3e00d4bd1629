"""The desk's glossary as the checks see it: English term → approved Arabic form.

A ``Term`` knows its known wrong Arabic variants and whether the name stays in
Latin script («keep in Latin»: brand names such as «iPhone»). ``Glossary``
indexes terms by their first word so a story is checked in one pass over its
words, however long the glossary. ``parse_glossary_csv`` is the one reader of the
glossary CSV (``source,target,variants`` with variants separated by «|», plus
optional ``keep_latin``, ``kind`` and ``note`` columns): it returns the good rows
and every bad line, so the command line (``load_glossary``, which checks with the
good rows and reports the bad ones) and the desk's import (which refuses a file
with any bad line) read a file the same way.
"""

import csv
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from khabar.arabic.normalize import normalize, strip_marks
from khabar.arabic.words import bases, words

KINDS = ("person", "place", "organisation", "agency", "other")
_TRUE = {"1", "true", "yes", "y", "x", "نعم"}
_FALSE = {"", "0", "false", "no", "n", "لا"}
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9&.'’\-]*")


class GlossaryError(ValueError):
    """A glossary file that cannot be read; the message is in Arabic and English."""


@dataclass(frozen=True)
class Term:
    source: str
    target: str
    variants: tuple[str, ...] = ()
    keep_latin: bool = False
    kind: str = ""
    note: str = ""

    @cached_property
    def english(self) -> re.Pattern:
        words_ = [re.escape(w) for w in self.source.split()]
        return re.compile(
            r"(?<![A-Za-z0-9])" + r"[\s\u00a0\-]+".join(words_) + r"(?:['’]s|['’]|s|es)?(?![A-Za-z0-9])",
            re.IGNORECASE,
        )

    @cached_property
    def proper(self) -> bool:
        """A name: lower-case «turkey» or «china» in the source is another word."""
        return any(c.isupper() for c in self.source)

    def found_in_english(self, text: str) -> re.Match | None:
        for m in self.english.finditer(text):
            if not (self.proper and m.group().islower()):
                return m
        return None

    @cached_property
    def latin_forms(self) -> re.Pattern | None:
        """Where the term may stand in Latin script inside Arabic copy."""
        forms = [self.source] + ([self.target] if self.target and self.target.isascii() else [])
        return re.compile(
            "|".join(r"(?<![A-Za-z0-9])" + re.escape(f) + r"(?![A-Za-z0-9])" for f in forms), re.IGNORECASE
        )

    @cached_property
    def target_words(self) -> tuple[str, ...]:
        return tuple(w for w, _, _ in words(self.target))

    @cached_property
    def strict_variants(self) -> bool:
        """Variants differing from the approved form only in hamza or «ة»/«ه» are compared letter for letter."""
        approved = normalize(self.target)
        return any(normalize(v) == approved for v in self.variants)


def light_fold(text: str) -> str:
    return strip_marks(unicodedata.normalize("NFKC", text))


@dataclass
class Glossary:
    terms: tuple[Term, ...] = ()
    _by_first_word: dict = field(default_factory=dict, init=False, repr=False)
    _variants: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self):
        self.terms = tuple(self.terms)
        by_first = defaultdict(list)
        variants = defaultdict(list)
        for term in self.terms:
            first = term.source.split()[0].lower() if term.source.split() else ""
            if first:
                by_first[first].append(term)
            for variant in term.variants:
                tokens = tuple(w for w, _, _ in words(variant))
                if tokens:
                    variants[tokens[0]].append((term, variant, tokens))
        self._by_first_word = dict(by_first)
        self._variants = dict(variants)

    def __len__(self):
        return len(self.terms)

    @cached_property
    def keep_latin_terms(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.keep_latin)

    def terms_in_english(self, text: str) -> list[tuple[Term, re.Match]]:
        """Terms the English ``text`` names, with where."""
        if not self._by_first_word:
            return []
        by_first_word = self._by_first_word
        # Lower-case the text once, not word by word: the same words, as no letter but «İ» and
        # the Kelvin sign lower-cases into ASCII.
        lowered = text.lower() if "\u0130" not in text and "\u212a" not in text else None
        if lowered is None:
            words = {w.lower().rstrip(".'’") for w in _LATIN_WORD.findall(text)}
        else:
            words = {w.rstrip(".'’") for w in set(_LATIN_WORD.findall(lowered))}
        # The word itself, or without a plural or possessive ending («Houthis», «Pyongyang's»).
        keys = {key for w in words for key in (w, w[:-1], w[:-2]) if key in by_first_word}
        candidates = {id(term): term for key in keys for term in by_first_word[key]}
        found = []
        for term in candidates.values():
            m = term.found_in_english(text)
            if m:
                found.append((term, m))
        found.sort(key=lambda tm: tm[1].start())
        return found

    def variants_in_arabic(self, text: str) -> list[tuple[Term, str, int, int]]:
        """Known wrong variants in the Arabic ``text``: (term, variant, start, end)."""
        if not self._variants:
            return []
        tokens = words(text)
        found = []
        keys = self._variants.keys()
        for i, (word, start, _) in enumerate(tokens):
            if keys.isdisjoint(bases(word)):
                continue
            for base in bases(word):
                for term, variant, vtokens in self._variants.get(base, ()):
                    end = _phrase_end(tokens, i, vtokens)
                    if end is None:
                        continue
                    if term.strict_variants:
                        # Told apart letter for letter: «اوكرانيا» is not «أوكرانيا».
                        if light_fold(variant) not in light_fold(text[start:end]):
                            continue
                    elif arabic_phrase_at(tokens, i, term.target_words) is not None:
                        continue  # the approved form, which a prefix made look like the variant
                    found.append((term, variant, start, end))
        return found


def _phrase_end(tokens, i: int, phrase: tuple[str, ...]) -> int | None:
    if i + len(phrase) > len(tokens) or not phrase:
        return None
    if phrase[0] not in bases(tokens[i][0]):
        return None
    for offset, word in enumerate(phrase[1:], start=1):
        if tokens[i + offset][0] != word:
            return None
    return tokens[i + len(phrase) - 1][2]


def arabic_phrase_at(tokens, i: int, phrase: tuple[str, ...]) -> int | None:
    """End offset of ``phrase`` (normalised words) at token ``i``, clitics allowed on its first word."""
    return _phrase_end(tokens, i, phrase)


def find_arabic_phrase(text_or_tokens, phrase: tuple[str, ...]) -> tuple[int, int] | None:
    tokens = words(text_or_tokens) if isinstance(text_or_tokens, str) else text_or_tokens
    for i in range(len(tokens)):
        end = _phrase_end(tokens, i, phrase)
        if end is not None:
            return tokens[i][1], end
    return None


@dataclass(frozen=True)
class RowError:
    """A bad line of a glossary CSV: ``code`` says what is wrong, ``value`` with what.

    Codes: ``empty-source``, ``unknown-kind`` (the kind), ``keep-latin`` (the value), ``no-arabic``
    (the term), ``duplicate`` (the term; ``first`` is the line it first appeared on), ``unreadable``
    (the CSV error).
    """

    line: int
    code: str
    value: str = ""
    first: int = 0

    @property
    def message(self) -> str:
        """Arabic, then English, for the command line."""
        line, value = self.line, self.value
        return {
            "empty-source": f"السطر {line}: المصطلح الإنجليزي فارغ (line {line}: empty English term)",
            "unknown-kind": f"السطر {line}: نوع غير معروف «{value}» (line {line}: unknown kind «{value}»; "
            f"use {', '.join(sorted(KINDS))})",
            "keep-latin": f"السطر {line}: قيمة keep_latin «{value}» ليست true أو false "
            f"(line {line}: keep_latin must be true or false)",
            "no-arabic": f"السطر {line}: «{value}» بلا صيغة عربية (line {line}: «{value}» has no Arabic form)",
            "duplicate": f"السطر {line}: «{value}» مكرر من السطر {self.first} "
            f"(line {line}: «{value}» already on line {self.first})",
            "unreadable": f"السطر {line}: سطر CSV غير مقروء (line {line}: unreadable CSV: {value})",
        }[self.code]


@dataclass
class ParsedGlossary:
    """What a glossary CSV holds: ``(line, Term)`` for each good row, a ``RowError`` for each bad one.

    ``missing_columns`` names the required columns the header lacks (then nothing else is read).
    """

    terms: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    missing_columns: tuple[str, ...] = ()


def parse_glossary_csv(text: str) -> ParsedGlossary:
    """Read a glossary CSV's text: every good row and every bad line, with its line number."""
    parsed = ParsedGlossary()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        columns = {(c or "").strip().lower() for c in (reader.fieldnames or ())}
    except csv.Error as exc:
        parsed.errors.append(RowError(1, "unreadable", str(exc)))
        return parsed
    parsed.missing_columns = tuple(sorted({"source", "target"} - columns))
    if parsed.missing_columns:
        return parsed
    seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
            if not any(row.values()):
                continue
            error = _row_error(line, row, seen)
            if error is not None:
                parsed.errors.append(error)
                continue
            source = " ".join(row["source"].split())
            seen[source.lower()] = line
            parsed.terms.append(
                (
                    line,
                    Term(
                        source=source,
                        target=" ".join(row.get("target", "").split()),
                        variants=tuple(v.strip() for v in row.get("variants", "").split("|") if v.strip()),
                        keep_latin=row.get("keep_latin", "").lower() in _TRUE,
                        kind=row.get("kind", "").lower(),
                        note=row.get("note", ""),
                    ),
                )
            )
    except csv.Error as exc:
        parsed.errors.append(RowError(reader.line_num, "unreadable", str(exc)))
    return parsed


def _row_error(line: int, row: dict, seen: dict) -> RowError | None:
    source = " ".join(row.get("source", "").split())
    kind = row.get("kind", "").lower()
    keep = row.get("keep_latin", "").lower()
    if not source:
        return RowError(line, "empty-source")
    if kind and kind not in KINDS:
        return RowError(line, "unknown-kind", kind)
    if keep not in _TRUE | _FALSE:
        return RowError(line, "keep-latin", keep)
    if not row.get("target", "").strip() and keep not in _TRUE:
        return RowError(line, "no-arabic", source)
    if source.lower() in seen:
        return RowError(line, "duplicate", source, seen[source.lower()])
    return None


def load_glossary(source, errors: list | None = None) -> Glossary:
    """Read a glossary CSV from a path or an open text file: its good rows.

    Bad lines are left out and, when ``errors`` is a list, added to it as ``RowError``s; a file
    that cannot be read at all (missing, not UTF-8, no header, broken CSV) raises ``GlossaryError``.
    """
    if hasattr(source, "read"):
        return _glossary(source.read(), errors)
    try:
        with open(source, "rb") as f:
            raw = f.read()
    except OSError as exc:
        raise GlossaryError(
            f"تعذّرت قراءة ملف المسرد: {source} (cannot read glossary file: {exc.strerror})"
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"ملف المسرد ليس بترميز UTF-8: {source} (glossary is not UTF-8)") from exc
    return _glossary(text, errors)


def _glossary(text: str, errors: list | None) -> Glossary:
    parsed = parse_glossary_csv(text)
    if parsed.missing_columns:
        raise GlossaryError(
            "ملف المسرد يحتاج إلى سطر عناوين فيه source,target,variants "
            "(glossary CSV needs the header source,target,variants)"
        )
    unreadable = [e for e in parsed.errors if e.code == "unreadable"]
    if unreadable:
        raise GlossaryError(f"ملف المسرد غير صالح: {unreadable[0].value} (malformed glossary CSV)")
    if errors is not None:
        errors.extend(parsed.errors)
    return Glossary(tuple(term for _, term in parsed.terms))
