"""``khabar import-wordpress EXPORT.xml [--media-dir DIR] [--dry-run] [--json]``.

Brings a WordPress site's own export (Tools → Export, WXR 1.2) into the newsroom; see
README "Moving in from WordPress". Exit status 0 when the file was read (items that could
not be imported are listed in the report), 2 when it cannot be read at all.
"""

import json as json_module
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from khabar.wordpress.importer import WordPressImport
from khabar.wordpress.wxr import WxrError

KIND_NAMES = {
    "author": "كتّاب",
    "category": "أقسام",
    "post_tag": "وسوم",
    "attachment": "صور",
    "post": "مقالات",
    "page": "صفحات",
    "comment": "تعليقات",
}
OUTCOMES = {"created": "جديد", "updated": "محدَّث", "unchanged": "بلا تغيير"}


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): posts, pages, authors, categories, tags, pictures, comments, redirects."

    def add_arguments(self, parser):
        parser.add_argument("export", help="the WXR file WordPress's Tools → Export wrote")
        parser.add_argument(
            "--media-dir", help="a local copy of wp-content/uploads (else pictures are fetched by URL)"
        )
        parser.add_argument("--dry-run", action="store_true", help="read and check everything, keep nothing")
        parser.add_argument("--json", action="store_true", help="print the final report as JSON")

    def handle(self, *args, export, media_dir, dry_run, **options):
        as_json = options["json"]
        started = time.monotonic()
        terminal = sys.stderr.isatty() and not as_json

        def progress(done, total):
            if terminal and (done % 25 == 0 or done == total):
                width = 30
                filled = int(width * done / total) if total else width
                sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
                if done == total:
                    sys.stderr.write("\n")

        try:
            report = WordPressImport(export, media_dir=media_dir, dry_run=dry_run, progress=progress).run()
        except (WxrError, OSError) as error:
            raise CommandError(
                f"تعذّرت قراءة ملف التصدير / cannot read the export {export}: {error}", returncode=2
            ) from None
        except LookupError as error:
            raise CommandError(str(error), returncode=2) from None
        data = report.as_dict() | {"dry_run": dry_run, "seconds": round(time.monotonic() - started, 1)}
        if as_json:
            self.stdout.write(_json_dumps(data))
            return
        self.stdout.write(
            ("تجربة دون حفظ / dry run: " if dry_run else "") + "الاستيراد من ووردبريس / WordPress import"
        )
        for kind, counts in data["counts"].items():
            if counts:
                parts = "، ".join(f"{OUTCOMES.get(k, k)} {v}" for k, v in counts.items())
                self.stdout.write(f"  {KIND_NAMES[kind]} ({kind}): {parts}")
        self.stdout.write(f"  تحويلات دائمة جديدة (redirects): {data['redirects']}")
        for label, count in data["kept_as_html"].items():
            self.stdout.write(f"  محفوظ كـ HTML منقّى (kept as sanitised HTML): {label} × {count}")
        for failure in data["failures"]:
            self.stderr.write(
                f"  لم يُستورد (not imported): {failure['kind']} {failure['id']} «{failure['title']}»: {failure['reason']}"
            )
        self.stdout.write(self.style.SUCCESS(f"تم في {data['seconds']} ثانية / done in {data['seconds']} s."))


def _json_dumps(data):
    return json_module.dumps(data, ensure_ascii=False, indent=2)
