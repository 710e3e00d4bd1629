"""Translation-memory fuzzy look-up at 200,000 stored segments. Run: python bench/desk_memory.py [N]

Wall times include waiting for a core on a busy machine; CPU time (process time) is printed too.
Stores N synthetic English/Arabic pairs (default 200,000) in a SQLite database under var/
(kept between runs, rebuilt when N changes),
then times ``khabar.desk.memory.lookup`` — the desk's real path: exact query, index catch-up
query, length-banded rapidfuzz scoring, candidate fetch — for queries that are edited
copies of stored segments (a fuzzy hit expected) and for unseen sentences (no hit).
Reference, measured in the same run: ``rapidfuzz.process.extract`` over every segment,
without the word index or length band; recall is how often the desk's best match is the
reference's best. Target: p95 under 50 ms.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _setup(db_path):
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _vocabulary(rng, size=6000):
    syllables = [
        "ka",
        "ro",
        "mi",
        "tel",
        "san",
        "vor",
        "di",
        "pu",
        "lan",
        "ter",
        "os",
        "ne",
        "gra",
        "bi",
        "shu",
    ]
    words = {"".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(size * 2)}
    return sorted(words)[:size]


def _sentence(rng, vocab):
    return " ".join(rng.choice(vocab) for _ in range(rng.randint(12, 45))).capitalize() + "."


def _edit(rng, text, vocab, changes):
    words = text.split()
    for _ in range(changes):
        words[rng.randrange(len(words))] = rng.choice(vocab)
    return " ".join(words)


def _percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main(n):
    db_path = Path(__file__).resolve().parent.parent / "var" / f"bench-desk-memory-{n}.sqlite3"
    _setup(db_path)
    from rapidfuzz import fuzz, process

    from khabar.desk import memory
    from khabar.desk.models import MemorySegment
    from khabar.desk.models.memory import lookup_form

    rng = random.Random(4)
    vocab = _vocabulary(rng)
    sources = [_sentence(rng, vocab) for _ in range(n)]
    started = time.perf_counter()
    if MemorySegment.objects.count() != n:
        MemorySegment.objects.all().delete()
    else:
        sources = []
    batch = []
    for i, source in enumerate(sources):
        segment = MemorySegment(source=source, target=f"ترجمة رقم {i}", origin="bench")
        segment.fill_keys()
        batch.append(segment)
        if len(batch) == 5000:
            MemorySegment.objects.bulk_create(batch)
            batch = []
    MemorySegment.objects.bulk_create(batch)
    sources = sources or list(MemorySegment.objects.order_by("pk").values_list("source", flat=True))
    print(f"stored {n:,} segments in {time.perf_counter() - started:.1f} s")

    # As each server worker does when it starts (``memory.warm_up``): built in a background thread.
    started, cpu_started = time.perf_counter(), time.process_time()
    memory.warm_up().join()
    print(
        f"index built in {time.perf_counter() - started:.2f} s wall, {time.process_time() - cpu_started:.2f} s CPU"
        " (once per process, in the background as a server worker starts)"
    )

    near = [_edit(rng, rng.choice(sources), vocab, rng.randint(1, 3)) for _ in range(150)]
    unseen = [_sentence(rng, vocab) for _ in range(150)]
    results = {}
    for label, queries in (("near copies", near), ("unseen", unseen)):
        times, cpu, hits = [], [], 0
        for query in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            found = memory.lookup(query)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            hits += bool(found)
        results[label] = times
        print(
            f"lookup, {label:11}: wall p50 {statistics.median(times):5.1f} ms  p95 {_percentile(times, 95):5.1f} ms;"
            f" CPU p50 {statistics.median(cpu):5.1f} ms  p95 {_percentile(cpu, 95):5.1f} ms;  hits {hits}/{len(queries)}"
        )
    texts = memory.index().texts
    reference, agree, expected = [], 0, 0
    for query in near[:20] + unseen[:20]:
        normalized = lookup_form(query)
        t0 = time.perf_counter()
        best = process.extractOne(normalized, texts, scorer=fuzz.ratio, score_cutoff=75)
        reference.append((time.perf_counter() - t0) * 1000)
        found = memory.index().candidates(normalized, 1, 75)
        if best:
            expected += 1
            agree += bool(found) and found[0][1] >= best[1]
    print(f"recall against the reference: best match found for {agree}/{expected} queries")
    every = results["near copies"] + results["unseen"]
    p95 = _percentile(every, 95)
    ref95 = _percentile(reference, 95)
    print(f"reference (all {n:,} scored, no band): p95 {ref95:6.1f} ms")
    print(
        f"desk look-up p95 {p95:.1f} ms = {p95 / ref95:.2f}× the reference; target < 50 ms: "
        f"{'met' if p95 < 50 else 'MISSED'}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
