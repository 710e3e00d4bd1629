"""Arabic words and the clitics in front of them (khabar.arabic.words): the one place that strips them."""

import pytest

from khabar.arabic.normalize import normalize
from khabar.arabic.words import (
    ARTICLE_PREFIXES,
    CLITICS,
    bases,
    readings,
    with_clitics,
    without_clitics,
    words,
)


def test_clitics_are_every_conjunction_preposition_and_article_combination_longest_first():
    texts = [c.text for c in CLITICS]
    assert (
        len(texts) == len(set(texts)) == 3 * 4 * 2 - 1
    )  # (none, و, ف) × (none, ب, ك, ل) × article, minus nothing
    assert [len(t) for t in texts] == sorted((len(t) for t in texts), reverse=True)
    assert {"و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"} <= set(texts)
    assert "لل" in ARTICLE_PREFIXES and "لال" not in texts  # «ل» + «ال» is written «لل»


def test_readings_start_with_the_word_itself_then_the_longest_clitics():
    assert readings(normalize("وبالكرملين"), 3, article=True)[0] == (normalize("وبالكرملين"), None)
    rest, clitics = readings(normalize("وبالكرملين"), 3, article=True)[1]
    assert rest == "كرملين" and (clitics.conjunction, clitics.preposition, clitics.article) == (
        "و",
        "ب",
        True,
    )


def test_after_the_preposition_lam_a_lam_can_be_the_article_without_its_alef():
    found = [rest for rest, _ in readings(normalize("للكرملين"), 3)]
    assert found == ["للكرملين", "لكرملين", "الكرملين"]


def test_min_rest_keeps_short_words_whole():
    assert readings("وبه", 3) == (("وبه", None),)
    assert [rest for rest, _ in readings("وبيت", 3)] == ["وبيت", "بيت"]


@pytest.mark.parametrize(
    ("written", "known", "article", "expected"),
    [
        ("والخمسه", {"خمسه"}, True, ("خمسه", "و", True)),
        ("فكالاحد", {"الاحد"}, False, ("الاحد", "ف", False)),
        ("وللاحد", {"الاحد"}, False, ("الاحد", "و", False)),
        ("مايو", {"مايو"}, False, ("مايو", None, None)),
    ],
)
def test_without_clitics_finds_the_known_word_behind_them(written, known, article, expected):
    rest, clitics = without_clitics(written, known, article=article)
    assert (rest, clitics and clitics.conjunction or None, clitics and clitics.article) == expected


def test_without_clitics_is_none_for_an_unknown_word():
    assert without_clitics("وبيت", {"خمسه"}) is None


def test_bases_are_the_readings_with_and_without_the_article():
    assert bases(normalize("وبالكرملين")) == {
        normalize("وبالكرملين"), normalize("بالكرملين"), normalize("الكرملين"), "كرملين"
    }  # fmt: skip
    assert bases("والي") == {"والي", "الي"}


def test_with_clitics_spells_every_form_a_clitic_can_take():
    forms = with_clitics({normalize("الأحد")})
    assert {normalize(w) for w in ("الأحد", "والأحد", "بالأحد", "للأحد", "وللأحد", "فكالأحد")} <= forms


def test_words_give_normalised_words_with_their_offsets():
    text = "قال «بوتين» إنّ"
    assert [(w, text[s:e]) for w, s, e in words(text)] == [("قال", "قال"), ("بوتين", "بوتين"), ("ان", "إنّ")]
