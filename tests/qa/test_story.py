"""Story-wide checks and the details of each paragraph check."""

import subprocess
import sys

import pytest

from khabar.qa import ERROR, WARNING, Finding, Glossary, Term, check, has_errors, split_paragraphs

from .corpus import GLOSSARY

DATELINE_EN = (
    "MOSCOW (AP) — Russia's upper house of parliament on Wednesday ratified a treaty with North Korea."
)
DATELINE_AR = "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي يوم الأربعاء على معاهدة مع كوريا الشمالية."
LONG_EN = (
    "The treaty obliges both countries to provide immediate military assistance using all available means "
    "if the other is attacked, and to cooperate against Western sanctions."
)
LONG_AR = (
    "وتلزم المعاهدة البلدين بتقديم مساعدة عسكرية فورية بكل الوسائل المتاحة إذا تعرض أحدهما لهجوم، "
    "وبالتعاون في مواجهة العقوبات الغربية."
)
QUOTE_EN = (
    "Lawmakers said the agreement reflected a new reality in which Moscow and Pyongyang stand together "
    "against pressure from Washington and its allies in Asia."
)
QUOTE_AR = (
    "وقال المشرعون إن الاتفاق يعكس واقعا جديدا تقف فيه موسكو وبيونغ يانغ معا في وجه ضغوط واشنطن "
    "وحلفائها في آسيا."
)


def codes(findings):
    return [f.code for f in findings]


def test_importing_the_checks_does_not_import_django():
    code = (
        "import sys; import khabar.qa, khabar.qa.checks; "
        "from khabar.qa import check; check(['Putin said 5'], ['قال بوتين 5']); "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_clean_story_passes():
    assert check([DATELINE_EN, LONG_EN, QUOTE_EN], [DATELINE_AR, LONG_AR, QUOTE_AR], GLOSSARY) == []


def test_missing_paragraph_when_counts_differ():
    findings = check([DATELINE_EN, LONG_EN, QUOTE_EN], [DATELINE_AR, LONG_AR])
    assert [(f.code, f.paragraph, f.start, f.end) for f in findings] == [("missing-paragraph", 2, 0, 0)]


def test_extra_arabic_paragraph():
    findings = check([DATELINE_EN], [DATELINE_AR, LONG_AR])
    assert [(f.code, f.paragraph) for f in findings] == [("missing-paragraph", 1)]


def test_empty_arabic_paragraph():
    findings = check([DATELINE_EN, LONG_EN], [DATELINE_AR, "  "])
    assert [(f.code, f.paragraph) for f in findings] == [("missing-paragraph", 1)]


def test_half_translated_paragraph_is_far_shorter():
    cut = "وتلزم المعاهدة البلدين بتقديم مساعدة."
    findings = check([DATELINE_EN, LONG_EN, QUOTE_EN, LONG_EN], [DATELINE_AR, LONG_AR, QUOTE_AR, cut])
    assert [(f.code, f.paragraph) for f in findings] == [("missing-paragraph", 3)]


def test_two_paragraphs_merged_into_one_is_far_longer():
    merged = LONG_AR + " " + QUOTE_AR + " " + LONG_AR
    findings = check([DATELINE_EN, LONG_EN, QUOTE_EN, QUOTE_EN], [DATELINE_AR, LONG_AR, QUOTE_AR, merged])
    assert [(f.code, f.paragraph) for f in findings] == [("missing-paragraph", 3)]


def test_dateline_missing_in_arabic():
    arabic = "صادق مجلس الاتحاد الروسي يوم الأربعاء على معاهدة مع كوريا الشمالية."
    findings = check([DATELINE_EN], [arabic])
    assert codes(findings) == ["dateline"]
    assert findings[0].start == 0


def test_dateline_left_in_english():
    arabic = "MOSCOW (AP) — صادق مجلس الاتحاد الروسي يوم الأربعاء على معاهدة مع كوريا الشمالية."
    findings = check([DATELINE_EN], [arabic])
    assert sorted(codes(findings)) == ["dateline", "untranslated"]


def test_reuters_dateline_date_is_not_required_in_arabic():
    english = "LONDON, Nov 29 (Reuters) - Britain's economy grew 0.4% in the third quarter."
    arabic = "لندن (رويترز) — نما الاقتصاد البريطاني بنسبة 0.4 في المئة في الربع الثالث."
    assert check([english], [arabic]) == []


def test_no_dateline_in_source_means_no_dateline_check():
    assert check(["Russia ratified the treaty."], ["صادقت روسيا على المعاهدة."]) == []


def test_digits_mixed_is_a_warning_at_the_rarer_style():
    english = [DATELINE_EN, "At least 27 people were killed and 140 wounded.", "The vote was 52-48."]
    arabic = [DATELINE_AR, "وقتل 27 شخصا على الأقل وأصيب 140.", "وكانت نتيجة التصويت ٥٢ مقابل ٤٨."]
    findings = check(english, arabic)
    assert [(f.code, f.severity, f.paragraph) for f in findings] == [("digits-mixed", WARNING, 2)]
    assert arabic[2][findings[0].start : findings[0].end] == "٥٢"
    assert not has_errors(findings)


def test_quotation_running_on_into_the_next_paragraph():
    english = ['"We will not retreat.', '"We will stay until the end," he said.']
    arabic = ["«لن نتراجع.", "«سنبقى حتى النهاية»، قال."]
    assert check(english, arabic) == []


def test_unpaired_closing_bracket():
    findings = check(["The ministry said so."], ["وقالت الوزارة المسؤولة عن الصحة) ذلك."])
    assert codes(findings) == ["punctuation"]


def test_comma_inside_latin_and_numbers_is_fine():
    english = "Apple said sales of the iPhone, iPad and Mac rose to 1,500 units."
    arabic = "وقالت آبل إن مبيعات iPhone, iPad وماك ارتفعت إلى 1,500 وحدة."
    glossary = Glossary((Term("iPhone", "iPhone", keep_latin=True), Term("iPad", "iPad", keep_latin=True)))
    assert check([english], [arabic], glossary) == []


def test_acronym_is_flagged_unless_the_glossary_keeps_it():
    english = "The WHO said the outbreak was over."
    arabic = "وقالت WHO إن تفشي المرض انتهى."
    assert codes(check([english], [arabic])) == ["untranslated"]
    keep = Glossary((Term("WHO", "WHO", keep_latin=True),))
    assert check([english], [arabic], keep) == []


def test_urls_emails_handles_are_not_untranslated():
    english = "Follow @AP on X or write to info@ap.org; the report is at https://apnews.com/article/x-1."
    arabic = "تابعوا @AP أو راسلوا info@ap.org؛ والتقرير على https://apnews.com/article/x-1."
    assert check([english], [arabic]) == []


def test_latin_name_not_in_source_and_not_english_is_left_alone():
    english = "The president spoke to reporters."
    arabic = "وتحدث الرئيس (Zelenskyy) إلى الصحفيين."
    assert check([english], [arabic]) == []


def test_english_word_not_in_source_is_flagged():
    english = "The president spoke to reporters."
    arabic = "وتحدث الرئيس إلى الصحفيين however."
    assert codes(check([english], [arabic])) == ["untranslated"]


def test_leaked_run_is_one_finding():
    english = "He said the talks were held behind closed doors."
    arabic = "وقال إن المحادثات were held behind closed doors."
    (finding,) = check([english], [arabic])
    assert arabic[finding.start : finding.end] == "were held behind closed doors"


def test_glossary_possessive_and_case():
    english = "PYONGYANG'S envoy met Pyongyang's allies."
    assert codes(check([english], ["والتقى مبعوث كوريا الشمالية حلفاءها."], GLOSSARY)) == ["glossary"]
    assert check([english], ["والتقى مبعوث بيونغ يانغ حلفاءها."], GLOSSARY) == []


@pytest.mark.parametrize(
    "arabic", ["وقال بوتين ذلك.", "وقال لبوتين ذلك.", "وبوتين قال ذلك.", "فبوتين قال ذلك."]
)
def test_glossary_prefixes(arabic):
    assert check(["Putin said so."], [arabic], GLOSSARY) == []


@pytest.mark.parametrize("arabic", ["وقال بالكرملين ذلك.", "وقال للكرملين ذلك.", "والكرملين قال ذلك."])
def test_glossary_prefixes_on_definite_forms(arabic):
    assert check(["The Kremlin said so."], [arabic], GLOSSARY) == []


def test_glossary_lowercase_common_noun_is_not_the_name():
    assert check(["They ate turkey."], ["وأكلوا الديك الرومي."], GLOSSARY) == []


def test_wrong_variant_flagged_even_with_prefix():
    findings = check(["He met Putin."], ["والتقى ببوتن."], GLOSSARY)
    assert codes(findings) == ["glossary"]
    assert "بوتين" in findings[0].message


def test_variant_differing_only_in_hamza_is_told_apart():
    glossary = Glossary((Term("Ukraine", "أوكرانيا", ("اوكرانيا",)),))
    assert check(["Ukraine said so."], ["وقالت أوكرانيا ذلك."], glossary) == []
    assert codes(check(["Ukraine said so."], ["وقالت اوكرانيا ذلك."], glossary)) == ["glossary"]


def test_finding_is_plain_data():
    (finding,) = check(["Talks resumed on Monday."], ["واستؤنفت المحادثات يوم الثلاثاء."])
    assert (
        finding == Finding("weekday-mismatch", ERROR, 0, finding.start, finding.end, finding.message)
        and finding.as_dict()["code"] == "weekday-mismatch"
    )
    assert "الإثنين" in finding.message


def test_split_paragraphs():
    assert split_paragraphs("a\r\n\r\nb\nc\n\n\n  \n d \n") == ["a", "b\nc", "d"]
    assert split_paragraphs("\n\n") == []
