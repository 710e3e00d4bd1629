import json
from pathlib import Path

import pytest

from khabar.wire.models import Source

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_path():
    return lambda name: str(FIXTURES / name)


@pytest.fixture
def wire_source(agency):
    return Source.objects.create(
        name="Test agency", slug="test-agency", kind=Source.Kind.FOLDER, agency=agency,
        usage_terms="Credit the agency.", language="ar",
    )  # fmt: skip


@pytest.fixture
def ingest_json(run):
    def ingest(*paths, source=None):
        args = ["ingest", *paths, "--json"] + (["--source", source] if source else [])
        code, out, err = run(*args)
        return code, json.loads(out)

    return ingest
