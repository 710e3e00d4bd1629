"""TMX 1.4 import and export: round trip, other tools' files, hostile files."""

import io

import pytest
from lxml import etree

from khabar.desk import tmx
from khabar.desk.models import MemorySegment

pytestmark = pytest.mark.django_db


def _tmx(
    body: str,
    header='<header srclang="en" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/>',
) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4">{header}<body>{body}</body></tmx>'.encode()
    )


def test_export_import_round_trip_keeps_every_pair_and_character():
    pairs = [
        ("Putin said <b> & 'quoted' \"text\".", "قال بوتين <b> و'اقتباس' \"نص\"."),
        ("Line one\twith tab", "سطر ١٢٣ مع ٪"),
        ("Moscow (AP) —", "موسكو (أ.ب) —"),
    ]
    for source, target in pairs:
        MemorySegment.objects.create(source=source, target=target, origin="desk")
    data = tmx.export_tmx()
    root = etree.fromstring(data)
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "en"
    MemorySegment.objects.all().delete()
    report = tmx.import_tmx(data, origin="tmx:round.tmx")
    assert (report.units, report.created, report.skipped) == (3, 3, [])
    assert {(s.source, s.target) for s in MemorySegment.objects.all()} == {
        (" ".join(s.split()), t) for s, t in pairs
    }
    assert tmx.import_tmx(data).existing == 3
    assert MemorySegment.objects.count() == 3


def test_import_reads_regional_codes_inline_markup_and_skips_unpaired_units():
    data = _tmx(
        '<tu><tuv xml:lang="EN-US"><seg>The <bpt i="1">&lt;b&gt;</bpt>Kremlin<ept i="1">&lt;/b&gt;</ept> said</seg></tuv>'
        '<tuv xml:lang="ar-EG"><seg>قال <hi>الكرملين</hi></seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg>Only English</seg></tuv><tuv xml:lang="fr"><seg>Seulement</seg></tuv></tu>'
        '<tu><tuv><seg>Header language</seg></tuv><tuv xml:lang="ar"><seg>لغة الترويسة</seg></tuv></tu>'
    )
    report = tmx.import_tmx(data)
    assert report.units == 3 and report.created == 2 and len(report.skipped) == 1
    assert MemorySegment.objects.filter(source="The Kremlin said", target="قال الكرملين").exists()
    assert MemorySegment.objects.filter(source="Header language").exists()


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu></body></tmx>',
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b"<tmx><body>&lol2;</body></tmx>",
        "<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE t [<!ENTITY a 'b'>]><tmx/>".encode("utf-16"),
        b"<tmx><body><tu>",
        b"",
        b"\x00\x01\x02 not xml",
        b'<?xml version="1.0"?><html><body/></html>',
    ],
)
def test_hostile_and_broken_files_are_refused_with_a_message(data):
    with pytest.raises(tmx.TMXError) as caught:
        tmx.import_tmx(data)
    assert str(caught.value)
    assert MemorySegment.objects.count() == 0


def test_external_dtd_is_never_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "file://{secret}">'
        '<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="ar"><seg>ب</seg></tuv></tu></body></tmx>'
    ).encode()
    tmx.import_tmx(data)
    assert not MemorySegment.objects.filter(source__contains="TOP-SECRET").exists()


def test_admin_tmx_import_and_export(client, admin_user):
    client.force_login(admin_user)
    upload = io.BytesIO(
        _tmx('<tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="ar"><seg>مرحبا</seg></tuv></tu>')
    )
    upload.name = "agency.tmx"
    assert client.post("/admin/desk/memory/import/", {"file": upload}).status_code == 302
    segment = MemorySegment.objects.get()
    assert segment.origin == "tmx:agency.tmx"
    response = client.get("/admin/desk/memory/export.tmx")
    assert b"<seg>\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7</seg>" in response.content
    bad = io.BytesIO(b"<tmx><body>")
    bad.name = "bad.tmx"
    response = client.post("/admin/desk/memory/import/", {"file": bad})
    assert response.status_code == 200 and "XML" in response.content.decode()
