"""Partners, their clients and the official IPTC schemas the output is checked against."""

import json
from pathlib import Path

import pytest
from django.test import Client
from jsonschema import Draft202012Validator
from referencing import Registry

from khabar.syndication.models import Partner

SCHEMAS = Path(__file__).resolve().parents[2] / "khabar" / "syndication" / "schemas"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _no_remote(uri):
    raise LookupError(f"the tests fetch nothing: {uri}")


@pytest.fixture(scope="session")
def ninjs_validator():
    """IPTC's ninjs 2.1 JSON Schema (Draft 2020-12), formats checked, remote references refused."""
    schema = json.loads((SCHEMAS / "ninjs-schema_2.1.json").read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(
        schema,
        registry=Registry(retrieve=_no_remote),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


@pytest.fixture
def make_partner(db):
    def make(name="شريك", *, sections=(), rate_limit=None, active=True):
        partner = Partner(name=name, rate_limit=rate_limit, active=active)
        token = partner.new_token()
        partner.save()
        partner.sections.set(sections)
        return partner, token

    return make


@pytest.fixture
def api(make_partner):
    """A client that sends a partner's token."""
    _partner, token = make_partner()
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def staff_article(make_article):
    """A story the newsroom wrote itself: no agency, no wire item."""

    def make(title="خبر من مراسلنا", **kwargs):
        kwargs.setdefault("agency_", None)
        kwargs.setdefault("source_url", "")
        return make_article(title, **kwargs)

    return make
