"""khabar/arabic and khabar/qa are pure Python: every module imports without Django (the qa app's
``apps.py`` and its management command excepted), so the checks run in any script or worker."""

import subprocess
import sys
from pathlib import Path

import khabar

ROOT = Path(khabar.__file__).parent


def pure_modules():
    names = []
    for package in ("arabic", "qa"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "management" in parts or parts[-1] in ("apps", "migrations"):
                continue
            names.append(".".join(("khabar", *parts[:-1], *(() if parts[-1] == "__init__" else parts[-1:]))))
    return names


def test_the_list_covers_every_module_of_both_packages():
    modules = pure_modules()
    assert {"khabar.arabic.words", "khabar.arabic.dates_in_text", "khabar.arabic.number_words"} <= set(
        modules
    )
    assert {"khabar.qa.glossary", "khabar.qa.checks.numbers"} <= set(modules)
    assert len(modules) >= 25


def test_no_module_of_arabic_or_qa_imports_django():
    # One fresh interpreter imports them one after another and names the first that brought Django in.
    code = (
        "import importlib, sys\n"
        f"for name in {pure_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "    if any(m == 'django' or m.startswith('django.') for m in sys.modules):\n"
        "        print(name); break\n"
        "else:\n"
        "    print('none')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "none"
