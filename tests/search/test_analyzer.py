"""The analyzer: each stemming rule, recall on spelling variants, precision, stop words, queries."""

import pytest

from bench.corpus import VARIANTS as CORPUS_VARIANTS
from bench.corpus import stories as corpus_stories
from khabar.arabic.analyzer import analyze, is_stop_word, parse_query, terms
from khabar.arabic.normalize import normalize
from khabar.arabic.stemming import light_stem
from khabar.arabic.words import ARTICLE_PREFIXES


def same(a, b):
    return terms(a) == terms(b)


def matches(query, text):
    """Does ``text`` contain every term of ``query`` (what the engines check)?"""
    q = parse_query(query)
    found = set(terms(text))
    return bool(q) and set(q.terms) <= found and all(set(p) <= found for p in q.phrases)


# --- rules of light_stem -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, bare",
    [
        ("الحكومة", "حكومة"),
        ("والحكومة", "حكومة"),
        ("فالمدرسة", "مدرسة"),
        ("بالعاصمة", "عاصمة"),
        ("كالعادة", "عادة"),
        ("للحكومة", "حكومة"),
        ("وبالتالي", "تالي"),
        ("وللحكومة", "حكومة"),
    ],
)
def test_articles_come_off_with_attached_conjunction_or_preposition(word, bare):
    assert same(word, bare)


CLITIC_FORMS = {
    # conjunction + preposition + article, as written; «ل» + «ال» loses the alef.
    "ال": "الرئيس", "وال": "والرئيس", "فال": "فالرئيس",
    "بال": "بالرئيس", "كال": "كالرئيس", "لل": "للرئيس",
    "وبال": "وبالرئيس", "وكال": "وكالرئيس", "ولل": "وللرئيس",
    "فبال": "فبالرئيس", "فكال": "فكالرئيس", "فلل": "فللرئيس",
}  # fmt: skip


def test_every_combination_of_conjunction_preposition_and_article_is_covered():
    assert set(CLITIC_FORMS) == set(ARTICLE_PREFIXES)


@pytest.mark.parametrize("written", CLITIC_FORMS.values())
def test_every_clitic_combination_meets_the_bare_word(written):
    assert same(written, "رئيس") and matches("الرئيس", written) and matches("رئيس", written)


@pytest.mark.parametrize("conjunction", ["", "و", "ف"])
@pytest.mark.parametrize("preposition", ["", "ب", "ك"])
@pytest.mark.parametrize("word", ["لاجئين", "لجنة", "لقاء"])
def test_words_that_begin_with_lam_keep_it_after_every_clitic(conjunction, preposition, word):
    assert same(conjunction + preposition + "ال" + word, word)


@pytest.mark.parametrize("conjunction", ["", "و", "ف"])
@pytest.mark.parametrize("word", ["لاجئين", "لجنة", "لبنان", "لقاء"])
def test_lam_before_a_word_that_begins_with_lam(conjunction, word):
    """«ل» + «اللاجئين» is written «للاجئين» (the article's alef and a lam drop), «ل» + «لبنان» «للبنان»."""
    assert same(conjunction + "ل" + word, word)


def test_a_country_meets_its_adjective():
    assert same("روسيا", "الروسي") and same("روسيا", "الروسية") and same("أمريكا", "الأمريكي")
    assert matches("روسيا", "أعلن الكرملين الروسي")


def test_article_stays_when_fewer_than_two_letters_would_remain():
    assert light_stem(normalize("الي")) == "الي"


@pytest.mark.parametrize(
    "word, bare", [("وقال", "قال"), ("وأكد", "أكد"), ("فأعلن", "أعلن"), ("ووزير", "وزير")]
)
def test_lone_conjunction_comes_off(word, bare):
    assert same(word, bare)


@pytest.mark.parametrize(
    "word, other",
    [("وزارة", "زار"), ("وزير", "زير"), ("فكرة", "كرة"), ("فريق", "ريق"), ("وطن", "طن"), ("فقط", "قط")],
)
def test_root_initial_waw_and_fa_stay(word, other):
    assert not same(word, other)


def test_conjunction_stays_on_three_letter_words():
    assert light_stem("ولد") == "ولد"


@pytest.mark.parametrize(
    "word, bare", [("حكومتها", "حكومة"), ("وزارتهم", "وزارة"), ("بلادنا", "بلاد"), ("قيادتكم", "قيادة")]
)
def test_pronoun_suffixes_come_off_and_the_ta_they_leave_is_ta_marbuta(word, bare):
    assert same(word, bare)


@pytest.mark.parametrize(
    "word, bare",
    [
        ("معاهدات", "معاهدة"),
        ("مسؤولون", "مسؤول"),
        ("مسؤولين", "مسؤول"),
        ("مسؤولان", "مسؤول"),
        ("مدينتين", "مدينة"),
        ("الدولتان", "الدولة"),
        ("فلسطينيين", "فلسطين"),
        ("فلسطينيون", "فلسطيني"),
        ("لبنانية", "لبنان"),
        ("اللبناني", "لبنان"),
        ("اتفاقيات", "اتفاق"),
    ],
)
def test_plural_dual_and_nisba_endings_come_off(word, bare):
    assert same(word, bare)


@pytest.mark.parametrize(
    "word, cut", [("لبنان", "لبن"), ("عمان", "عم"), ("سكان", "سك"), ("بنات", "بن"), ("أمان", "أم")]
)
def test_short_words_keep_endings_that_belong_to_them(word, cut):
    assert not same(word, cut)


@pytest.mark.parametrize("word, bare", [("اتفاقا", "اتفاق"), ("قرارا", "قرار"), ("وزيرا", "وزير")])
def test_tanween_alef_comes_off(word, bare):
    assert same(word, bare)


def test_ta_marbuta_and_its_folded_ha_come_off():
    assert same("مدرسة", "مدرسه") and light_stem(normalize("مدرسة")) == "مدرس"


# --- recall --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus():
    return list(corpus_stories(2100))


def body_text(story):
    return " ".join(block["text"] for block in story["body"])


def test_every_planted_variant_is_found_by_the_other_spelling(corpus):
    planted = [s for s in corpus if s["planted_variant"]]
    assert len(planted) == 22
    assert {tuple(s["planted_variant"]) for s in planted} == {tuple(v) for v in _corpus_variants()}
    missed = [s["planted_variant"] for s in planted if not matches(s["planted_variant"][1], body_text(s))]
    assert missed == []


def test_variant_queries_find_exactly_the_stories_that_print_the_word(corpus):
    """Precision on the corpus: a variant query finds the stories printing that word, no others."""
    stories = corpus[:600]
    for printed, query in _corpus_variants():
        printing = {s["id"] for s in stories if normalize(printed) in normalize(body_text(s)).split()}
        found = {s["id"] for s in stories if matches(query, body_text(s))}
        assert found == printing, (printed, query)


def _corpus_variants():
    return CORPUS_VARIANTS


@pytest.mark.parametrize(
    "query, printed",
    [
        ("احمد", "التقى الرئيس أحمد الشرع"),
        ("اسرائيل", "وقصفت إسرائيل"),
        ("مدرسه", "في مدرستها الابتدائية"),
        ("الامم المتحده", "وقالت الأمم المتّحدة"),
        ("مستشفي", "إلى المستشفيات الميدانية"),
        ("مسئولين", "وقال مسؤولون"),
        ("موتمر", "في مؤتمرٍ صحفي"),
        ("سيول", "من سيئول"),
        ("لاجئين", "اللاجئين الفلسطينيين"),
        ("فلسطين", "الفلسطينيون"),
        ("العاصمه", "بالعاصمة"),
        ("اتفاق", "الاتفاقية"),
        ("معاهده", "المُعاهَدات"),
        ("2026", "عام ٢٠٢٦"),
        ("ﻻجئ", "لاجئ"),
        ("الاتحاد", "الاتحـــاد"),
        ("الرئاسيه", "الانتخابات الرئاسية"),
        ("اسيا", "آسيا"),
        ("قرار", "أصدر قرارا"),
        ("الحكومه", "وللحكومة"),
        ("nato", "NATO"),
        ("مستشفى", "والمستشفيات"),
        ("الوزراء", "مجلس الوزراء"),
        ("وزاره", "وزارتها"),
    ],
)
def test_reader_spellings_find_printed_spellings(query, printed):
    assert matches(query, printed)


# --- precision -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, unrelated",
    [
        ("وزارة", "زار الرئيس"),
        ("وزير", "زير"),
        ("فكرة", "كره"),
        ("لبنان", "شرب اللبن"),
        ("عمان", "عمه"),
        ("فريق", "ريق"),
        ("سلام", "الإسلام"),
        ("مدير", "الدير"),
        ("كتاب", "تاب"),
        ("أمن", "أمين"),
        ("عالم", "علم"),
        ("بيروت", "يروت"),
        ("موسكو", "موس"),
        ("سكان", "سك"),
    ],
)
def test_unrelated_words_sharing_letters_do_not_match(query, unrelated):
    assert not matches(query, unrelated)


def test_all_query_words_must_match():
    assert not matches("وزير الخارجية", "وزير الدفاع")


# --- stop words and query syntax ---------------------------------------------------------------


def test_stop_words_are_dropped_from_queries_that_have_other_words():
    assert parse_query("في الحكومة").terms == terms("حكومة")
    assert parse_query("وفي الحكومة").terms == terms("حكومة")


def test_a_query_of_stop_words_only_still_searches():
    assert parse_query("من هو").terms == ["من", "هو"]
    assert matches("من هو", "من هو الرئيس")


def test_stop_words_stay_in_the_index():
    assert "في" in analyze("وصل في الموعد").split()
    assert is_stop_word("وفي") and is_stop_word("التي") and not is_stop_word("وزير")


@pytest.mark.parametrize("quotes", ['"{}"', "«{}»", "“{}”"])
def test_quoted_words_are_a_phrase(quotes):
    query = parse_query(quotes.format("الأمم المتحدة") + " نيويورك")
    assert query.phrases == [terms("الامم المتحده")]
    assert query.terms == terms("نيويورك")


def test_a_phrase_keeps_its_stop_words_and_an_unclosed_quote_runs_to_the_end():
    assert parse_query("«وزير في الحكومة").phrases == [terms("وزير في الحكومة")]


def test_a_quoted_single_stop_word_is_searched():
    assert parse_query('"في" الحكومة').terms == ["في", *terms("حكومة")]


def test_punctuation_and_symbols_give_an_empty_query():
    assert not parse_query("؟!،. -- ()")
