"""What the bulk importer's private APIs buy: `khabar import-articles` against Wagtail's public API.

Run: .venv/bin/python bench/tree_insert.py [--stories 300]

`khabar/newsroom/importing/bulk.py` computes treebeard paths with `Page._get_path`/`Page._str2int` and
writes the article rows with `QuerySet._insert(raw=True)`, a few statements per batch. The reference,
measured in the same run on the same fresh SQLite database (the real settings): the same number of
corpus stories (`bench/corpus.py`) added one by one with `archive.add_child(instance=ArticlePage(...))`,
signals and all, sharing the importer's parsing and look-ups but writing no bylines or topics (so the
reference is, if anything, flattered). Prints stories/s for each and the ratio.
"""

import argparse
import atexit
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
TMP = tempfile.mkdtemp(prefix="khabar-bench-tree-")
atexit.register(shutil.rmtree, TMP, ignore_errors=True)
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ["KHABAR_VAR_DIR"] = TMP
os.environ["KHABAR_STARTER_GLOSSARY"] = "false"
# The importer hands indexing to the worker; neither side pays for it here.
os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from bench.corpus import stories  # noqa: E402
from khabar.newsroom.importing import import_lines  # noqa: E402
from khabar.newsroom.importing.bulk import body_blocks  # noqa: E402
from khabar.newsroom.importing.lookups import Lookups  # noqa: E402
from khabar.newsroom.importing.records import parse_line  # noqa: E402
from khabar.newsroom.models import ArticlePage  # noqa: E402


def public_api(lines):
    lookups = Lookups()
    parsed = [parse_line(line) for line in lines]
    with transaction.atomic():
        for n, story in enumerate(parsed):
            section = lookups.section(story.section)
            archive = lookups.archive(section, story.published_at)
            archive.add_child(
                instance=ArticlePage(
                    title=story.headline,
                    slug=f"reference-{n}",
                    dateline_city=story.dateline,
                    agency_id=lookups.agency_id(story.agency),
                    source_url=story.source_url,
                    body=body_blocks(story),
                    section=section,
                    live=True,
                    first_published_at=story.published_at,
                    last_published_at=story.published_at,
                )
            )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=300)
    count = parser.parse_args().stories
    call_command("migrate", verbosity=0)
    lines = [json.dumps(item, ensure_ascii=False) for item in stories(2 * count)]
    # Interleaved halves: both sides fill the same month archives.
    bulk_lines, public_lines = lines[0::2], lines[1::2]

    started = time.perf_counter()
    report = import_lines(bulk_lines)
    bulk = time.perf_counter() - started
    assert report.imported == count, report

    started = time.perf_counter()
    public_api(public_lines)
    public = time.perf_counter() - started

    print(f"{count} stories each, SQLite")
    print("| writer | stories/s |\n| --- | ---: |")
    print(f"| import-articles (private APIs) | {count / bulk:,.0f} |")
    print(f"| add_child, one by one (reference) | {count / public:,.0f} |")
    print(f"ratio: {public / bulk:.1f}x faster than the public API")


if __name__ == "__main__":
    main()
