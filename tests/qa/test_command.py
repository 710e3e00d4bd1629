"""The ``khabar qa`` command-line contract."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

EN = "MOSCOW (AP) — Russia's upper house on Wednesday ratified a treaty.\n\nThe Federation Council voted 168-0.\n"
AR = (
    "موسكو (أ.ب) — ratified مجلس الاتحاد الروسي يوم الأربعاء معاهدة.\n\nوصوت مجلس الاتحاد بأغلبية 186 صوتا.\n"
)
AR_CLEAN = (
    "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي يوم الأربعاء على معاهدة.\n\n"
    "وصوت مجلس الاتحاد بأغلبية 168 صوتا دون معارضة.\n"
)


@pytest.fixture
def files(tmp_path):
    def write(name, content, encoding="utf-8"):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding)
        return str(path)

    return write


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("qa", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


def test_json_findings_and_exit_1(files):
    code, out, _ = run("--source", files("en.txt", EN), "--target", files("ar.txt", AR), "--json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [(f["code"], f["severity"], f["paragraph"]) for f in findings] == [
        ("untranslated", "error", 0),
        ("number-mismatch", "error", 1),
    ]
    assert set(findings[0]) == {"code", "severity", "paragraph", "start", "end", "message"}
    assert AR.split("\n\n")[0][findings[0]["start"] : findings[0]["end"]] == "ratified"


def test_clean_translation_exits_0(files):
    code, out, _ = run("--source", files("en.txt", EN), "--target", files("ar.txt", AR_CLEAN))
    assert code == 0
    assert "سليمة" in out


def test_warnings_alone_exit_0(files):
    arabic = AR_CLEAN.replace("168", "١٦٨") + "\n\nوقتل 3 أشخاص.\n"
    english = EN + "\n\nThree people were killed.\n"
    code, out, _ = run("--source", files("en.txt", english), "--target", files("ar.txt", arabic), "--json")
    assert code == 0
    assert [f["code"] for f in json.loads(out)["findings"]] == ["digits-mixed"]


def test_glossary_csv(files):
    glossary = files(
        "g.csv", "source,target,variants\nFederation Council,مجلس الاتحاد,المجلس الفدرالي|مجلس الفيدرالية\n"
    )
    arabic = AR_CLEAN.replace("وصوت مجلس الاتحاد", "وصوت المجلس الفدرالي")
    code, out, _ = run(
        "--source", files("en.txt", EN), "--target", files("ar.txt", arabic), "--glossary", glossary, "--json"
    )
    assert code == 1
    assert [f["code"] for f in json.loads(out)["findings"]] == ["glossary"]


def test_different_paragraph_counts_are_findings(files):
    code, out, _ = run(
        "--source", files("en.txt", EN), "--target", files("ar.txt", AR_CLEAN.split("\n\n")[0]), "--json"
    )
    assert code == 1
    assert [(f["code"], f["paragraph"]) for f in json.loads(out)["findings"]] == [("missing-paragraph", 1)]


@pytest.mark.parametrize(
    ("which", "content", "words"),
    [
        ("missing", None, "تعذّرت قراءة"),
        ("latin1", "Beyrouth, été".encode("latin-1"), "UTF-8"),
        ("utf16", "بيروت".encode("utf-16"), "UTF-8"),
    ],
)
def test_unusable_input_exits_2(files, tmp_path, which, content, words):
    source = str(tmp_path / "nope.txt") if content is None else files("src.txt", content)
    code, out, err = run("--source", source, "--target", files("ar.txt", AR_CLEAN))
    assert code == 2
    assert words in err and out == ""


def test_bad_glossary_exits_2(files):
    glossary = files("g.csv", "english,arabic\nPutin,بوتين\n")
    code, _, err = run(
        "--source", files("en.txt", EN), "--target", files("ar.txt", AR_CLEAN), "--glossary", glossary
    )
    assert code == 2
    assert "source,target,variants" in err


def test_console_script_end_to_end(files):
    khabar = Path(sys.executable).with_name("khabar")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}  # the test settings module lives in tests/
    result = subprocess.run(
        [str(khabar), "qa", "--source", files("en.txt", EN), "--target", files("ar.txt", AR)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 1
    assert "ratified" in result.stdout and "untranslated" in result.stdout
    assert "Traceback" not in result.stderr
    missing = subprocess.run(
        [str(khabar), "qa", "--source", "/nonexistent/en.txt", "--target", files("ar.txt", AR)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr and "تعذّرت" in missing.stderr


def test_app_name_in_arabic():
    from django.apps import apps
    from django.utils import translation

    with translation.override("ar"):
        assert str(apps.get_app_config("qa").verbose_name) == "تدقيق النص"
