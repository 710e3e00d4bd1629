"""Every setting comes from the environment in khabar/settings.py, is documented, and is read as settings.X."""

import re
import runpy
from pathlib import Path

import khabar

PACKAGE = Path(khabar.__file__).resolve().parent
SETTINGS = PACKAGE / "settings.py"
README = PACKAGE.parent / "README.md"


def environment_names():
    return set(re.findall(r"""env(?:\.\w+)?\(\s*["']([A-Z0-9_]+)["']""", SETTINGS.read_text()))


def documented_names():
    text = README.read_text()
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z0-9_]+)`", section, re.MULTILINE))


def test_every_environment_variable_is_in_the_readme_table():
    names = environment_names()
    assert {
        "KHABAR_WIRE_FETCH_DEADLINE",
        "COMMENTS_MIN_FILL_SECONDS",
        "ALTCHA_COST",
        "KHABAR_MT_ENGINE",
    } <= names
    assert names - documented_names() == set()


def test_no_setting_is_read_with_a_scattered_default():
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text()
        assert "getattr(settings," not in text, path
        assert "os.environ.get(" not in text and "os.getenv(" not in text, path


def test_the_settings_read_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KHABAR_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    values = {
        "KHABAR_MT_ENGINE": "libretranslate",
        "KHABAR_MT_URL": "http://127.0.0.1:5000",
        "KHABAR_MT_TIMEOUT": "4",
        "KHABAR_WIRE_FETCH_RETRIES": "7",
        "KHABAR_WIRE_MAX_PAYLOAD_BYTES": "1000",
        "KHABAR_WIRE_TAKEDOWN_ON_KILL": "false",
        "COMMENTS_RATE_LIMIT_IP": "3",
        "COMMENTS_RATE_WINDOW": "60",
        "ALTCHA_COST": "10",
        "KHABAR_WORKER_INTERVAL": "0.25",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    loaded = runpy.run_path(str(SETTINGS))
    assert loaded["KHABAR_MT"]["ENGINE"] == "libretranslate"
    assert loaded["KHABAR_MT"]["URL"] == "http://127.0.0.1:5000"
    assert loaded["KHABAR_MT"]["TIMEOUT"] == 4
    assert loaded["KHABAR_MT"]["LOCATION"] == "global"
    assert loaded["KHABAR_WIRE_FETCH_RETRIES"] == 7
    assert loaded["KHABAR_WIRE_MAX_PAYLOAD_BYTES"] == 1000
    assert loaded["KHABAR_WIRE_TAKEDOWN_ON_KILL"] is False
    assert loaded["COMMENTS_RATE_LIMITS"] == {"ip": (3, 60), "session": (5, 60)}
    assert loaded["ALTCHA_COST"] == 10
    assert loaded["KHABAR_WORKER_INTERVAL"] == 0.25


def test_the_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("KHABAR_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    for name in environment_names() - {"KHABAR_VAR_DIR", "SECRET_KEY"}:
        monkeypatch.delenv(name, raising=False)
    loaded = runpy.run_path(str(SETTINGS))
    assert loaded["KHABAR_MT"]["ENGINE"] == ""
    assert loaded["KHABAR_WIRE_MAX_PAYLOAD_BYTES"] == 20 * 1024 * 1024
    assert loaded["COMMENTS_RATE_LIMITS"] == {"ip": (10, 600), "session": (5, 600)}
    assert loaded["COMMENTS_MIN_FILL_SECONDS"] == 3
    assert (loaded["ALTCHA_COST"], loaded["ALTCHA_COUNTER_MIN"], loaded["ALTCHA_COUNTER_MAX"]) == (
        1000,
        200,
        1500,
    )
