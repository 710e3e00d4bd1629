"""Marking the words of a text that a query matched, through the same analyzer as the index."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from khabar.arabic.analyzer import stem
from khabar.arabic.normalize import normalize

# Words as they are printed (with harakat and tatweel inside them), and what lies between.
_PRINTED_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])*")


def _is_match(word: str, terms: set[str]) -> bool:
    normalised = normalize(word)
    return bool(normalised) and stem(normalised) in terms


def highlight(text: str, terms: set[str]) -> SafeString:
    """``text`` escaped, with each word whose term is in ``terms`` inside <mark>."""
    out, last = [], 0
    for found in _PRINTED_WORD.finditer(text):
        out.append(escape(text[last : found.start()]))
        word = found.group()
        out.append(f"<mark>{escape(word)}</mark>" if _is_match(word, terms) else escape(word))
        last = found.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def excerpt(text: str, terms: set[str], width: int = 32) -> str:
    """About ``width`` words of ``text`` around its first matching word (the start if none)."""
    words = text.split()
    first = next(
        (
            i
            for i, w in enumerate(words)
            if any(_is_match(m.group(), terms) for m in _PRINTED_WORD.finditer(w))
        ),
        0,
    )
    start = max(0, first - width // 3)
    chunk = " ".join(words[start : start + width])
    return ("… " if start else "") + chunk + (" …" if start + width < len(words) else "")
