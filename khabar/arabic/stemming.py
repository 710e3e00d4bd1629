"""Light stemmers for Arabic search; each takes one word already passed through ``normalize``.

Three were measured against each other by ``bench/stemmers.py`` (figures and the choice in README.md):

* ``snowball_stem``: PyStemmer's Snowball Arabic stemmer (C) after our article step, because Snowball
  leaves «والمستشفيات», «فالمدرسة» whole;
* ``light10_stem``: Larkey, Ballesteros and Connell's light10 (2002), the usual Arabic retrieval
  baseline: «و» off when three letters remain; «ال وال بال كال فال لل» off when two remain; each of
  «ها ان ات ون ين يه ه ي» off once, right to left, while two letters remain;
* ``light_stem`` (the one ``stem`` names): light10 refined where the measurement showed it failing.
  - A lone «و»/«ف» is a conjunction unless the word is one of the common news words whose first
    letter is part of the word («وزير», «وزارة», «فريق», «فكرة», «وطن» …: without the list
    "ministry" finds "visited" and "idea" finds "hatred").
  - Articles after every combination of «و»/«ف» and «ب»/«ك»/«ل» («وبالتالي», «فكالعادة»,
    «وللحكومة»), from ``khabar.arabic.words.strip_article``, which also knows the common words that
    begin with «ل» themselves («للاجئين» is «ل» + «اللاجئين», not «لل» + «اجئين»).
  - Pronoun suffixes («ها هم هما هن كم نا») first, then a «ت» they leave is the «ة» of the noun
    («حكومتها» → «حكوم», like «حكومة»).
  - Plural and dual endings («ات ون ين ان تين تان يين يون») and the nisba («يه ي») need three letters
    left, «ان» four, so «لبنان», «عمان», «سكان», «بنات» are not cut down to «لبن», «عم», «سك», «بن»;
    two rounds, so «فلسطيني», «فلسطينيين» and «فلسطين» meet, as do «اتفاقيات» and «اتفاق».
  - The tanween alef of the accusative («اتفاقا», «قرارا») comes off when three letters remain.
  - A country's final «يا» is read as its adjective's «ي» first, so the two meet («روسيا»,
    «الروسي», «الروسية» → «روس»; «أوكرانيا», «الأوكرانية» → «اوكر»).
"""

import threading

import Stemmer

from .normalize import normalize
from .words import CONJUNCTIONS, strip_article

# Forms are normalised: «ة» is already «ه» and «ى» is «ي» when a word reaches a stemmer.
_LIGHT10_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
_LIGHT10_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")

_PRONOUNS = ("هما", "ها", "هم", "هن", "كم", "نا")
# (suffix, letters that must remain), tried in order; the first that fits comes off.
_ENDINGS = (
    ("تين", 3),
    ("تان", 3),
    ("يين", 3),
    ("يون", 3),
    ("ات", 3),
    ("ون", 3),
    ("ين", 3),
    ("ان", 4),
    ("يه", 3),
)
_LAST_LETTER = (("ه", 2), ("ا", 3))

# Words whose first «و»/«ف» is a root letter, not "and"/"so": the frequent ones in news copy.
_ROOT_INITIAL_WORDS = """
وزير وزيرة وزراء وزارة وطن وطني وطنية وقت وفد وفود وضع أوضاع وصل وصول ولاية ولايات وكالة وكالات وسط
وقف وحدة وحدات ورقة وجه وجهة وثيقة وثائق وفاة وفيات وعد وعود ولد أولاد وادي واشنطن وافق موافقة واقع
وقع وقائع وظيفة وظائف ورشة وزن وفق وفاق ولي وكيل وباء وجود وجبة ودائع
فريق فرق فكرة أفكار فندق فنادق فقط فيلم أفلام فرنسا فرنسي فرنسية فصل فصول فترة فوز فرض فتح فرصة فرص
فساد فقر فن فنون فعل فلسطين فلسطيني فلسطينية فنزويلا فيتنام فيروس فيضان فيضانات فاتورة فائدة فوائد
فرع فروع فئة فئات فجر فحص فراغ فضاء فضيحة فقه فلاح فهم فوضى فيدرالي
"""

# A PyStemmer object is not safe to share between threads (the server runs threads).
_local = threading.local()


def _snowball():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("arabic")
    return stemmer


def _strip_suffixes(word: str) -> str:
    for pronoun in _PRONOUNS:
        if word.endswith(pronoun) and len(word) - len(pronoun) >= 3:
            word = word[: -len(pronoun)]
            if word.endswith("ت") and len(word) >= 4:
                word = word[:-1]
            break
    if word.endswith("يا") and len(word) >= 5:
        word = word[:-1]  # a country's «يا» is its adjective's «ي»: «روسيا», «الروسي»
    # Two rounds, so a nisba under a plural comes off too: «فلسطينيين» → «فلسطين» → «فلسط».
    for _ in range(2):
        for ending, keep in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= keep:
                word = word[: -len(ending)]
                break
        if word.endswith("ي") and len(word) > 3:
            word = word[:-1]
    for letter, keep in _LAST_LETTER:
        if word.endswith(letter) and len(word) - 1 >= keep:
            word = word[:-1]
    return word


_ROOT_INITIAL = frozenset(_strip_suffixes(strip_article(normalize(w))) for w in _ROOT_INITIAL_WORDS.split())


def light_stem(word: str) -> str:
    bare = strip_article(word)
    if bare is word and word[:1] in CONJUNCTIONS and len(word) >= 4:
        if _strip_suffixes(word) not in _ROOT_INITIAL:
            bare = strip_article(word[1:])
    return _strip_suffixes(bare)


def light10_stem(word: str) -> str:
    if word.startswith("و") and len(word) >= 4:
        word = word[1:]
    word = strip_article(word, prefixes=_LIGHT10_ARTICLES, lam_words=False)
    for suffix in _LIGHT10_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


def snowball_stem(word: str) -> str:
    return _snowball().stemWord(strip_article(word, prefixes=_LIGHT10_ARTICLES, lam_words=False))


stem = light_stem
