"""khabar search-reindex: rebuild every search document now, with a progress bar."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from khabar.search.index import rebuild


def progress_bar(stream, width=30):
    started = time.monotonic()

    def show(done, total):
        filled = int(width * done / total) if total else width
        rate = done / max(time.monotonic() - started, 1e-9)
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}  {rate:,.0f}/s")
        stream.flush()

    return show


class Command(BaseCommand):
    help = _("Rebuild the reader search index from every live article.")

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help=_("no progress bar"))

    def handle(self, *args, quiet=False, **options):
        started = time.monotonic()
        total = rebuild(progress=None if quiet else progress_bar(self.stderr))
        if not quiet:
            self.stderr.write("")
        seconds = time.monotonic() - started
        self.stdout.write(
            _("Indexed %(count)d articles in %(seconds).1f s.") % {"count": total, "seconds": seconds}
        )
