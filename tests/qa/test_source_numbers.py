"""A number the English source writes wrongly is a warning about the source, never an error."""

import pytest

from khabar.qa import ERROR, WARNING, check, has_errors
from khabar.qa.checks.numbers import MALFORMED_CODE, malformed_numbers

SOURCE = "The company hired 4,2000 workers last year."


@pytest.mark.parametrize(
    "arabic",
    [
        "وظفت الشركة 42 ألف عامل العام الماضي.",
        "وظفت الشركة 42000 عامل العام الماضي.",
        "وظفت الشركة 4200 عامل العام الماضي.",
        "وظفت الشركة ٤٢٠٠٠ عامل العام الماضي.",
        "وظفت الشركة 4,2000 عامل العام الماضي.",
    ],
)
def test_any_rendering_of_a_malformed_source_number_is_a_warning(arabic):
    findings = check([SOURCE], [arabic])
    assert not has_errors(findings)
    (finding,) = findings
    assert (finding.code, finding.severity) == (MALFORMED_CODE, WARNING)
    assert "«4,2000»" in finding.message and "المصدر" in finding.message
    assert arabic[finding.start : finding.end].strip() in {"42 ألف", "42000", "4200", "٤٢٠٠٠", "4,2000"}


def test_leaving_the_malformed_number_out_is_a_warning_on_the_paragraph():
    arabic = "وظفت الشركة آلاف العمال العام الماضي."
    findings = check([SOURCE], [arabic])
    assert [(f.code, f.severity, f.start, f.end) for f in findings] == [
        (MALFORMED_CODE, WARNING, 0, len(arabic))
    ]


def test_the_other_numbers_of_the_paragraph_are_still_checked():
    findings = check(["It hired 300 drivers and 4,2000 workers."], ["وظفت 500 سائق و42 ألف عامل."])
    assert [(f.code, f.severity) for f in findings] == [
        ("number-mismatch", ERROR),
        (MALFORMED_CODE, WARNING),
    ]
    assert "«500»" in findings[0].message


def test_well_written_numbers_are_not_malformed():
    assert malformed_numbers("42,000 people, 1,234,567 votes, 3.5 percent, 2,500.75 dollars") == []
    found = [m.group() for m in malformed_numbers("4,2000 and 1,50 and 12,34,567 and 1,000,00.")]
    assert found == ["4,2000", "1,50", "12,34,567", "1,000,00"]


def test_a_correct_source_number_rendered_wrongly_is_still_an_error():
    findings = check(["It hired 42,000 workers."], ["وظفت 4200 عامل."])
    assert [(f.code, f.severity) for f in findings] == [("number-mismatch", ERROR)]
