"""``untranslated``: English left in the Arabic copy («موسكو (أ.ب) — ratified مجلس …»)."""

import re

from ..english import is_english_word
from ..findings import ERROR, Finding
from ..story import Pair, Story, not_prose_spans

CODE = "untranslated"
# Letters glued to digits are model names and codes that stay in Latin: «A320», «F-16», «MH17».
_LATIN_WORD = re.compile(
    r"(?<![0-9])[A-Za-z\u00c0-\u024f]+(?:['’\-][A-Za-z\u00c0-\u024f]+)*(?![A-Za-z0-9]|-[0-9])"
)
# What may stand between two leaked words of one run: spaces, Latin punctuation, digits.
_JOINER = re.compile(r"[\s\d.,;:'’\"()\-/&]*")


def check(story: Story, pair: Pair):
    text = pair.target
    if not text or not re.search(r"[A-Za-z]", text):
        return
    allowed = list(not_prose_spans(text))
    for term in story.glossary.keep_latin_terms:
        allowed.extend(m.span() for m in term.latin_forms.finditer(text))
    leaked = []
    for m in _LATIN_WORD.finditer(text):
        if any(a <= m.start() < b for a, b in allowed):
            continue
        word = m.group()
        if word.lower() in story.source_words or is_english_word(word):
            leaked.append(m)
    for run in _runs(text, leaked):
        start, end = run[0].start(), run[-1].end()
        shown = text[start:end]
        message = f"نص إنجليزي غير مترجم: «{shown}»"
        approved = _approved_forms(story, shown)
        if approved:
            message += f"؛ الصيغة المعتمدة في المسرد: «{approved}»"
        yield Finding(CODE, ERROR, pair.index, start, end, message)


def _runs(text: str, matches: list[re.Match]):
    run: list[re.Match] = []
    for m in matches:
        if run and _JOINER.fullmatch(text, run[-1].end(), m.start()):
            run.append(m)
            continue
        if run:
            yield run
        run = [m]
    if run:
        yield run


def _approved_forms(story: Story, shown: str) -> str:
    return "، ".join(
        term.target
        for term, _ in story.glossary.terms_in_english(shown)
        if term.target and not term.keep_latin
    )
