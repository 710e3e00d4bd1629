"""One Arabic normaliser for search, comment word lists, dedupe and QA.

``normalize`` folds the spellings a reader types interchangeably onto one form:

* Unicode NFKC, so presentation forms («ﻻ», «ﷲ») become ordinary letters;
* harakat (fathatan … sukun, superscript alef), tatweel, Quranic marks removed;
* zero-width and bidi control characters removed;
* آ أ إ ٱ → ا; ى → ي; ة → ه;
* ؤ → و and ئ → ي, absorbing a و or ي beside the seat («مؤتمر»/«موتمر»,
  «سيئول»/«سيول», «مسؤول»/«مسول»): readers routinely drop the hamza seat,
  and these folds cost little precision (see tests);
* a «ئ» before «و» is read as «ؤ» (the Egyptian «مسئول», «شئون» for «مسؤول», «شؤون»);
* Arabic-Indic and Persian digits → Western;
* letters lower-cased (Latin content), whitespace collapsed.
"""

import re
import unicodedata

from .digits import to_western

HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]")
# Applied with str.replace: str.translate walks non-ASCII text one dict lookup a character, which is
# far slower on a story.
_LETTERS = (("آ", "ا"), ("أ", "ا"), ("إ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"), ("ئ", "ي"))
_NON_WESTERN_DIGIT = re.compile("[٠-٩۰-۹]")
# A hamza seat with the same letter beside it folds into one letter: «سيئول» → «سيول»; applied
# with str.replace, longest first (a regex with an optional first letter scans far slower).
# «مسئول», the Egyptian spelling of «مسؤول», comes first: a «ئ» before «و» sits on that «و».
_SEATS = (("ئو", "ؤ"), ("وؤو", "و"), ("وؤ", "و"), ("ؤو", "و"), ("يئي", "ي"), ("يئ", "ي"), ("ئي", "ي"))


def strip_marks(text: str) -> str:
    """Remove harakat, tatweel and invisible format characters; keep every letter."""
    text = HARAKAT.sub("", text)
    text = INVISIBLE.sub("", text)
    return text.replace(TATWEEL, "")


def normalize(text: str) -> str:
    """The searchable form of ``text`` (see the module docstring for each rule)."""
    text = unicodedata.normalize("NFKC", text)
    text = strip_marks(text)
    if "ؤ" in text or "ئ" in text:
        for seat, folded in _SEATS:
            text = text.replace(seat, folded)
    for letter, folded in _LETTERS:
        text = text.replace(letter, folded)
    if _NON_WESTERN_DIGIT.search(text):
        text = to_western(text)
    text = text.lower()
    return " ".join(text.split())
