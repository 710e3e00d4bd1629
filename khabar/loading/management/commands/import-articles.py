"""``khabar import-articles FILE.jsonl``: bulk import of agency stories, one JSON object a line.

Exit status 0 when every good line was imported (bad lines are reported on
stderr with their line number and counted), 2 when the file cannot be read.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from khabar.loading.articles import import_articles


class Command(BaseCommand):
    help = (
        "Import stories from a JSON-lines file (id, headline, author, dateline, agency, source_url, "
        "published_at, body, optional section and topics). Stories already imported are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .jsonl file, or - for standard input")
        parser.add_argument("--batch-size", type=int, default=2000, help="stories written per transaction")

    def handle(self, *args, file, batch_size, **options):
        started = time.monotonic()
        try:
            stream = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}", returncode=2) from None

        def progress(report):
            self.stdout.write(
                f"{report.imported} imported, {report.skipped} skipped, {len(report.bad)} bad "
                f"({time.monotonic() - started:.1f} s)"
            )

        def on_bad(number, message):
            self.stderr.write(f"{file}:{number}: {message}")

        try:
            with stream:
                report = import_articles(stream, progress=progress, on_bad=on_bad, batch_size=batch_size)
        except UnicodeDecodeError as error:
            raise CommandError(f"cannot read {file}: not UTF-8 text ({error.reason})", returncode=2) from None
        except LookupError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {report.imported} stories imported, {report.skipped} already there, "
                f"{len(report.bad)} bad line(s), in {time.monotonic() - started:.1f} s."
            )
        )
