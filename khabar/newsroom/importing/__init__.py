"""Bulk import of agency stories from JSON lines (``khabar import-articles``).

Usage from code::

    report = import_file(path, progress=print)

Each line is checked on its own (:mod:`.records`); good lines are written in
batches straight into the page tree (:mod:`.bulk`); stories whose source URL is
already in the database are skipped, so importing a file again changes nothing.
After the import, the page cache forgets the listings, sections, authors and
topics that changed, and the indexes kept beside the pages (Wagtail's search
and reference indexes, :mod:`.tasks`) are brought up to date by the task
worker, not during the import. A caller that keeps other indexes of the new
articles passes ``on_batch``, which gets each batch's new page ids (the
``loading`` app hands them to reader search that way), so the newsroom does not
depend on them.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from khabar.core.pagecache import invalidate

from .bulk import TreeWriter
from .lookups import Lookups
from .records import BadLine, parse_line

BATCH = 2000


@dataclass
class ImportReport:
    imported: int = 0
    skipped: int = 0  # already in the database, or repeated in the file
    bad: list[tuple[int, str]] = field(default_factory=list)
    page_ids: list[int] = field(default_factory=list)


def import_lines(lines, *, progress=None, on_bad=None, on_batch=None, batch_size=BATCH):
    """Import the stories of an iterable of JSON lines; returns an :class:`ImportReport`."""
    report = ImportReport()
    lookups = Lookups()
    writer = TreeWriter(lookups)
    default_tz = timezone.get_current_timezone()
    pending = []

    def flush():
        fresh = writer.new_stories(pending)
        report.skipped += len(pending) - len(fresh)
        if fresh:
            ids = writer.write(fresh)
            report.imported += len(ids)
            report.page_ids += ids
            enqueue_indexing(ids)
            if on_batch:
                on_batch(ids)
        pending.clear()
        if progress:
            progress(report)

    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            pending.append(parse_line(line, default_tz))
        except BadLine as error:
            report.bad.append((number, str(error)))
            if on_bad:
                on_bad(number, str(error))
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    if report.imported:
        touched = lookups.touched
        invalidate(
            "listing",
            *(f"section:{pk}" for pk in touched["section"]),
            *(f"author:{pk}" for pk in touched["author"]),
            *(f"topic:{pk}" for pk in touched["topic"]),
        )
    return report


def enqueue_indexing(page_ids):
    """Hand new article ids to the worker for the indexes the import skipped."""
    from .tasks import index_imported_articles

    for start in range(0, len(page_ids), 500):
        index_imported_articles.enqueue(page_ids[start : start + 500])
