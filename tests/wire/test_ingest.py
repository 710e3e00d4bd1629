"""Ingest end to end: payload kept first, idempotency, versions, kills, near-duplicates, CLI contract."""

import json

import pytest

from khabar.wire.ingest import ingest_bytes
from khabar.wire.models import Payload, WireItem, WireItemVersion, WireLog


@pytest.mark.django_db
def test_ingest_json_contract(ingest_json, fixture_path):
    code, report = ingest_json(fixture_path("ar_ninjs2_list.json"), fixture_path("ar_newsml_message.xml"))
    assert code == 0
    assert list(report) == ["files", "items_created", "items_updated", "duplicates", "killed", "rejected"]
    assert report["files"] == 2
    assert report["items_created"] == 4
    assert report["killed"] == 1  # the withheld NewsML item
    assert {(r["item"], r["error"]) for r in report["rejected"]} == {
        ("urn:khabar:test:ar-003", "missing required field headline"),
        ("urn:khabar:test:ar-004", "invalid date in versioncreated: 'الثلاثاء الماضي'"),
        ("urn:khabar:g2:ar-202", "missing required field headline"),
        ("urn:khabar:g2:pkg-1", "packageItem is not a news item"),
    }
    assert all(r["path"].endswith((".json", ".xml")) for r in report["rejected"])
    assert WireLog.objects.filter(item_ref="urn:khabar:test:ar-003").exists()


@pytest.mark.django_db
def test_same_item_twice_is_one_record(ingest_json, fixture_path):
    ingest_json(fixture_path("ar_newsml_item_nitf.xml"))
    code, report = ingest_json(fixture_path("ar_newsml_item_nitf.xml"))
    assert (report["items_created"], report["duplicates"]) == (0, 1)
    assert WireItem.objects.count() == 1
    assert Payload.objects.count() == 2  # every payload is still kept verbatim


@pytest.mark.django_db
def test_newer_version_updates_and_keeps_the_old_with_a_diff(ingest_json, fixture_path):
    ingest_json(fixture_path("ar_newsml_item_nitf.xml"))
    code, report = ingest_json(fixture_path("ar_newsml_item_nitf_v2.xml"))
    assert (report["items_created"], report["items_updated"]) == (0, 1)
    item = WireItem.objects.get()
    assert (item.version, item.headline) == ("2", "الأردن يرفع سعر الفائدة ربع نقطة")
    old = WireItemVersion.objects.get(item=item)
    assert (old.version, old.headline) == ("1", "الأردن يرفع سعر الفائدة")
    assert "\n-الأردن يرفع سعر الفائدة\n" in old.diff
    assert "\n+الأردن يرفع سعر الفائدة ربع نقطة\n" in old.diff
    assert old.diff.endswith("استقرار الدينار. وقال المحافظ إن القرار مؤقت.")
    # The old version arriving late changes nothing and is not stored twice.
    code, report = ingest_json(fixture_path("ar_newsml_item_nitf.xml"))
    assert report["duplicates"] == 1
    assert WireItem.objects.get().version == "2"
    assert WireItemVersion.objects.count() == 1


@pytest.mark.django_db
def test_late_older_version_is_kept_in_history(ingest_json, fixture_path):
    ingest_json(fixture_path("ar_newsml_item_nitf_v2.xml"))
    code, report = ingest_json(fixture_path("ar_newsml_item_nitf.xml"))
    assert report["duplicates"] == 1
    assert WireItem.objects.get().version == "2"
    assert WireItemVersion.objects.get().version == "1"


@pytest.mark.django_db
def test_kill_marks_the_item(ingest_json, fixture_path):
    ingest_json(fixture_path("ar_ninjs2_list.json"))
    code, report = ingest_json(fixture_path("ar_ninjs3_canceled.json"))
    assert (report["items_updated"], report["killed"]) == (1, 1)
    item = WireItem.objects.get(uri="urn:khabar:test:ar-001")
    assert item.status == "killed" and item.killed_at is not None
    assert item.versions.get().version == "1"


@pytest.mark.django_db
def test_embargo_status(ingest_json, fixture_path):
    ingest_json(fixture_path("ninjs1_embargoed.json"))
    assert WireItem.objects.get().status == "embargoed"


@pytest.mark.django_db
def test_source_gives_agency_and_usage_terms(ingest_json, fixture_path, wire_source):
    ingest_json(fixture_path("ar_newsml_item_nitf.xml"), source="test-agency")
    item = WireItem.objects.get()
    assert item.source == wire_source and item.agency == wire_source.agency
    assert item.usage_terms == "Credit the agency.\nيسمح بالترجمة والنشر مع ذكر المصدر"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["hostile_xxe_file.xml", "hostile_billion_laughs.xml", "broken_truncated.json", "broken_empty.xml"],
)
def test_unreadable_file_exits_2_keeps_the_payload(ingest_json, fixture_path, name):
    code, report = ingest_json(fixture_path(name))
    assert code == 2
    assert report["files"] == 1 and report["items_created"] == 0
    [rejection] = report["rejected"]
    assert rejection["item"] is None and rejection["path"].endswith(name) and rejection["error"]
    payload = Payload.objects.get()
    assert payload.status == "failed" and bytes(payload.data) == open(fixture_path(name), "rb").read()
    assert WireLog.objects.filter(payload=payload).exists()


@pytest.mark.django_db
def test_missing_file_and_unknown_source_exit_2_without_traceback(run, fixture_path):
    code, out, err = run("ingest", "/nonexistent/file.xml", "--json")
    assert code == 2
    assert json.loads(out)["rejected"] == [
        {"path": "/nonexistent/file.xml", "item": None, "error": "No such file or directory"}
    ]
    code, out, err = run("ingest", fixture_path("ar_atom.xml"), "--source", "nope", "--json")
    assert code == 2 and "unknown source" in out
    assert "Traceback" not in out + err


@pytest.mark.django_db
def test_ingest_a_folder(ingest_json, tmp_path, fixture_path):
    for name in ("ar_atom.xml", "ap_media_feed.json"):
        (tmp_path / name).write_bytes(open(fixture_path(name), "rb").read())
    code, report = ingest_json(str(tmp_path))
    assert code == 0 and report["files"] == 2 and report["items_created"] == 2


@pytest.mark.django_db
def test_wire_list(run, ingest_json, fixture_path):
    ingest_json(fixture_path("ar_newsml_message.xml"), fixture_path("ninjs1_embargoed.json"))
    code, out, err = run("wire", "list", "--json")
    rows = {r["uri"]: r for r in json.loads(out)}
    assert rows["urn:khabar:g2:ar-201"]["status"] == "withheld"
    assert rows["urn:khabar:test:en-embargo"]["status"] == "embargoed"
    assert rows["urn:khabar:g2:ar-200"] == {
        "uri": "urn:khabar:g2:ar-200", "version": "1", "status": "usable", "language": "ar",
        "headline": "وزير الخارجية المصري في موسكو", "source": None,
    }  # fmt: skip


@pytest.mark.django_db
def test_reparse_after_a_fix(run, fixture_path, monkeypatch):
    from khabar.wire import parsers
    from khabar.wire.parsers import ninjs

    real = ninjs.parse
    monkeypatch.setitem(parsers.PARSERS, "ninjs", type("Broken", (), {"FORMAT": "ninjs", "looks_like": ninjs.looks_like, "parse": staticmethod(lambda d: (_ for _ in ()).throw(parsers.errors.NinjsError("parser bug")))}))  # fmt: skip
    code, out, err = run("ingest", fixture_path("ninjs1_embargoed.json"), "--json")
    assert code == 2 and WireItem.objects.count() == 0
    monkeypatch.setitem(parsers.PARSERS, "ninjs", ninjs)
    assert ninjs.parse is real
    code, out, err = run("wire", "reparse", "--json")
    assert code == 0 and json.loads(out)["items_created"] == 1
    assert Payload.objects.get().status == "parsed"


@pytest.mark.django_db
def test_near_duplicates_grouped_across_sources():
    body = (
        "<p>Egypt's foreign minister arrived in Moscow on Tuesday for a two-day official visit during which he "
        "will meet his Russian counterpart to discuss bilateral relations and the situation in the region.</p>"
    )
    rewrite = body.replace("Tuesday", "Tuesday morning").replace("two-day", "two day")
    other = "<p>The central bank raised its main interest rate by a quarter point to curb inflation.</p>"

    def ninjs(uri, headline, html):
        return json.dumps({"uri": uri, "version": "1", "headlines": [{"value": headline}],
                           "bodies": [{"contenttype": "text/html", "value": html}]}).encode()  # fmt: skip

    ingest_bytes(ninjs("urn:ap:1", "Egypt FM arrives in Moscow", body))
    ingest_bytes(ninjs("urn:reuters:9", "Egypt FM arrives in Moscow", rewrite))
    ingest_bytes(ninjs("urn:afp:5", "Rates up", other))
    ap, reuters, afp = (WireItem.objects.get(uri=u) for u in ("urn:ap:1", "urn:reuters:9", "urn:afp:5"))
    assert ap.cluster_id == reuters.cluster_id == ap.pk
    assert afp.cluster_id is None
    assert list(ap.also_from()) == [reuters]


@pytest.mark.django_db
def test_arabic_near_duplicates_fold_spelling():
    a = "<p>أعلن البنك المركزي الأردني رفع سعر الفائدة الرئيسي بمقدار ربع نقطة مئوية في خطوة تهدف إلى كبح التضخم.</p>"
    b = "<p>اعلن البنك المركزي الاردني رفع سعر الفائدة الرئيسي بمقدار ربع نقطة مئويه في خطوة تهدف الى كبح التضخم.</p>"
    for uri, html in (("urn:a", a), ("urn:b", b)):
        ingest_bytes(json.dumps({"uri": uri, "headlines": [{"value": "الفائدة"}],
                                 "bodies": [{"contenttype": "text/html", "value": html}]}).encode())  # fmt: skip
    assert WireItem.objects.get(uri="urn:b").cluster_id == WireItem.objects.get(uri="urn:a").pk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_conflict_keeps_the_payload_and_reports_it(fixture_path, monkeypatch):
    from django.db import IntegrityError

    from khabar.wire import ingest

    def conflict(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: wire_wireitem.uri")

    monkeypatch.setattr(ingest, "file_items", conflict)
    report = ingest_bytes(open(fixture_path("ar_newsml_item_nitf.xml"), "rb").read(), origin="a.xml")
    assert (report.unreadable, report.items_created) == (1, 0)
    assert "concurrent ingest" in report.rejected[0]["error"]
    payload = Payload.objects.get()
    assert payload.status == "failed" and payload.size > 0
    monkeypatch.undo()
    assert ingest.ingest_payload(payload).items_created == 1


def _read(fixture_path, name):
    return open(fixture_path(name), "rb").read()


@pytest.mark.django_db
def test_files_filed_in_one_batch_keep_order_versions_and_every_payload(fixture_path):
    """A batch of files is stored first, then filed together: versions in file order, a bad file loses nothing."""
    from khabar.wire.ingest import ingest_files
    from khabar.wire.report import IngestReport

    entries = [
        (_read(fixture_path, "ar_newsml_item_nitf.xml"), "v1.xml"),
        (_read(fixture_path, "broken_truncated.json"), "broken.json"),
        (_read(fixture_path, "ar_newsml_item_nitf_v2.xml"), "v2.xml"),
        (_read(fixture_path, "ar_newsml_item_nitf.xml"), "v1-again.xml"),  # a late copy of version 1
        (_read(fixture_path, "ar_ninjs2_list.json"), "list.json"),
    ]
    report = IngestReport()
    filed = list(ingest_files(entries, report=report, files_per_batch=10))
    assert [p.origin for p, _ in filed] == [origin for _, origin in entries]
    assert [p.status for p, _ in filed] == ["parsed", "failed", "parsed", "parsed", "partial"]
    assert (report.files, report.items_created, report.items_updated, report.duplicates) == (5, 3, 1, 1)
    item = WireItem.objects.get(uri="urn:khabar:g2:ar-100")
    assert item.version == "2" and item.payload.origin == "v2.xml"
    assert list(item.versions.values_list("version", flat=True)) == ["1"]
    assert [bytes(p.data) for p in Payload.objects.order_by("pk")] == [data for data, _ in entries]
    assert Payload.objects.get(origin="broken.json").status == "failed"
    assert WireLog.objects.filter(payload__origin="broken.json").exists()
    # Filed as one batch or one by one, the outcome is the same.
    again = IngestReport()
    for data, origin in entries:
        ingest_bytes(data, origin=origin, report=again)
    assert (again.items_created, again.items_updated, again.duplicates) == (0, 0, 5)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_conflict_in_a_batch_sets_aside_only_its_own_payload(fixture_path, monkeypatch):
    from django.db import IntegrityError

    from khabar.wire import ingest
    from khabar.wire.report import IngestReport

    real = ingest.file_items

    def clash_on_ar_100(pairs, report):
        if any(item.uri == "urn:khabar:g2:ar-100" for _, item in pairs):
            raise IntegrityError("UNIQUE constraint failed: wire_wireitem.uri")
        return real(pairs, report)

    monkeypatch.setattr(ingest, "file_items", clash_on_ar_100)
    entries = [
        (_read(fixture_path, "ar_ninjs2_list.json"), "list.json"),
        (_read(fixture_path, "ar_newsml_item_nitf.xml"), "clash.xml"),
        (_read(fixture_path, "ar_newsml_message.xml"), "message.xml"),
    ]
    report = IngestReport()
    statuses = {p.origin: p.status for p, _ in ingest.ingest_files(entries, report=report)}
    assert statuses == {"list.json": "partial", "clash.xml": "failed", "message.xml": "partial"}
    assert report.items_created == 4 and report.unreadable == 1
    assert sum("concurrent ingest" in r["error"] for r in report.rejected) == 1
    assert len(report.rejected) == 5  # four rejected items, counted once although the batch was filed twice
    assert not WireItem.objects.filter(uri="urn:khabar:g2:ar-100").exists()
    monkeypatch.undo()
    assert ingest.ingest_payload(Payload.objects.get(origin="clash.xml")).items_created == 1


@pytest.mark.django_db
def test_ingest_command_batches_files(ingest_json, run, tmp_path, fixture_path):
    for n in range(7):
        (tmp_path / f"{n}.xml").write_bytes(
            _read(fixture_path, "ar_newsml_item_nitf.xml").replace(b"ar-100", f"ar-1{n:02}".encode())
        )
    code, out, err = run("ingest", str(tmp_path), "--batch", "3", "--json")
    report = json.loads(out)
    assert code == 0 and (report["files"], report["items_created"]) == (7, 7)
    assert Payload.objects.filter(status="parsed").count() == 7


@pytest.mark.django_db
def test_the_fast_insert_stores_what_bulk_create_stores():
    """Ingest inserts new items with its own multi-row INSERT: every column must come out as Django's would."""
    import datetime as dt

    from khabar.wire import dedupe, sql

    def item(uri):
        return WireItem(
            uri=uri, version="3", headline="أحمد يصل", byline="مراسل", body_html="<p>نص&nbsp;الخبر</p>",
            subjects=[{"code": "medtop:04000000", "name": "اقتصاد"}], urgency=2, pubstatus="usable",
            embargoed=dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
            version_created=dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=3))),
            link="https://example.org/a", usage_terms="Credit", cluster_id=7,
            signature=dedupe.to_bytes(dedupe.signature("one two three four five six")),
            received_at=dt.datetime(2026, 11, 21, 10, 1, tzinfo=dt.UTC), updated_at=dt.datetime(2026, 11, 21, tzinfo=dt.UTC),
        )  # fmt: skip

    fast, slow = item("urn:fast"), item("urn:slow")
    sql.insert_items([fast])
    WireItem.objects.bulk_create([slow])
    assert fast.pk and not fast._state.adding
    columns = [f.attname for f in WireItem._meta.concrete_fields if f.attname not in ("id", "uri")]
    stored = {i.uri: i for i in WireItem.objects.all()}
    assert [getattr(stored["urn:fast"], c) for c in columns] == [
        getattr(stored["urn:slow"], c) for c in columns
    ]
    assert stored["urn:fast"].embargoed == dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
