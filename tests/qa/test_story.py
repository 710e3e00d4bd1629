"""Story-wide checks and the details of each paragraph check."""

import subprocess
import sys

import pytest

from khabar.qa import ERROR, WARNING, Finding, Glossary, Term, check, has_errors, split_paragraphs
from khabar.qa.story import not_prose_spans

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


@pytest.mark.parametrize(
    "address", ["WWW.Example/news", "www.example.org", "HTTP://example.org/a", "@AP_Arabic", "#Gaza_AP"]
)
def test_addresses_in_any_case_are_not_prose(address):
    # The quick test that spares prose paragraphs the address pattern must let every kind through.
    assert not_prose_spans(f"التقرير على {address} اليوم") != ()
    assert not_prose_spans("قال الرئيس. ثم غادر.") == ()


@pytest.mark.parametrize(
    ("arabic", "span"),
    [
        ("وقال الرئيس ، ثم غادر.", " ،"),
        ("وقال الرئيس\t، ثم غادر.", "\t،"),
        ("وقال الرئيس\u00a0؛ ثم غادر.", "\u00a0؛"),
        ("هل غادر الرئيس ؟", " ؟"),
        ("وقال  الرئيس ثم غادر.", "  "),
        ("وقال\u00a0 الرئيس ثم غادر.", "\u00a0 "),
        ("وقال\t\tالرئيس ثم غادر.", "\t\t"),
    ],
)
def test_spaces_before_arabic_marks_and_doubled_spaces_of_any_kind(arabic, span):
    (finding,) = check(["The president said so, then left."], [arabic])
    assert finding.code == "punctuation" and arabic[finding.start : finding.end] == span


def test_glossary_terms_found_beside_dotted_capital_i():
    # «İ» lower-cases into two characters; the English words around it must still be read.
    glossary = Glossary((Term("Kremlin", "الكرملين"),))
    findings = check(
        ["İstanbul talks: the KREMLIN said no."], ["محادثات إسطنبول: قال الكرملين لا."], glossary
    )
    assert findings == []
    findings = check(
        ["İstanbul talks: the Kremlin's envoy said no."], ["محادثات إسطنبول: قال المبعوث لا."], glossary
    )
    assert codes(findings) == ["glossary"]


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


KYIV_EN = [
    "KYIV, Ukraine (AP) — Russia launched 120 drones and 8 missiles at Ukraine overnight, the Ukrainian air "
    "force said Sunday, in one of the largest attacks on the country's energy grid this year.",
    'Air defenses shot down 95 drones and six missiles, the air force said. Another 20 drones were "lost" after '
    "being jammed electronically, it said.",
    "Zelenskyy said on Telegram that energy facilities in five regions were hit and that about 1.2 million "
    'households lost power. "Russia is trying to freeze us," he said.',
    '"We need more air defense systems, not promises," Zelenskyy added.',
    "In the Kharkiv region, a 72-year-old woman was killed and three people were wounded, Gov. Oleh "
    "Syniehubov said.",
    "The attack came three days after Putin warned that Moscow would respond to Ukraine's use of U.S.-made "
    "ATACMS missiles, which have a range of up to 300 kilometers (186 miles).",
    "Russia's Defense Ministry said Sunday its forces had captured the village of Novodmytrivka in the Donetsk "
    "region. The claim could not be independently verified.",
    "Since the full-scale invasion in February 2022, the United Nations has verified more than 12,000 civilian "
    "deaths in Ukraine, though it says the true figure is likely higher.",
]
KYIV_AR = [
    "كييف، أوكرانيا (أ.ب) — أطلقت روسيا 120 مسيرة و8 صواريخ على أوكرانيا خلال الليل، وفق ما أعلنه سلاح الجو "
    "الأوكراني الأحد، في واحد من أكبر الهجمات على شبكة الطاقة في البلاد هذا العام.",
    "وقال سلاح الجو إن الدفاعات الجوية أسقطت 95 مسيرة وستة صواريخ، مضيفا أن 20 مسيرة أخرى «فُقدت» بعد "
    "التشويش عليها إلكترونيا.",
    "وقال زيلينسكي عبر تيليغرام إن منشآت للطاقة في خمس مناطق أصيبت، وإن نحو 1.2 مليون منزل انقطعت عنها "
    "الكهرباء. وأضاف: «روسيا تحاول تجميدنا».",
    "وتابع زيلينسكي: «نحتاج إلى مزيد من أنظمة الدفاع الجوي، لا إلى وعود».",
    "وفي منطقة خاركيف، قتلت امرأة تبلغ من العمر 72 عاما وأصيب ثلاثة أشخاص، بحسب الحاكم أوليغ سينيغوبوف.",
    "وجاء الهجوم بعد ثلاثة أيام من تحذير بوتين من أن موسكو سترد على استخدام أوكرانيا صواريخ أتاكمز "
    "الأمريكية الصنع، التي يصل مداها إلى 300 كيلومتر.",
    "وقالت وزارة الدفاع الروسية الأحد إن قواتها سيطرت على قرية نوفودميتريفكا في منطقة دونيتسك. ولم يتسن "
    "التحقق من هذا الادعاء بشكل مستقل.",
    "ومنذ بدء الغزو الشامل في فبراير/شباط 2022، وثقت الأمم المتحدة مقتل أكثر من 12 ألف مدني في أوكرانيا، "
    "لكنها تقول إن العدد الحقيقي على الأرجح أعلى.",
]


def test_full_wire_story_is_clean():
    assert check(KYIV_EN, KYIV_AR, GLOSSARY) == []


def test_full_wire_story_with_four_mistakes():
    arabic = list(KYIV_AR)
    arabic[0] = arabic[0].replace("الأحد", "السبت")
    arabic[1] = arabic[1].replace("95", "59")
    arabic[5] = arabic[5].replace("أتاكمز", "ATACMS")
    arabic[6] = arabic[6].replace("الروسية", "الروسية ،")
    findings = check(KYIV_EN, arabic, GLOSSARY)
    assert [(f.code, f.paragraph) for f in findings] == [
        ("weekday-mismatch", 0),
        ("number-mismatch", 1),
        ("untranslated", 5),
        ("punctuation", 6),
    ]
    assert [arabic[f.paragraph][f.start : f.end] for f in findings[:3]] == ["السبت", "59", "ATACMS"]


@pytest.mark.parametrize("dropped", [1, 3, 6])
def test_a_dropped_paragraph_is_reported_once_not_as_a_shifted_story(dropped):
    arabic = KYIV_AR[:dropped] + KYIV_AR[dropped + 1 :]
    findings = check(KYIV_EN, arabic, GLOSSARY)
    assert [(f.code, f.paragraph, f.start, f.end) for f in findings] == [("missing-paragraph", dropped, 0, 0)]


def test_an_added_paragraph_is_reported_once():
    arabic = KYIV_AR[:2] + ["وهذه فقرة أضافها المحرر دون أصل إنجليزي لها في البرقية."] + KYIV_AR[2:]
    findings = check(KYIV_EN, arabic, GLOSSARY)
    assert [(f.code, f.paragraph) for f in findings] == [("missing-paragraph", 2)]


def test_findings_after_a_dropped_paragraph_point_at_the_arabic_paragraph():
    arabic = KYIV_AR[:3] + KYIV_AR[4:]
    arabic[4] = arabic[4].replace("300", "200")  # English paragraph 5, Arabic paragraph 4
    findings = check(KYIV_EN, arabic, GLOSSARY)
    assert [(f.code, f.paragraph) for f in findings] == [("missing-paragraph", 3), ("number-mismatch", 4)]
    assert arabic[4][findings[1].start : findings[1].end] == "200"


def test_arabic_dateline_may_keep_or_drop_the_reuters_date():
    english = "LONDON, Nov 29 (Reuters) - Britain's economy grew 0.4% in the third quarter."
    for arabic in (
        "لندن، 29 نوفمبر (رويترز) — نما الاقتصاد البريطاني بنسبة 0.4 في المئة في الربع الثالث.",
        "لندن (رويترز) — نما الاقتصاد البريطاني بنسبة 0.4 في المئة في الربع الثالث.",
    ):
        assert check([english], [arabic]) == []
