"""Loading the glossary CSV and matching its terms."""

import io

import pytest

from khabar.qa import Glossary, GlossaryError, Term, check, load_glossary


def test_load_csv_with_optional_columns(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(
        "\ufeffsource,target,variants,keep_latin,kind,note\n"
        "Vladimir Putin,فلاديمير بوتين,فلاديمير بوتن|فلادمير بوتين,,person,\n"
        "iPhone,iPhone,,yes,other,brand stays in Latin\n"
        ",ignored,,,,\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    assert len(glossary) == 2
    putin, iphone = glossary.terms
    assert putin == Term(
        "Vladimir Putin", "فلاديمير بوتين", ("فلاديمير بوتن", "فلادمير بوتين"), False, "person", ""
    )
    assert iphone.keep_latin and iphone.note == "brand stays in Latin"


def test_load_minimal_header_from_file_object():
    glossary = load_glossary(io.StringIO("source,target,variants\nKremlin,الكرملين,الكريملين\n"))
    assert glossary.terms[0].variants == ("الكريملين",)


@pytest.mark.parametrize(
    "content",
    [b"english,arabic\nPutin,\xd8\xa8\n", b"", b"source,target\xff\n"],
)
def test_unusable_glossary(tmp_path, content):
    path = tmp_path / "g.csv"
    path.write_bytes(content)
    with pytest.raises(GlossaryError):
        load_glossary(path)


def test_missing_glossary_file(tmp_path):
    with pytest.raises(GlossaryError, match="تعذّرت"):
        load_glossary(tmp_path / "nope.csv")


def test_multi_word_term_across_spaces_and_hyphens():
    glossary = Glossary((Term("Federation Council", "مجلس الاتحاد"),))
    assert check(["The Federation  Council voted."], ["وصوت مجلس الاتحاد."], glossary) == []
    assert [f.code for f in check(["The Federation Council voted."], ["وصوت البرلمان."], glossary)] == [
        "glossary"
    ]


def test_plural_term_in_source():
    glossary = Glossary((Term("Houthi", "الحوثي"),))
    assert check(["The Houthis fired missiles."], ["وأطلق الحوثيون صواريخ."], glossary) == []


def test_large_glossary_finds_only_what_is_named():
    terms = [Term(f"Name{i}", f"اسم{i}") for i in range(3000)] + [Term("Gaza", "غزة")]
    glossary = Glossary(tuple(terms))
    assert [t.source for t, _ in glossary.terms_in_english("In Gaza and Name7's town")] == ["Gaza", "Name7"]


def test_one_reader_returns_the_good_rows_and_every_bad_line():
    from khabar.qa.glossary import parse_glossary_csv

    parsed = parse_glossary_csv(
        "source,target,variants,kind,keep_latin\n"
        "Kyiv,كييف,كيف,place,\n"
        ",يتيم,,,\n"
        "Odesa,أوديسا,,town,\n"
        "NATO,,,organisation,maybe\n"
        "Lviv,,,place,\n"
        "kyiv,كييڤ,,place,\n"
        "\n"
        "GPT,,,other,x\n"
    )
    assert [(line, term.source) for line, term in parsed.terms] == [(2, "Kyiv"), (9, "GPT")]
    assert [(e.line, e.code, e.value, e.first) for e in parsed.errors] == [
        (3, "empty-source", "", 0),
        (4, "unknown-kind", "town", 0),
        (5, "keep-latin", "maybe", 0),
        (6, "no-arabic", "Lviv", 0),
        (7, "duplicate", "kyiv", 2),
    ]
    assert all("السطر" in e.message and "line" in e.message for e in parsed.errors)


def test_the_command_line_checks_with_the_good_rows_and_names_the_bad_ones():
    errors = []
    glossary = load_glossary(io.StringIO("source,target,kind\nKyiv,كييف,place\nOdesa,أوديسا,town\n"), errors)
    assert [t.source for t in glossary.terms] == ["Kyiv"]
    assert [(e.line, e.code) for e in errors] == [(3, "unknown-kind")]


def test_the_desk_knows_the_same_kinds(db):
    from khabar.desk.models import GlossaryTerm
    from khabar.qa.glossary import KINDS

    assert set(GlossaryTerm.Kind.values) == set(KINDS)
