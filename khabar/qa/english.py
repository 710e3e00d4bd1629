"""Is this Latin-script word English? For telling leftover English from other Latin text.

The word list is GCIDE (a public-domain English dictionary) as packaged by
``english-words``: a pinned package with its data inside, so nothing is fetched
at run time. It lists lemmas only, hence the few inflection rules below.
"""

from functools import cache


@cache
def _lexicon() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], lower=True))


def _lemmas(word: str):
    yield word
    for suffix, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("er", ""),
        ("est", ""),
        ("ly", ""),
        ("'s", ""),
        ("’s", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            yield word[: -len(suffix)] + replacement
    # Doubled consonants: «stopped», «planning».
    for suffix in ("ed", "ing"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) > 3 and stem[-1] == stem[-2]:
            yield stem[:-1]


def is_english_word(word: str) -> bool:
    lexicon = _lexicon()
    return any(lemma in lexicon for lemma in _lemmas(word.lower()))
