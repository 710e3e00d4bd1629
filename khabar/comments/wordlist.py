"""Banned and suspect word lists matched the way readers try to dodge them (pure Python).

Both the comment and each listed word go through the shared Arabic normaliser
(harakat, tatweel, hamza and alef forms, invisible characters) and then lose
their separators: punctuation and symbols between letters vanish («ح.م.ا.ر»,
«ح-م-ا-ر» → «حمار») and runs of single letters split by spaces are joined
(«ح م ا ر» → «حمار»). A word matches inside a longer word too, so the clitics
Arabic attaches («والحمار», «بالحمار») don't hide it; list whole words, not
two-letter fragments.
"""

import re
import unicodedata

from khabar.arabic.normalize import normalize

_SPACE = re.compile(r"\s+")


def _is_separator(char: str) -> bool:
    return unicodedata.category(char)[0] in "PSZC" and not char.isspace() or char == "_"


def squash(text: str) -> str:
    """``text`` normalised, without separators, single letters joined: the form word lists match on."""
    text = "".join(char for char in normalize(text) if not _is_separator(char))
    tokens = _SPACE.split(text.strip())
    joined: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1:
            run += token
            continue
        if run:
            joined.append(run)
            run = ""
        if token:
            joined.append(token)
    if run:
        joined.append(run)
    return " ".join(joined)


class WordList:
    """A list of words or phrases, each matched on the squashed form of a text."""

    def __init__(self, entries):
        self.entries = {}
        for entry in entries:
            if key := squash(entry):
                self.entries.setdefault(key, entry.strip())

    def __bool__(self):
        return bool(self.entries)

    def first_match(self, text: str) -> str | None:
        """The first listed entry (as written in the list) that ``text`` contains, if any."""
        if not self.entries:
            return None
        haystack = f" {squash(text)} "
        for key, entry in self.entries.items():
            if key in haystack:
                return entry
        return None
