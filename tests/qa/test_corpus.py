"""Every check against a corpus of real-looking wire paragraphs: clean ones pass, broken ones are caught."""

import pytest

from khabar.qa import ERROR, check

from .corpus import BROKEN, CLEAN, GLOSSARY


@pytest.mark.parametrize(("english", "arabic"), CLEAN, ids=[f"clean-{i}" for i in range(len(CLEAN))])
def test_clean_translation_has_no_errors(english, arabic):
    findings = check([english], [arabic], GLOSSARY)
    assert [f for f in findings if f.severity == ERROR] == []


@pytest.mark.parametrize(
    ("english", "arabic", "codes"), BROKEN, ids=[f"broken-{i}" for i in range(len(BROKEN))]
)
def test_broken_translation_is_caught(english, arabic, codes):
    findings = check([english], [arabic], GLOSSARY)
    assert [f.code for f in findings] == codes
    for f in findings:
        assert f.severity == ERROR
        assert f.paragraph == 0
        assert 0 <= f.start <= f.end <= len(arabic)
        assert f.message and not any("a" <= c.lower() <= "z" for c in f.message.split("«")[0])


def test_clean_story_as_a_whole():
    english = [e for e, _ in CLEAN[:4]]
    arabic = [a for _, a in CLEAN[:4]]
    assert check(english, arabic, GLOSSARY) == []
