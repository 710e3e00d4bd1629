"""The glossary a fresh install starts with: datelines translate on day one."""

import importlib
import unicodedata

import pytest
from django.apps import apps

from khabar.desk.glossary import arabic_dateline, place_key, translate_dateline_city
from khabar.desk.models import GlossaryTerm
from khabar.desk.starter import capitals, load_starter_glossary, starter_terms
from khabar.newsroom.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter_glossary(db):
    """The starter glossary with Reuters among the newsroom's agencies (seeded or not)."""
    from khabar.desk.starter import agencies_of

    Agency.objects.get_or_create(name="Reuters", defaults={"credit": "رويترز"})
    load_starter_glossary(GlossaryTerm, agencies_of(Agency))
    return GlossaryTerm.objects.all()


def wire_spelling(place: str) -> str:
    """«Bogotá» as the English wire writes it in a dateline: «BOGOTA»."""
    folded = unicodedata.normalize("NFKD", place)
    return "".join(c for c in folded if not unicodedata.combining(c)).upper()


def test_beirut_reuters_translates_on_a_fresh_install(starter_glossary):
    assert arabic_dateline("BEIRUT (Reuters) — Lebanon's parliament met.") == "بيروت (رويترز) —"
    assert arabic_dateline("WASHINGTON (Reuters) - The Senate voted.") == "واشنطن (رويترز) —"


def test_every_capital_citys_dateline_translates(starter_glossary):
    rows = capitals()
    assert len({row["country"] for row in rows}) >= 190
    expected = {}
    for row in rows:
        expected.setdefault(place_key(row["capital"]), row["arabic"])
    untranslated = []
    for row in rows:
        arabic = expected[place_key(row["capital"])]
        for spelling in {wire_spelling(row["capital"]), row["capital"].upper()}:
            got = arabic_dateline(f"{spelling} (Reuters) — The government said on Monday.")
            if got != f"{arabic} (رويترز) —":
                untranslated.append((row["country"], spelling, got))
    assert untranslated == []


def test_the_city_alone_for_the_hand_off(starter_glossary):
    assert translate_dateline_city("BEIRUT") == "بيروت"
    assert translate_dateline_city("KYIV, Ukraine") == "كييف"
    assert translate_dateline_city("BOGOTA") == translate_dateline_city("Bogotá") == "بوغوتا"
    assert translate_dateline_city("ST. JOHN’S") == translate_dateline_city("St. John's") != ""
    assert translate_dateline_city("NOWHERE-ON-EARTH") == ""


def test_starter_covers_countries_world_cities_languages_currencies_and_agencies(starter_glossary):
    by_source = {t.source: t for t in starter_glossary}
    assert (by_source["Lebanon"].target, by_source["Lebanon"].kind) == ("لبنان", "place")
    assert by_source["New York"].target == "نيويورك"
    assert by_source["Arabic"].target == "العربية"
    assert by_source["Euro"].target == "يورو"
    assert (by_source["Reuters"].target, by_source["Reuters"].kind) == ("رويترز", "agency")
    assert by_source["Abuja"].note.startswith("GeoNames")  # a source editors are asked to review
    assert len(by_source) > 800


def test_loading_again_adds_nothing_and_keeps_the_newsrooms_own_forms(db):
    GlossaryTerm.objects.create(source="beirut", target="بيروت الكبرى", kind="place")
    first = load_starter_glossary(GlossaryTerm)
    assert first == len(starter_terms()) - 1
    assert load_starter_glossary(GlossaryTerm) == 0
    assert GlossaryTerm.objects.get(source__iexact="beirut").target == "بيروت الكبرى"


def test_the_migration_loads_it_with_the_agencies_the_newsroom_has(settings, db):
    Agency.objects.create(name="Kurdistan24", credit="كوردستان 24")
    migration = importlib.import_module("khabar.desk.migrations.0005_starter_glossary")
    settings.KHABAR_STARTER_GLOSSARY = False
    migration.load(apps, None)
    assert not GlossaryTerm.objects.exists()
    settings.KHABAR_STARTER_GLOSSARY = True
    migration.load(apps, None)
    assert GlossaryTerm.objects.get(source="Kurdistan24").target == "كوردستان 24"
    assert GlossaryTerm.objects.filter(source="Beirut", target="بيروت").exists()


def test_the_desk_translates_the_dateline_of_a_new_translation(starter_glossary, admin_user, section):
    from khabar.desk.drafting import open_translation
    from khabar.wire.models import WireItem

    item = WireItem.objects.create(
        uri="urn:reuters:beirut-1",
        version="1",
        language="en",
        headline="Lebanon's parliament meets",
        body_html="<p>BEIRUT (Reuters) — Lebanon's parliament met on Monday.</p>",
        pubstatus="usable",
    )
    translation = open_translation(item, admin_user, section)
    opening = translation.segments.order_by("position")[1]
    assert opening.target.startswith("بيروت (رويترز) —")
    assert translation.article.get_latest_revision_as_object().dateline_city == "بيروت"
