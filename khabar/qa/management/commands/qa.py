"""``khabar qa --source SRC.txt --target TGT.txt [--glossary GLOSSARY.csv] [--json]``.

Paragraphs are separated by blank lines and aligned by position. Exit status:
1 when any finding is an error, 0 otherwise, 2 for input that cannot be read.
"""

import json
import sys

from django.core.management.base import BaseCommand

from khabar.qa import ERROR, GlossaryError, check, load_glossary, split_paragraphs

SEVERITY = {"error": "خطأ", "warning": "تنبيه"}


class UnusableInput(Exception):
    pass


class Command(BaseCommand):
    help = "Check an Arabic translation against its English source (copy checks)."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", required=True, help="English text, paragraphs separated by blank lines"
        )
        parser.add_argument(
            "--target", required=True, help="Arabic text, paragraphs separated by blank lines"
        )
        parser.add_argument("--glossary", help="CSV with the header source,target,variants")
        parser.add_argument("--json", action="store_true", help='print {"findings": [...]}')

    def handle(self, *args, **options):
        try:
            source = split_paragraphs(_read(options["source"], "المصدر", "source"))
            target = split_paragraphs(_read(options["target"], "الترجمة", "target"))
            bad_lines = []
            glossary = load_glossary(options["glossary"], bad_lines) if options["glossary"] else None
        except (UnusableInput, GlossaryError) as exc:
            self.stderr.write(str(exc))
            sys.exit(2)
        for error in bad_lines:  # the same lines the desk's import refuses; the others still check
            self.stderr.write(error.message)
        findings = check(source, target, glossary)
        if options["json"]:
            self.stdout.write(json.dumps({"findings": [f.as_dict() for f in findings]}, ensure_ascii=False))
        else:
            self._print(findings, target)
        if any(f.severity == ERROR for f in findings):
            sys.exit(1)

    def _print(self, findings, target):
        if not findings:
            self.stdout.write("لا ملاحظات: الترجمة سليمة.")
            return
        for f in findings:
            excerpt = target[f.paragraph][f.start : f.end] if f.paragraph < len(target) else ""
            where = f"الفقرة {f.paragraph + 1}، {f.start}–{f.end}"
            line = f"{SEVERITY[f.severity]} [{f.code}] {where}: {f.message}"
            if excerpt and f.end - f.start < 80:
                line += f" ← «{excerpt}»"
            self.stdout.write(line)
        errors = sum(f.severity == ERROR for f in findings)
        self.stdout.write(f"{errors} خطأ، {len(findings) - errors} تنبيه")


def _read(path: str, name_ar: str, name_en: str) -> str:
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as exc:
        raise UnusableInput(
            f"تعذّرت قراءة ملف {name_ar}: {path} (cannot read {name_en} file: {exc.strerror})"
        ) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnusableInput(
            f"ملف {name_ar} ليس نصا بترميز UTF-8: {path} ({name_en} file is not UTF-8 text)"
        ) from exc
