"""Which light stemmer finds more: Snowball (+ our prefix step) or light10? Run: python bench/stemmers.py

Recall: pairs of spellings a reader treats as the same word (clitics, plurals, feminine, duals, the
normaliser's folds); each pair counts when both forms get the same stem.
Precision: pairs of unrelated words that a careless stemmer merges; each pair counts when the stems differ.
Speed: words stemmed per second over a realistic text.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import Stemmer  # noqa: E402

from khabar.arabic import stemming  # noqa: E402
from khabar.arabic.normalize import normalize  # noqa: E402

SAME = [
    # clitics: conjunction, prepositions, article
    ("والمستشفيات", "المستشفيات"),
    ("بالعاصمة", "العاصمة"),
    ("للاجئين", "اللاجئين"),
    ("فالمدرسة", "المدرسة"),
    ("وقال", "قال"),
    ("وأضاف", "أضاف"),
    ("وأكد", "أكد"),
    ("للحكومة", "الحكومة"),
    ("كالعادة", "العادة"),
    ("والحكومة", "الحكومة"),
    ("وبالتالي", "بالتالي"),
    ("والأمم", "الأمم"),
    ("فالحرب", "الحرب"),
    ("وزيرا", "وزير"),
    ("ووزير", "وزير"),
    ("والوزير", "الوزير"),
    ("بالوزارة", "الوزارة"),
    # article on / off
    ("الحكومة", "حكومة"),
    ("العاصمة", "عاصمة"),
    ("الاتحاد", "اتحاد"),
    ("المدرسة", "مدرسة"),
    ("الفلسطينيون", "فلسطينيون"),
    ("المستشفى", "مستشفى"),
    ("الرئاسية", "رئاسية"),
    ("الأمم", "أمم"),
    # number and gender suffixes
    ("مسؤولون", "مسؤول"),
    ("مسؤولين", "مسؤول"),
    ("المسؤولين", "مسؤول"),
    ("مسؤولة", "مسؤول"),
    ("فلسطيني", "فلسطين"),
    ("فلسطينيين", "فلسطين"),
    ("لبنانية", "لبنان"),
    ("اللبناني", "لبنان"),
    ("معاهدات", "معاهدة"),
    ("المعاهدات", "معاهدة"),
    ("اتفاقيات", "اتفاقية"),
    ("مستشفيات", "مستشفى"),
    ("الانتخابات", "انتخابات"),
    ("الرئاسيه", "الرئاسية"),
    ("المتحدة", "متحدة"),
    ("المتحدثون", "المتحدث"),
    ("مدينتين", "مدينة"),
    ("الدولتين", "الدولة"),
    ("حكومتها", "حكومة"),
    ("وزارتها", "وزارة"),
    ("العاصمة", "عاصمة"),
    ("بالعاصمة", "عاصمة"),
    ("اسرائيلية", "إسرائيل"),
    ("الإسرائيليون", "إسرائيل"),
    ("اتفاقا", "اتفاق"),
    ("قرارا", "قرار"),
    # the normaliser's folds (both sides must still meet after stemming)
    ("أحمد", "احمد"),
    ("إسرائيل", "اسرائيل"),
    ("مستشفى", "مستشفي"),
    ("مدرسة", "مدرسه"),
    ("مُعاهَدة", "معاهدة"),
    ("الاتحـــاد", "الاتحاد"),
    ("آسيا", "اسيا"),
    ("مؤتمر", "موتمر"),
    ("سيئول", "سيول"),
    ("مسؤول", "مسئول"),
    ("الأمم المتحدة", "الامم المتحده"),
]

DIFFERENT = [
    ("وزارة", "زار"),
    ("وزير", "زير"),
    ("فريق", "ريق"),
    ("فكرة", "كره"),
    ("وطن", "طن"),
    ("فقط", "قط"),
    ("بيروت", "يروت"),
    ("لبنان", "لبن"),
    ("عمان", "عم"),
    ("كريم", "ريم"),
    ("بحر", "حر"),
    ("فيلم", "يلم"),
    ("ولاية", "لاية"),
    ("وصل", "صل"),
    ("سلام", "إسلام"),
    ("مدير", "دير"),
    ("كتاب", "تاب"),
    ("بريطانيا", "ريطانيا"),
    ("فرنسا", "رنسا"),
    ("ولد", "لد"),
    ("وادي", "ادي"),
    ("بنك", "نك"),
    ("فندق", "ندق"),
    ("كلية", "لي"),
    ("بنات", "بن"),
    ("أمان", "أم"),
    ("سكان", "سك"),
    ("شهيد", "شهي"),
    ("أمن", "أمين"),
    ("حرب", "حربة"),
    ("عالم", "علم"),
    ("كاتب", "مكتب"),
    ("بلد", "بلدية"),
]


_SNOWBALL = Stemmer.Stemmer("arabic")


def snowball_raw(word):
    return _SNOWBALL.stemWord(word)


CANDIDATES = {
    "snowball": snowball_raw,
    "snowball + article step": stemming.snowball_stem,
    "light10": stemming.light10_stem,
    "khabar light (chosen)": stemming.light_stem,
}


def key(stem, text):
    return " ".join(stem(word) for word in normalize(text).split())


def measure(stem):
    found = [(a, b) for a, b in SAME if key(stem, a) == key(stem, b)]
    kept_apart = [(a, b) for a, b in DIFFERENT if key(stem, a) != key(stem, b)]
    words = normalize(" ".join(a + " " + b for a, b in SAME + DIFFERENT)).split() * 200
    start = time.perf_counter()
    for word in words:
        stem(word)
    rate = len(words) / (time.perf_counter() - start)
    return found, kept_apart, rate


def main():
    print(f"{'stemmer':28} recall          precision       words/s")
    for name, stem in CANDIDATES.items():
        found, kept_apart, rate = measure(stem)
        print(
            f"{name:28} {len(found):3}/{len(SAME)} ({len(found) / len(SAME):4.0%})  "
            f"{len(kept_apart):3}/{len(DIFFERENT)} ({len(kept_apart) / len(DIFFERENT):4.0%})  {rate:10,.0f}"
        )
        if "-v" in sys.argv:
            missed = [p for p in SAME if p not in found]
            merged = [p for p in DIFFERENT if p not in kept_apart]
            print("   missed:", missed, "\n   merged:", merged)


if __name__ == "__main__":
    main()
