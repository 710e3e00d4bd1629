"""The words numbers are written with, in English and Arabic: units, tens, scales, teens, ordinals and
the Arabic forms each takes (gender, case, dual, plural), normalised. ``khabar.arabic.numbers`` reads
numbers in text with them."""

from .normalize import normalize
from .words import CLITICS

# The grammatical number of a scale word: «ألف» (one), «ألفين» (dual), «آلاف» (plural), «ألفا» (either).
ONE, DUAL, PLURAL, ONE_OR_DUAL = "one", "dual", "plural", "one-or-dual"

_EN_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_EN_TENS = {
    w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_EN_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tln": 1e12,
    "dozen": 12,
}
_EN_SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12}


def _arabic_forms(table: dict[str, object]) -> dict[str, object]:
    return {normalize(k): v for k, v in table.items()}


# Units in both genders and cases; «واحد» and «اثنان» are soft (Arabic says
# «one» and «two» with the noun itself: «جندي», «جنديين»).
_AR_NUMS = _arabic_forms(
    {
        "صفر": 0,
        "واحد": 1,
        "واحدة": 1,
        "واحدا": 1,
        "اثنان": 2,
        "اثنين": 2,
        "اثنتان": 2,
        "اثنتين": 2,
        "ثلاث": 3,
        "ثلاثة": 3,
        "أربع": 4,
        "أربعة": 4,
        "خمس": 5,
        "خمسة": 5,
        "ست": 6,
        "ستة": 6,
        "سبع": 7,
        "سبعة": 7,
        "ثمان": 8,
        "ثماني": 8,
        "ثمانية": 8,
        "تسع": 9,
        "تسعة": 9,
        "عشر": 10,
        "عشرة": 10,
        **{
            f"{stem}{end}": 10 * n
            for n, stem in enumerate(("عشر", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"), start=2)
            for end in ("ون", "ين")
        },
        "مئة": 100,
        "مائة": 100,
        "مئتان": 200,
        "مئتين": 200,
        "مئتا": 200,
        "مئتي": 200,
        "مائتان": 200,
        "مائتين": 200,
        "مائتا": 200,
        "مائتي": 200,
        **{
            f"{unit}{hundred}": 100 * n
            for n, unit in enumerate(("ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"), start=3)
            for hundred in ("مئة", "مائة")
        },
        "ثمانمئة": 800,
        "ثمانمائة": 800,
    }
)
_AR_TEEN_HEADS = _arabic_forms({"أحد": 1, "إحدى": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2})
_AR_TEN = _arabic_forms({"عشر": 10, "عشرة": 10})
_AR_SCALES = _arabic_forms(
    {
        "ألف": (1e3, ONE),
        "ألفا": (1e3, ONE_OR_DUAL),
        "ألفان": (1e3, DUAL),
        "ألفين": (1e3, DUAL),
        "ألفي": (1e3, DUAL),
        "آلاف": (1e3, PLURAL),
        "آلالاف": (1e3, PLURAL),
        "مليون": (1e6, ONE),
        "مليونا": (1e6, ONE_OR_DUAL),
        "مليونان": (1e6, DUAL),
        "مليونين": (1e6, DUAL),
        "مليوني": (1e6, DUAL),
        "ملايين": (1e6, PLURAL),
        "مليار": (1e9, ONE),
        "مليارا": (1e9, ONE_OR_DUAL),
        "ملياران": (1e9, DUAL),
        "مليارين": (1e9, DUAL),
        "ملياري": (1e9, DUAL),
        "مليارات": (1e9, PLURAL),
        "بليون": (1e9, ONE),
        "تريليون": (1e12, ONE),
        "تريليونات": (1e12, PLURAL),
    }
)
_AR_HUNDRED_WORDS = _arabic_forms({"مئة": 1, "مائة": 1})
# Ordinals are soft: «صبي في العاشرة» answers «a 10-year-old», «القرن الحادي والعشرين» «the 21st century».
_AR_ORDINALS = _arabic_forms(
    {
        f"{stem}{end}": n
        for n, stem in enumerate(
            ("أول", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر"), 1
        )
        for end in ("", "ة")
    }
    | {"أولى": 1, "حادي": 1, "حادية": 1}
)
_AR_NUMS.update({k: v for k, v in _AR_ORDINALS.items() if k not in _AR_NUMS})
_AR_TEEN_HEADS.update({normalize(k): 1 for k in ("حادي", "حادية")})
_AR_HALF = normalize("نصف")
_AR_ENTRIES = frozenset({*_AR_NUMS, *_AR_SCALES, *_AR_TEEN_HEADS, _AR_HALF})
_AR_AND = "و"
_AR_SOFT_VALUES = (1, 2)

# Numbers are read from their tokens: digits, and the words a number can be made of.
# In English one regular expression finds them all in a single pass (``_token_pattern``);
# Arabic number words are looked up among the words of the paragraph (``_arabic_tokens``).
_AR_FORMS = sorted({*_AR_NUMS, *_AR_SCALES, *_AR_TEEN_HEADS, *_AR_TEN, _AR_HALF}, key=len, reverse=True)
_AR_WORDS = frozenset(
    {_AR_AND, *_AR_FORMS, *(clitics.text + form for clitics in CLITICS for form in _AR_FORMS)}
)
_EN_WORDS = frozenset({*_EN_UNITS, *_EN_TENS, *_EN_SCALES, "hundred", "and", "a", "an", "half", "decade"})
