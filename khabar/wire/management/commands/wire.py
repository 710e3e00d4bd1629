"""``khabar wire list [--json]``, ``khabar wire reparse``, ``khabar wire poll`` and ``khabar wire schedule``."""

import json
import sys

from django.core.management.base import BaseCommand

from khabar.wire.ingest import ingest_payloads
from khabar.wire.models import Payload, WireItem
from khabar.wire.report import IngestReport


class Command(BaseCommand):
    help = "The wire desk: list items, re-parse stored payloads, poll sources."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="list stored items")
        listing.add_argument("--json", action="store_true")
        listing.add_argument("--limit", type=int, default=0)
        reparse = sub.add_parser("reparse", help="parse stored payloads again (after a parser fix)")
        reparse.add_argument(
            "payloads", nargs="*", type=int, metavar="ID", help="payload ids (default: failed and partial)"
        )
        reparse.add_argument("--all", action="store_true", help="every stored payload")
        reparse.add_argument("--json", action="store_true")
        sub.add_parser("poll", help="poll every due source now, in this process")
        sub.add_parser("schedule", help="enqueue the periodic poll task for the worker (once)")

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(**options)

    def do_list(self, json=False, limit=0, **_):
        items = WireItem.objects.select_related("source").order_by("-received_at", "-pk")
        if limit:
            items = items[:limit]
        rows = [
            {
                "uri": i.uri,
                "version": i.version,
                "status": i.status,
                "language": i.language,
                "headline": i.headline,
                "source": i.source.slug if i.source else None,
            }
            for i in items.only(
                "uri", "version", "pubstatus", "embargoed", "language", "headline", "source__slug"
            )
        ]
        if json:
            self.stdout.write(_dumps(rows))
        else:
            for r in rows:
                self.stdout.write(
                    "\t".join(
                        str(r[k] or "")
                        for k in ("uri", "version", "status", "language", "headline", "source")
                    )
                )

    def do_reparse(self, payloads=(), all=False, json=False, **_):
        queryset = Payload.objects.order_by("pk")
        if payloads:
            queryset = queryset.filter(pk__in=payloads)
        elif not all:
            queryset = queryset.filter(
                status__in=[Payload.Status.FAILED, Payload.Status.PARTIAL, Payload.Status.PENDING]
            )
        report = IngestReport()
        batch, size = [], 0
        for payload in queryset.select_related("source").iterator(chunk_size=50):
            batch.append(payload)
            size += payload.size
            if len(batch) == 50 or size > 16 * 1024 * 1024:
                ingest_payloads(batch, report)
                batch, size = [], 0
        if batch:
            ingest_payloads(batch, report)
        if json:
            self.stdout.write(_dumps(report.as_json()))
        else:
            self.stdout.write(
                f"payloads: {report.files}  created: {report.items_created}  updated: {report.items_updated}  "
                f"duplicates: {report.duplicates}  killed: {report.killed}  rejected: {len(report.rejected)}"
            )
        if report.unreadable:
            sys.exit(2)

    def do_poll(self, **_):
        from khabar.wire.polling import claim_due_sources, poll_source_now

        for source in claim_due_sources():
            outcome = poll_source_now(source)
            self.stdout.write(f"{source.slug}: {outcome}")

    def do_schedule(self, **_):
        from khabar.wire.tasks import ensure_scheduled

        self.stdout.write("scheduled" if ensure_scheduled() else "already scheduled")


def _dumps(value):
    return json.dumps(value, ensure_ascii=False)
