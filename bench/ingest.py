"""Wire ingest throughput, end to end (store payload, parse, upsert, near-duplicate grouping).

Run: .venv/bin/python bench/ingest.py [--stored 100000] [--items 5000] [--batch 50] [--database FILE]
                                      [--keep FILE [--preload-only]]

Builds a fresh SQLite database in a temporary folder (the real settings: WAL,
IMMEDIATE transactions), fills it with ``--stored`` items through the same
ingest path, then times ``--items`` new items delivered as ninjs lists and as
NewsML-G2 news messages of ``--batch`` items per payload, and one item per file,
each file alone (as a poll delivers it) and 100 files a batch (as ``khabar
ingest`` and drop folders file them). The reference, measured in the same run,
is parsing alone: the ratio shows what storing and grouping cost on top of it.
``--keep FILE`` saves the preloaded database for later ``--database FILE`` runs
(which copy it, so it is never changed).
"""

import argparse
import atexit
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
TMP = tempfile.mkdtemp(prefix="khabar-bench-ingest-")
atexit.register(shutil.rmtree, TMP, ignore_errors=True)  # half a gigabyte a run at 100,000 items
# --database FILE reuses a database an earlier run preloaded (a copy is made), skipping the slow preload.
REUSE = sys.argv[sys.argv.index("--database") + 1] if "--database" in sys.argv else ""
if REUSE:
    shutil.copy(REUSE, f"{TMP}/bench.sqlite3")
    os.sync()  # the copy's write-back must not land on the timed commits
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings")
os.environ.setdefault("KHABAR_VAR_DIR", TMP)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from khabar.wire import parsers  # noqa: E402
from khabar.wire.ingest import ingest_bytes, ingest_files  # noqa: E402
from khabar.wire.models import WireItem  # noqa: E402
from khabar.wire.report import IngestReport  # noqa: E402

BASE_WORDS = (
    "الحكومة الوزير الرئيس البرلمان الاقتصاد النفط الأسعار الفائدة البنك المركزي التضخم الانتخابات المعارضة "
    "القمة المناخ الرياض القاهرة عمان بيروت دمشق بغداد الرباط تونس الجزائر موسكو واشنطن باريس لندن برلين "
    "أعلن قال أكد أضاف وصل غادر التقى بحث ناقش وقع رفض وافق طالب حذر دعا اتهم نفى كشف "
    "اتفاق معاهدة مفاوضات هدنة مساعدات لاجئين مستشفى مدرسة جامعة طلاب عمال نقابة شركة سوق بورصة "
    "government minister president parliament economy oil prices interest bank inflation election "
    "summit climate talks treaty ceasefire aid refugees hospital school students workers union market"
).split()
G2 = "http://iptc.org/std/nar/2006-10-01/"
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def vocabulary(rng, size=6000):
    """Real words first, then made-up Arabic ones; drawn with Zipf weights like running text."""
    words = list(BASE_WORDS)
    while len(words) < size:
        words.append("".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 8))))
    return words, [1 / (rank + 1) for rank in range(len(words))]


def story(rng, n):
    words = rng.choices(WORDS, WEIGHTS, k=rng.randint(80, 160))
    headline = " ".join(words[:8])
    paragraphs = [" ".join(words[i : i + 30]) for i in range(8, len(words), 30)]
    return f"urn:bench:{n}", headline, "".join(f"<p>{p}</p>" for p in paragraphs)


def ninjs_payload(stories):
    return json.dumps(
        [
            {
                "uri": uri,
                "version": "1",
                "type": "text",
                "language": "ar",
                "versioncreated": "2026-11-21T10:00:00Z",
                "headlines": [{"role": "main", "value": headline}],
                "by": "مراسل",
                "bodies": [{"role": "main", "contenttype": "text/html", "value": body}],
            }
            for uri, headline, body in stories
        ],  # fmt: skip
        ensure_ascii=False,
    ).encode()


def newsml_payload(stories):
    items = "".join(
        f'<newsItem guid="{uri}" version="1" standard="NewsML-G2" xml:lang="ar"><itemMeta>'
        '<itemClass qcode="ninat:text"/><versionCreated>2026-11-21T10:00:00Z</versionCreated>'
        '<pubStatus qcode="stat:usable"/></itemMeta><contentMeta><language tag="ar"/>'
        f'<headline>{headline}</headline></contentMeta><contentSet><inlineXML contenttype="application/nitf+xml">'
        f'<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>{body}</body.content></body></nitf>'
        "</inlineXML></contentSet></newsItem>"
        for uri, headline, body in stories
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><newsMessage xmlns="{G2}"><itemSet>{items}</itemSet></newsMessage>'.encode()


def stories(rng, start, count):
    out = []
    for n in range(start, start + count):
        uri, headline, body = story(rng, n)
        if out and rng.random() < 0.05:  # a rewrite of an earlier story: grouped as a near-duplicate
            _, headline, body = out[-1]
            body = body.replace("</p>", " وأضاف المصدر.</p>", 1)
        out.append((uri, headline, body))
    return out


def payloads(build, items, batch):
    return [build(items[i : i + batch]) for i in range(0, len(items), batch)]


def timed(label, blobs, count, reference=None, files_per_batch=0):
    """Each blob through ``ingest_bytes`` (as a poll delivers it), or, with ``files_per_batch``, as files
    through ``ingest_files`` (as ``khabar ingest`` and drop folders read them)."""
    report = IngestReport()
    started, cpu = time.perf_counter(), time.process_time()
    if files_per_batch:
        entries = ((blob, f"{label}/{i}.xml") for i, blob in enumerate(blobs))
        for _ in ingest_files(entries, report=report, files_per_batch=files_per_batch):
            pass
    else:
        for blob in blobs:
            ingest_bytes(blob, origin=label, report=report)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert report.items_created == count and not report.rejected, report.as_json()
    rate, cpu_rate = count / elapsed, count / cpu
    ratio = f"  ({cpu_rate / reference:.2f}× parse-only)" if reference else ""
    print(f"{label:<34} {count:>7} items  {rate:7.0f} items/s wall  {cpu_rate:7.0f} items/s CPU{ratio}")
    return rate


def parse_rate(blobs, count):
    started = time.process_time()
    parsed = sum(len(parsers.parse(blob).items) for blob in blobs)
    assert parsed == count
    return count / (time.process_time() - started)


def keep(target):
    """A byte copy of the preloaded database as it grew (the WAL folded in first, no VACUUM)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(f"{TMP}/bench.sqlite3", f"{target}.tmp")
    os.replace(f"{target}.tmp", target)
    print(f"kept a copy in {target}")


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--stored", type=int, default=100_000)
    args.add_argument("--items", type=int, default=5_000)
    args.add_argument("--batch", type=int, default=50)
    args.add_argument("--database", default="")
    args.add_argument(
        "--keep", default="", help="copy the preloaded database to this file for later --database runs"
    )
    args.add_argument("--preload-only", action="store_true", help="stop after the preload (with --keep)")
    options = args.parse_args()
    rng = random.Random(20261121)
    global WORDS, WEIGHTS
    WORDS, WEIGHTS = vocabulary(rng)
    call_command("migrate", verbosity=0)
    print(f"SQLite database: {TMP}/bench.sqlite3 (removed at exit)")

    started = time.perf_counter()
    already = WireItem.objects.count()
    rng.seed(20261121 + already)  # a reused database must not get the stories it already holds
    for start in range(already, options.stored, 1000):
        ingest_bytes(ninjs_payload(stories(rng, start, min(1000, options.stored - start))), origin="preload")
    print(f"preloaded {WireItem.objects.count()} items in {time.perf_counter() - started:.0f} s")
    if options.keep:
        keep(options.keep)
    if options.preload_only:
        return

    n, offset = options.items, max(options.stored, already) + 1_000_000
    ninjs_items = stories(rng, offset, n)
    g2_items = stories(rng, offset + n, n)
    single_items = stories(rng, offset + 2 * n, n // 5)
    filed_items = stories(rng, offset + 3 * n, n // 5)
    ninjs_blobs = payloads(ninjs_payload, ninjs_items, options.batch)
    g2_blobs = payloads(newsml_payload, g2_items, options.batch)
    single_blobs = payloads(newsml_payload, single_items, 1)
    filed_blobs = payloads(newsml_payload, filed_items, 1)

    ninjs_ref = parse_rate(ninjs_blobs, n)
    g2_ref = parse_rate(g2_blobs, n)
    print(f"reference: parse only — ninjs {ninjs_ref:.0f} items/s CPU, NewsML-G2 {g2_ref:.0f} items/s CPU")
    print(
        f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall rates suffer when it is high)"
    )
    timed(f"ninjs, {options.batch} items/payload", ninjs_blobs, n, ninjs_ref)
    timed(f"NewsML-G2, {options.batch} items/payload", g2_blobs, n, g2_ref)
    timed("NewsML-G2, 1 item/file, each alone", single_blobs, len(single_items), g2_ref)
    timed("NewsML-G2, 1 item/file, 100 a batch", filed_blobs, len(filed_items), g2_ref, files_per_batch=100)
    report = IngestReport()
    started = time.process_time()
    for blob in ninjs_blobs:
        ingest_bytes(blob, report=report)
    assert report.duplicates == n
    print(
        f"{'ninjs again (all duplicates)':<34} {n:>7} items  {n / (time.process_time() - started):7.0f} items/s CPU"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    grouped = WireItem.objects.filter(cluster_id__isnull=False).count()
    print(f"stored items: {WireItem.objects.count()}, in near-duplicate groups: {grouped}")


if __name__ == "__main__":
    main()
