"""``glossary``: the source names a glossary term and the Arabic lacks its approved form, or uses a known wrong variant."""

from khabar.arabic.words import is_nisba_of, nisba, words

from ..findings import ERROR, Finding
from ..glossary import find_arabic_phrase
from ..story import Pair, Story

CODE = "glossary"


def check(story: Story, pair: Pair):
    glossary = story.glossary
    if not len(glossary) or not pair.target.strip():
        return
    flagged = set()
    for term, _variant, start, end in glossary.variants_in_arabic(pair.target):
        flagged.add(id(term))
        yield Finding(
            CODE,
            ERROR,
            pair.index,
            start,
            end,
            f"«{pair.target[start:end]}» صيغة غير معتمدة لـ«{term.source}»؛ المعتمد في المسرد: «{term.target}»",
        )
    if not pair.source.strip():
        return
    tokens = None
    for term, _ in glossary.terms_in_english(pair.source):
        if id(term) in flagged or not term.target:
            continue
        if term.latin_forms.search(pair.target):
            continue  # kept in Latin: fine for keep-in-Latin terms, and «untranslated» reports the rest
        if tokens is None:
            tokens = words(pair.target)
        if term.target_words and find_arabic_phrase(tokens, term.target_words):
            continue
        stem = nisba(term.target_words[0]) if len(term.target_words) == 1 else None
        if stem and any(is_nisba_of(word, stem) for word, _, _ in tokens):
            continue  # «Turkey's president» → «الرئيس التركي»
        if not term.target_words and term.target.lower() in pair.target.lower():
            continue
        flagged.add(id(term))
        yield Finding(
            CODE,
            ERROR,
            pair.index,
            0,
            len(pair.target),
            f"«{term.source}» في النص الإنجليزي، والصيغة المعتمدة «{term.target}» غائبة عن الترجمة",
        )
