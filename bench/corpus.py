"""A deterministic synthetic corpus of Arabic agency stories, one JSON object a line.

    python bench/corpus.py N > stories.jsonl

Each story has the fields ``khabar import-articles`` reads (``id, headline, author, dateline, agency,
source_url, published_at, body``) plus ``planted_variant``: one story in 97 (ids 0, 97, 194, …) carries a
word in one spelling, ``[printed, query]``, that a reader types in another (hamza, teh marbuta, alef
maksura, harakat, tatweel), so search recall can be measured; the others carry ``null``. The same N gives
the same file on every machine (a fixed seed, stories seven minutes apart from 6 November 2024 08:00 UTC).

Benchmarks run it as a script; tests import ``stories``/``VARIANTS`` directly.
"""

import datetime as dt
import json
import random
import sys
from collections.abc import Iterator

SEED = 20261129
START = dt.datetime(2024, 11, 6, 8, 0, tzinfo=dt.UTC)
MINUTES_APART = 7
PLANT_EVERY = 97

CITIES = [
    "موسكو", "بيونغ يانغ", "واشنطن", "سيول", "كييف", "القاهرة", "بيروت", "الرياض", "دبي", "عمّان",
    "بغداد", "الرباط", "تونس", "الدوحة", "طوكيو", "باريس", "لندن", "برلين",
]  # fmt: skip
AGENCIES = [
    ("أ.ب", "https://apnews.com/article/"),
    ("رويترز", "https://www.reuters.com/world/"),
    ("أ ف ب", "https://www.afp.com/ar/news/"),
]
AUTHORS = ["العربية الآن", "سارة المنصوري", "خالد العتيبي", "ليلى حداد", "يوسف بن علي", "مريم الشامي"]

# Who did what, and when: the opening sentence and the headline.
SUBJECTS = [
    "مجلس الاتحاد الروسي", "وزارة الخارجية", "البرلمان", "الحكومة", "الجيش", "المتحدث باسم الوزارة",
    "رئيس الوزراء", "وزير الدفاع", "البنك المركزي", "الأمم المتحدة", "المفوضية الأوروبية", "وكالة الطاقة",
]  # fmt: skip
VERBS = ["صادق", "أعلن", "أكد", "نفى", "رفض", "ناقش", "وقع", "دعا", "حذر", "أطلق", "استقبل", "اتهم"]
OBJECTS = [
    "معاهدة للتعاون العسكري", "اتفاقا تجاريا جديدا", "خطة لإعادة الإعمار", "بيانا مشتركا",
    "عقوبات اقتصادية", "مشروع قانون الموازنة", "مفاوضات السلام", "صفقة لتبادل الأسرى",
    "برنامج المساعدات الإنسانية", "قرارا بشأن الحدود",
]  # fmt: skip
WHEN = [
    "يوم الأحد", "يوم الإثنين", "يوم الثلاثاء", "يوم الأربعاء", "يوم الخميس", "يوم الجمعة", "يوم السبت",
    "صباح اليوم", "مساء أمس",
]  # fmt: skip

# Background paragraphs, each followed by its attribution to the story's agency.
FILLER = [
    "وقال مسؤولون إن الخطوة تأتي في إطار تعزيز العلاقات الثنائية بين البلدين",
    "وأضاف المتحدث أن المحادثات ستستمر خلال الأسابيع المقبلة",
    "ولم يصدر أي تعليق رسمي من الجانب الآخر حتى الآن",
    "وأشار محللون إلى أن القرار قد يؤثر على أسواق الطاقة في المنطقة",
    "وتعد هذه الخطوة الأولى من نوعها منذ نهاية الحرب الباردة",
    "وشهدت العاصمة إجراءات أمنية مشددة تزامنا مع الاجتماع",
    "وأعربت منظمات حقوقية عن قلقها من تداعيات الاتفاق على المدنيين",
    "ومن المتوقع أن يصوت المجلس على المشروع في جلسة علنية الشهر المقبل",
    "وذكرت وسائل إعلام محلية أن آلاف المواطنين تابعوا الحدث عبر البث المباشر",
    "وقالت الوزارة في بيان إنها ستواصل التنسيق مع الشركاء الدوليين",
]
SUBHEADS = [
    "تعزيز التعاون",
    "ردود فعل دولية",
    "خلفية الاتفاق",
    "مخاوف إقليمية",
    "ما الخطوة التالية",
    "تفاصيل الاجتماع",
]

# (as printed in the story, as a reader types it): the same word in another spelling.
VARIANTS = [
    ("أحمد", "احمد"), ("إسرائيل", "اسرائيل"), ("مستشفى", "مستشفي"), ("مدرسة", "مدرسه"),
    ("مُعاهَدة", "معاهدة"), ("الاتحـــاد", "الاتحاد"), ("آسيا", "اسيا"), ("مؤتمر", "موتمر"),
    ("الرئاسية", "الرئاسيه"), ("سيئول", "سيول"),
]  # fmt: skip

SUBHEADING_BEFORE = (2, 5)  # paragraph positions that open with a subheading


def planted_variant(story_id: int) -> tuple[str, str] | None:
    if story_id % PLANT_EVERY:
        return None
    return VARIANTS[(story_id // PLANT_EVERY) % len(VARIANTS)]


def _paragraphs(rnd: random.Random, subject: str, verb: str, obj: str, agency: str) -> list[str]:
    lead = f"{verb} {subject} {rnd.choice(WHEN)} {obj}، وفق ما أفاد به مسؤولون، في خطوة وصفت بأنها الأهم هذا العام."
    background = [
        f"{rnd.choice(FILLER)}، بحسب ما نقلته {agency} عن مصادر مطلعة ({rnd.randint(2, 90)} مسؤولا)."
        for _ in range(rnd.randint(5, 12))
    ]
    return [lead, *background]


def story(story_id: int, rnd: random.Random) -> dict:
    """Story ``story_id``; ``rnd`` must be the generator's shared stream, advanced by the stories before."""
    city = rnd.choice(CITIES)
    agency, url_base = rnd.choice(AGENCIES)
    subject, verb, obj = rnd.choice(SUBJECTS), rnd.choice(VERBS), rnd.choice(OBJECTS)
    paragraphs = _paragraphs(rnd, subject, verb, obj, agency)
    subheads = iter(rnd.sample(SUBHEADS, len(SUBHEADING_BEFORE)))
    body = []
    for position, text in enumerate(paragraphs):
        if position in SUBHEADING_BEFORE:
            body.append({"type": "subheading", "text": next(subheads)})
        body.append({"type": "paragraph", "text": text})
    variant = planted_variant(story_id)
    if variant:
        body.append(
            {"type": "paragraph", "text": f"وحضر الاجتماع ممثلون عن {variant[0]} إلى جانب وفود أخرى."}
        )
    return {
        "id": story_id,
        "headline": f"{subject} {verb} {obj} في {city}",
        "author": rnd.choice(AUTHORS),
        "dateline": city,
        "agency": agency,
        "source_url": f"{url_base}{story_id:07d}",
        "published_at": (START + dt.timedelta(minutes=MINUTES_APART * story_id)).isoformat(),
        "body": body,
        "planted_variant": list(variant) if variant else None,
    }


def stories(count: int) -> Iterator[dict]:
    rnd = random.Random(SEED)
    for story_id in range(count):
        yield story(story_id, rnd)


def write_jsonl(count: int, out) -> None:
    for item in stories(count):
        out.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write_jsonl(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, sys.stdout)
