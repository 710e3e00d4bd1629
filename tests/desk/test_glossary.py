"""Glossary: the model, CSV import/export and its admin pages."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from khabar.desk.glossary_csv import GlossaryImportError, export_csv, import_csv, parse_csv
from khabar.desk.models import GlossaryTerm

pytestmark = pytest.mark.django_db


def test_export_has_the_qa_header_and_pipe_separated_variants(glossary):
    rows = list(csv.DictReader(io.StringIO(export_csv())))
    assert list(rows[0])[:3] == ["source", "target", "variants"]
    putin = next(r for r in rows if r["source"] == "Vladimir Putin")
    assert putin == {
        "source": "Vladimir Putin",
        "target": "فلاديمير بوتين",
        "variants": "بوتن|بوتينن",
        "kind": "person",
        "keep_latin": "false",
        "note": "",
    }
    assert next(r for r in rows if r["source"] == "iPhone")["keep_latin"] == "true"


def test_export_then_import_round_trips(glossary):
    data = export_csv().encode()
    before = {
        (t.source, t.target, t.variants, t.kind, t.keep_latin, t.note) for t in GlossaryTerm.objects.all()
    }
    GlossaryTerm.objects.all().delete()
    report = import_csv(data)
    assert report.created == len(before)
    after = {
        (t.source, t.target, t.variants, t.kind, t.keep_latin, t.note) for t in GlossaryTerm.objects.all()
    }
    assert after == before


def test_import_of_a_minimal_qa_file_with_bom_updates_existing_terms(glossary):
    data = "\ufeffsource,target,variants\nvladimir putin,بوتين,بوتن\nKyiv,كييف,كيف|كييڤ\n".encode()
    report = import_csv(data)
    assert (report.created, report.updated) == (1, 1)
    putin = GlossaryTerm.objects.get(source="Vladimir Putin")
    assert putin.target == "بوتين" and putin.variant_list == ["بوتن"]
    kyiv = GlossaryTerm.objects.get(source="Kyiv")
    assert kyiv.kind == "other" and kyiv.variant_list == ["كيف", "كييڤ"]
    assert import_csv(data).unchanged == 2


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"english,arabic\nMoscow,\xd9\x85\n", "source"),
        (b"source,target\n\xff\xfe,x\n", "UTF-8"),
        (b"source,target,kind\nMoscow,\xd9\x85,planet\n", "planet"),
        (b"source,target\nMoscow,\n", "Moscow"),
        (b"source,target\n,\xd9\x85\n", "2"),
        (b"source,target,keep_latin\nNATO,,maybe\n", "maybe"),
        (b"source,target\nKyiv,a\nkyiv,b\n", "3"),
    ],
)
def test_bad_files_are_refused_whole_with_the_line(glossary, data, fragment):
    count = GlossaryTerm.objects.count()
    data = data.replace(b"\nMoscow,\xd9\x85\n", b"\nMoscow,\xd9\x85\nNew,\xd9\x85\n")
    with pytest.raises(GlossaryImportError) as caught:
        import_csv(data)
    assert fragment in str(caught.value)
    assert GlossaryTerm.objects.count() == count


def test_one_bad_line_among_good_ones_changes_nothing(glossary):
    with translation.override("en"), pytest.raises(GlossaryImportError) as caught:
        import_csv("source,target,kind\nKyiv,كييف,place\nOdesa,أوديسا,town\n")
    assert caught.value.errors == [
        "Line 3: unknown kind «town» (use agency, organisation, other, person, place)."
    ]
    assert not GlossaryTerm.objects.filter(source="Kyiv").exists()


def test_parse_skips_blank_lines_and_normalises_spaces():
    terms = parse_csv("source,target,variants\n\n  Federation   Council ,مجلس  الاتحاد,\n")
    assert [(t.source, t.target, t.variant_list) for t in terms] == [
        ("Federation Council", "مجلس الاتحاد", [])
    ]


def test_model_refuses_duplicates_and_missing_arabic(glossary):
    with pytest.raises(ValidationError):
        GlossaryTerm(source="moscow", target="موسكو").full_clean()
    with pytest.raises(ValidationError):
        GlossaryTerm(source="Kyiv", target="").full_clean()
    GlossaryTerm(source="GPT", target="", keep_latin=True).full_clean()


def test_admin_lists_and_edits_the_glossary_in_arabic(client, admin_user, glossary):
    client.force_login(admin_user)
    html = client.get("/admin/snippets/desk/glossaryterm/").content.decode()
    assert "فلاديمير بوتين" in html
    assert "المسرد" in html
    response = client.post(
        f"/admin/snippets/desk/glossaryterm/edit/{glossary['Moscow'].pk}/",
        {"source": "Moscow", "target": "موسكو", "kind": "place", "variants": "موسكوا", "note": ""},
    )
    assert response.status_code == 302
    assert GlossaryTerm.objects.get(source="Moscow").variant_list == ["موسكوا"]


def test_admin_csv_export_and_import(client, admin_user, glossary):
    client.force_login(admin_user)
    response = client.get("/admin/desk/glossary/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "Vladimir Putin,فلاديمير بوتين,بوتن|بوتينن" in response.content.decode()
    upload = io.BytesIO("source,target,variants\nKyiv,كييف,كيف\n".encode())
    upload.name = "g.csv"
    response = client.post("/admin/desk/glossary/import/", {"file": upload})
    assert response.status_code == 302
    assert GlossaryTerm.objects.filter(source="Kyiv", target="كييف").exists()
    bad = io.BytesIO(b"source,target\nOdesa,\n")
    bad.name = "bad.csv"
    html = client.post("/admin/desk/glossary/import/", {"file": bad}).content.decode()
    assert "Odesa" in html and "لم يُستورد شيء" in html


def test_csv_import_needs_permission(client, db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("reader", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/desk/glossary/import/").status_code in (302, 403)
    upload = io.BytesIO("source,target\nKyiv,كييف\n".encode())
    upload.name = "g.csv"
    assert client.post("/admin/desk/glossary/import/", {"file": upload}).status_code in (302, 403)
    assert not GlossaryTerm.objects.filter(source="Kyiv").exists()


def test_exported_csv_is_what_khabar_qa_reads_and_matches_the_desk_mapping(glossary):
    from khabar.desk.glossary import qa_glossary
    from khabar.qa import load_glossary

    from_file = load_glossary(io.StringIO(export_csv()))
    assert sorted(from_file.terms, key=lambda t: t.source) == sorted(
        qa_glossary().terms, key=lambda t: t.source
    )
    putin = next(t for t in from_file.terms if t.source == "Vladimir Putin")
    assert putin.variants == ("بوتن", "بوتينن") and putin.kind == "person"
    assert next(t for t in from_file.terms if t.source == "iPhone").keep_latin


def test_qa_glossary_is_rebuilt_when_a_term_changes(glossary):
    from khabar.desk.glossary import qa_glossary

    first = qa_glossary()
    assert qa_glossary() is first
    GlossaryTerm.objects.create(source="Kyiv", target="كييف", kind="place")
    assert "Kyiv" in {t.source for t in qa_glossary().terms}


def test_the_desk_import_and_khabar_qa_find_the_same_bad_lines(db, tmp_path, capsys):
    from django.core.management import call_command

    data = "source,target,keep_latin\nKyiv,كييف,\nNATO,,maybe\n,يتيم,\n"
    with translation.override("en"), pytest.raises(GlossaryImportError) as caught:
        import_csv(data)
    assert [m.split(":")[0] for m in caught.value.errors] == ["Line 3", "Line 4"]
    path = tmp_path / "g.csv"
    path.write_text(data, encoding="utf-8")
    (tmp_path / "en.txt").write_text("Kyiv said no.", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("قالت كييف لا.", encoding="utf-8")
    call_command("qa", "--source", str(tmp_path / "en.txt"), "--target", str(tmp_path / "ar.txt"),
                 "--glossary", str(path))  # fmt: skip
    err = capsys.readouterr().err
    assert "line 3:" in err and "line 4:" in err and "line 2:" not in err
