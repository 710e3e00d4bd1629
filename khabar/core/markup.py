"""The text of an HTML fragment: one stripper for wire bodies, article bodies, search and near-duplicates.

Markup from outside (a feed's summary, a WordPress excerpt) first goes through nh3, the sanitiser that
cleans wire bodies, keeping only the block tags: a «<» in the text, a comment or a script's content is then
never read as words. Markup Khabar stored itself (a wire item's sanitised body, Wagtail's rich text) is
already well formed, so ``sanitized=True`` skips that step, which costs several times the rest and runs
for every item ingested. A block's edge and «<br>» separate; inline tags («<b>», «<a>») join their text
to the words around them, so markup inside a word («ال<b>كرملين</b>») does not split it.
"""

import html
import re

import nh3

BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dd dt dl blockquote pre tr td th div section article figure figcaption ul ol "
    "table thead tbody br hr".split()
)
# BLOCK_TAGS as one pattern (sanitised markup writes tag names in lower case); a test keeps the two equal.
_BLOCK = re.compile(
    r"</?(?:p|h[1-6]|li|d[dtl]|blockquote|pre|t[rdh]|div|section|article|fig(?:ure|caption)|ul|ol|table"
    r"|thead|tbody|br|hr)(?![a-zA-Z0-9])[^>]*>"
)
_TAG = re.compile(r"<[^>]*>")


def strip_tags(markup: str, *, sanitized: bool = False, separator: str = " ") -> str:
    """``markup`` without its tags: block edges become ``separator``, inline tags nothing; entities
    unescaped, whitespace left as it is."""
    if not markup:
        return ""
    if not sanitized:
        markup = nh3.clean(markup, tags=set(BLOCK_TAGS), attributes={})
    return html.unescape(_TAG.sub("", _BLOCK.sub(separator, markup)))


def plain_text(markup: str, *, sanitized: bool = False) -> str:
    """The visible text of ``markup`` on one line, whitespace collapsed."""
    return " ".join(strip_tags(markup, sanitized=sanitized).split())


def plain_lines(markup: str, *, sanitized: bool = False) -> list[str]:
    """The visible text of ``markup``, one stripped string per block (paragraph, heading, list item …),
    empty blocks left out."""
    lines = (line.strip() for line in strip_tags(markup, sanitized=sanitized, separator="\n").split("\n"))
    return [line for line in lines if line]
