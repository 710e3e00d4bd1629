"""Fixtures for the translation desk: glossary terms and a desk user."""

import pytest
from django.contrib.auth import get_user_model

from khabar.desk.models import GlossaryTerm


@pytest.fixture
def glossary(db):
    terms = [
        GlossaryTerm(source="Moscow", target="موسكو", kind="place"),
        GlossaryTerm(
            source="Vladimir Putin", target="فلاديمير بوتين", kind="person", variants="بوتن\nبوتينن"
        ),
        GlossaryTerm(
            source="Federation Council",
            target="مجلس الاتحاد الروسي",
            kind="organisation",
            variants="مجلس الفيدرالية",
        ),
        GlossaryTerm(source="AP", target="أ.ب", kind="agency"),
        GlossaryTerm(source="NATO", target="الناتو", kind="organisation", variants="النيتو"),
        GlossaryTerm(source="iPhone", target="", kind="other", keep_latin=True, note="brand"),
    ]
    for term in terms:
        term.save()
    return {term.source: term for term in terms}


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("desk-admin", "desk@example.org", "pw-desk-admin-1")


BODY = (
    "<p>MOSCOW (AP) — Russia's Federation Council ratified the treaty on Wednesday.</p>"
    "<h2>Reaction</h2>"
    "<p>Vladimir Putin signed it into law.</p>"
)


@pytest.fixture
def wire_item(db, agency, glossary):
    from khabar.wire.models import WireItem

    return WireItem.objects.create(
        uri="urn:ap:1",
        version="1",
        agency=agency,
        language="en",
        headline="Russia ratifies military treaty",
        body_html=BODY,
        link="https://apnews.com/article/1",
        usage_terms="Credit AP. No archiving.",
        pubstatus="usable",
    )


@pytest.fixture
def desk_translation(wire_item, admin_user, section):
    from khabar.desk.drafting import open_translation

    return open_translation(wire_item, admin_user, section)
