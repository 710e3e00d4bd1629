"""The search analyzer: the same at index time and at query time.

``terms(text)`` turns copy into the terms a search index holds: ``normalize`` (one spelling for
hamza, alef, ya, ta marbuta, harakat, tatweel, digits …), split into words, each word light-stemmed
(``khabar.arabic.stemming.stem``). A reader's «الامم المتحده» and the printed «الأمم المتّحدة» give
the same terms.

Why this stemmer: ``bench/stemmers.py`` measured Snowball (with and without our article step),
light10 and ``light_stem`` on pairs that should meet and pairs that must not; ``light_stem`` found
the most (recall 100%) while merging the fewest unrelated words (precision 94%); the figures are in
README.md. Snowball is faster (C) but inconsistent on Arabic clitics («بالعاصمة» → «عاصمه» yet
«عاصمة» → «عاصم») and strips «و» from «وزير»; caching stems makes speed moot.

Stop words («في», «من», «على», «التي» …) stay in the index, so quoted phrases match exactly, and are
dropped from a query's loose words, unless the query has nothing else: «من هو» still searches.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .normalize import normalize
from .stemming import stem as _stem

_WORD = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r"[\"«“”»](.*?)(?:[\"«“”»]|$)")

# Normalised forms; a leading «و»/«ف» ("and", "so") is also allowed (see ``is_stop_word``).
STOP_WORDS = frozenset(
    normalize(
        """
        في من إلى الى على عن مع أن إن أو ثم قد لقد لا لم لن ما ماذا متى أين كيف هل هذا هذه ذلك تلك هؤلاء
        هو هي هم هن هما نحن أنا أنت أنتم التي الذي الذين اللذين اللتين اللواتي كان كانت كانوا يكون تكون
        كل بعض غير بين حتى إذا إذ منذ عند لدى كما لكن بل أي أيضا عبر خلال حول ضد دون بعد قبل فوق تحت
        مثل نحو حيث ليس ليست به بها له لها لهم فيه فيها منه منها عليه عليها إليه إليها عنه عنها ذا يا
        تم وفق وفقا أمام لدى إنه إنها أنه أنها كذلك هناك هنا
        """
    ).split()
)


def is_stop_word(word: str) -> bool:
    """``word`` is normalised; «وفي» and «فهو» are stop words like «في» and «هو»."""
    return word in STOP_WORDS or (len(word) > 2 and word[0] in "وف" and word[1:] in STOP_WORDS)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index term of one normalised word (cached: a newsroom's vocabulary is small)."""
    return _stem(word)


def words(text: str) -> list[str]:
    """The normalised words of ``text``, in order."""
    return _WORD.findall(normalize(text))


def terms(text: str) -> list[str]:
    """The index terms of ``text``, in order, stop words included."""
    return [stem(word) for word in words(text)]


def analyze(text: str) -> str:
    """``terms`` joined by spaces: what the index stores for one field."""
    return " ".join(terms(text))


@dataclass
class Query:
    """A reader's query: loose terms (all must match) and phrases (each must match in order)."""

    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)

    def __bool__(self):
        return bool(self.terms or self.phrases)

    @property
    def all_terms(self) -> set[str]:
        """Every term the results are expected to contain (for highlighting)."""
        return set(self.terms).union(*self.phrases)


def parse_query(text: str) -> Query:
    """Split ``text`` into phrases (in straight, curly or «guillemet» quotes) and loose terms."""
    phrases, quoted_terms = [], []
    for quoted in _QUOTED.findall(text):
        phrase = terms(quoted)
        if len(phrase) > 1:
            phrases.append(phrase)
        else:
            quoted_terms += phrase  # a quoted single word is just that word, stop word or not
    found = words(_QUOTED.sub(" ", text))
    content = [w for w in found if not is_stop_word(w)]
    # A query made only of stop words searches for them: it is all the reader gave us.
    chosen = content if content or phrases or quoted_terms else found
    loose = quoted_terms + [stem(w) for w in chosen]
    return Query(terms=list(dict.fromkeys(loose)), phrases=phrases)
