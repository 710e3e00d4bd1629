"""The text of an HTML fragment: one stripper for wire bodies, article bodies, search and near-duplicates.

Tags go through nh3 (the same sanitiser that cleans wire bodies), not a regular expression, so a «<»
in the text, a comment or a script's content is never read as words. A block's end and «<br>» end a
line; inline tags («<b>», «<a>») join their text to the words around them, so markup inside a word
(«ال<b>كرملين</b>») does not split it.
"""

import html
import re

import nh3

_BREAKS = re.compile(
    r"</(?:p|h[1-6]|li|dt|dd|blockquote|pre|tr|td|th|div|section|article|figure|figcaption|ul|ol|dl|table)\s*>"
    r"|<(?:br|hr|p|li|div|tr|td|th|h[1-6])(?:\s[^>]*)?/?>",
    re.I,
)


def plain_lines(markup: str) -> list[str]:
    """The visible text of ``markup``, one string per block (paragraph, heading, list item …),
    entities unescaped, whitespace collapsed, empty blocks left out."""
    if not markup:
        return []
    cleaned = html.unescape(nh3.clean(_BREAKS.sub(lambda m: "\n" + m.group(0), markup), tags=set()))
    return [line for line in (" ".join(part.split()) for part in cleaned.split("\n")) if line]


def plain_text(markup: str) -> str:
    """The visible text of ``markup`` on one line: its blocks joined by a space."""
    return " ".join(plain_lines(markup))
