"""``khabar ingest PATH... [--source SLUG] [--json]``: file wire payloads from disk.

Exit 0 when every file was read (items inside may be rejected, each with its
reason), 2 when a file could not be read or parsed at all. Never a traceback.
Files are stored and filed in batches (``--batch`` files, one transaction to
store them, committed before any is parsed, and one to file their items).
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from khabar.wire.files import read_capped
from khabar.wire.ingest import ingest_files
from khabar.wire.models import Source
from khabar.wire.parsers.errors import PayloadTooLargeError
from khabar.wire.report import IngestReport


class Command(BaseCommand):
    help = "Ingest wire files (RSS/Atom, ninjs, NewsML-G2, AP Media JSON; detected by content)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--source", metavar="SLUG", help="the source the files came from")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument(
            "--batch",
            type=int,
            default=100,
            metavar="N",
            help="files stored and filed together (default 100)",
        )

    def handle(self, **options):
        report = IngestReport()
        source = None
        if options["source"]:
            source = Source.objects.filter(slug=options["source"]).first()
            if source is None:
                return self._finish(report, options, error=f"unknown source {options['source']!r}")
        for _ in ingest_files(
            self._read(options["paths"], report),
            source=source,
            report=report,
            files_per_batch=options["batch"],
        ):
            pass
        return self._finish(report, options)

    def _read(self, names, report):
        """``(bytes, path)`` of every file named or inside a folder named; unreadable ones are reported."""
        for name in names:
            path = Path(name)
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            for file in files:
                try:
                    data = read_capped(file)
                except (OSError, PayloadTooLargeError) as exc:
                    report.files += 1
                    report.unreadable += 1
                    report.rejected.append(
                        {"path": str(file), "item": None, "error": getattr(exc, "strerror", None) or str(exc)}
                    )
                    continue
                yield data, str(file)

    def _finish(self, report, options, error=None):
        if error:
            report.unreadable += 1
            report.rejected.append({"path": None, "item": None, "error": error})
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False))
        else:
            self.stdout.write(
                f"files: {report.files}  created: {report.items_created}  updated: {report.items_updated}  "
                f"duplicates: {report.duplicates}  killed: {report.killed}  rejected: {len(report.rejected)}"
            )
            for r in report.rejected:
                self.stderr.write(f"{r['path']}{' [' + r['item'] + ']' if r['item'] else ''}: {r['error']}")
        if report.unreadable:
            sys.exit(2)
