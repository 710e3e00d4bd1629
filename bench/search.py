"""Reader search at newsroom scale: import, index build, query latency and planted-variant recall.

    python bench/search.py [--stories 200000] [--queries 1000] [--engines sqlite,postgres] [--fresh]

For each engine, in its own process, on the kept site of ``bench/sites.py`` (SQLite file
``var/bench/site-<N>.sqlite3``, PostgreSQL database ``khabar_bench_site_<N>`` on 127.0.0.1 as user postgres):

1. the synthetic corpus of ``bench/corpus.py`` (N stories, spread over six
   sections of 45 % to 1 % of the stories) is imported with
   ``khabar import-articles`` (kept between runs unless ``--fresh``);
2. ``khabar.search.index.rebuild`` builds the search index from scratch (timed);
3. 1,000 varied queries (single words, word pairs, quoted phrases, reader spellings, clitics, cities,
   stop-word-only, misses; a fifth sorted by date, a tenth filtered by section, a twentieth by
   author and a twentieth by a month of dates) run through ``khabar.search.results.search``,
   the function behind /search/ and /api/search (engine query, count, loading the 20 articles);
4. every planted story must be among the hits of the other spelling of its word (recall);
5. reference, measured in the same run: a naive ``LIKE '%word%'`` scan over the same documents
   (what a site without a full-text index does) for a sample of the single-word queries.
"""

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import time
import zlib

import corpus  # bench/corpus.py, beside this script
import sites  # bench/sites.py: the kept sites every page and search bench measures


def make_queries(count, seed=7):
    """Varied reader queries built from the corpus vocabulary, with the usual reader habits."""
    rnd = random.Random(seed)
    sentences = (
        corpus.FILLER
        + [f"{s} {v} {o}" for s in corpus.SUBJECTS for v in corpus.VERBS for o in corpus.OBJECTS][:200]
    )
    words = sorted({w.strip("،.()") for s in sentences + corpus.SUBHEADS for w in s.split() if len(w) > 2})
    kinds = []
    for _ in range(count):
        kind = rnd.choices(
            ["word", "pair", "phrase", "variant", "clitic", "city", "stop", "miss", "subject"],
            weights=[22, 18, 14, 10, 8, 10, 4, 6, 8],
        )[0]
        if kind == "word":
            q = rnd.choice(words)
        elif kind == "pair":
            q = " ".join(rnd.sample(words, 2))
        elif kind == "phrase":
            s = rnd.choice(sentences).split()
            i = rnd.randrange(0, max(1, len(s) - 3))
            q = "«" + " ".join(s[i : i + rnd.choice([2, 3])]) + "»"
        elif kind == "variant":
            q = rnd.choice(corpus.VARIANTS)[1]
        elif kind == "clitic":
            q = rnd.choice(["و", "ف", "ب", "لل", "وال", "بال"]) + rnd.choice(words).removeprefix("ال")
        elif kind == "city":
            q = rnd.choice(corpus.CITIES)
        elif kind == "stop":
            q = rnd.choice(["من هو", "في", "على", "ما هي", "هذا"])
        elif kind == "miss":
            q = rnd.choice(["بيتزا", "كرة السلة", "زلزال", "قطار سريع", "مهرجان سينمائي", "xylophone"])
        else:
            q = rnd.choice(corpus.SUBJECTS)
        sort = "date" if rnd.random() < 0.2 else "relevance"
        roll = rnd.random()
        narrow = "section" if roll < 0.1 else "author" if roll < 0.15 else "month" if roll < 0.2 else None
        kinds.append((kind, q, sort, narrow))
    return kinds


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


# --- one engine, in its own process ------------------------------------------------------------


def run_engine(args):
    sites.setup_django()
    from django.db import connection

    from khabar.newsroom.models import ArticlePage, Author, SectionPage
    from khabar.search.engines import Filters, get_engine
    from khabar.search.index import rebuild
    from khabar.search.models import SearchDocument
    from khabar.search.results import search

    out = {"engine": connection.vendor, "stories": args.stories}
    if not args.no_import:
        out.update(sites.prepare(args.stories, index=False))
    out["articles"] = ArticlePage.objects.live().count()

    if args.keep_index and SearchDocument.objects.count() == out["articles"]:
        indexed = out["articles"]  # measure queries on the index a previous run built
    else:
        SearchDocument.objects.all().delete()
        started, cpu = time.perf_counter(), time.process_time()
        indexed = rebuild()
        out["index_seconds"] = round(time.perf_counter() - started, 1)
        out["index_cpu_seconds"] = round(time.process_time() - cpu, 1)
        if connection.vendor == "sqlite":
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            out["optimize_seconds"] = round(time.perf_counter() - started, 1)
        else:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_index_searchdocument")
    out["indexed"] = indexed

    sections = list(SectionPage.objects.values_list("pk", flat=True))
    authors = list(Author.objects.values_list("pk", flat=True))
    newest = (
        ArticlePage.objects.live().order_by("-published_at").values_list("published_at", flat=True).first()
    )

    def narrowing(q, narrow):
        pick = zlib.crc32(q.encode())
        if narrow == "section" and sections:
            return Filters(section_id=sections[pick % len(sections)])
        if narrow == "author" and authors:
            return Filters(author_id=authors[pick % len(authors)])
        if narrow == "month" and newest:
            start = newest.date() - dt.timedelta(days=30 * (1 + pick % 24))
            return Filters(date_from=start, date_to=start + dt.timedelta(days=30))
        return Filters()

    queries = make_queries(args.queries)
    for _kind, q, sort, _narrow in queries[:20]:  # warm caches, as a running site would be
        search(q, sort=sort)
    latencies, cpu_times, by_kind, totals = [], [], {}, []
    by_filter = {}
    for kind, q, sort, narrow in queries:
        filters = narrowing(q, narrow)
        started, cpu = time.perf_counter(), time.process_time()
        results = search(q, filters, sort, 0, 20)
        ms = (time.perf_counter() - started) * 1000
        cpu_times.append((time.process_time() - cpu) * 1000)
        latencies.append(ms)
        by_kind.setdefault(kind, []).append(ms)
        by_filter.setdefault(narrow or "none", []).append(ms)
        totals.append(results.total)
    out["p50_ms"] = round(percentile(latencies, 50), 1)
    out["p95_ms"] = round(percentile(latencies, 95), 1)
    out["max_ms"] = round(max(latencies), 1)
    # CPU time of this process: on a shared machine wall time includes waiting for a core. For SQLite
    # it covers the whole search (the engine runs in-process); for PostgreSQL only the client side.
    out["cpu_p50_ms"] = round(percentile(cpu_times, 50), 1)
    out["cpu_p95_ms"] = round(percentile(cpu_times, 95), 1)
    out["p95_by_kind_ms"] = {k: round(percentile(v, 95), 1) for k, v in sorted(by_kind.items())}
    out["p95_by_filter_ms"] = {k: round(percentile(v, 95), 1) for k, v in sorted(by_filter.items())}
    out["median_hits"] = int(statistics.median(totals))

    # Recall: each planted story among all hits of the other spelling of its word.
    engine = get_engine()
    from khabar.arabic.analyzer import parse_query

    planted = {}
    with open(sites.corpus_file(args.stories)) as lines:
        for line in lines:
            story = json.loads(line)
            if story["planted_variant"]:
                planted[story["source_url"]] = story["planted_variant"][1]
    pk_by_url = dict(ArticlePage.objects.filter(source_url__in=planted).values_list("source_url", "pk"))
    found = 0
    for url, query in planted.items():
        hits = engine.search(parse_query(query), Filters(), "date", 0, 10**7)
        found += pk_by_url.get(url) in {h.article_id for h in hits.hits}
    out["recall"] = f"{found}/{len(planted)}"

    # Reference: naive LIKE scan on the same documents, for 20 single words.
    sample = [q for kind, q, _, _ in queries if kind == "word"][:20]
    like = []
    from khabar.arabic.analyzer import analyze

    with connection.cursor() as cursor:
        for q in sample:
            started = time.perf_counter()
            cursor.execute(
                "SELECT article_id FROM search_index_searchdocument WHERE body LIKE %s "
                "ORDER BY published_at DESC LIMIT 20",
                [f"%{analyze(q)}%"],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT count(*) FROM search_index_searchdocument WHERE body LIKE %s", [f"%{analyze(q)}%"]
            )
            like.append((time.perf_counter() - started) * 1000)
    out["like_p50_ms"] = round(percentile(like, 50), 1)
    engine_sample = [ms for (kind, *_), ms in zip(queries, latencies, strict=True) if kind == "word"][:20]
    out["ratio_like_over_engine_p50"] = round(
        out["like_p50_ms"] / max(percentile(engine_sample, 50), 0.01), 1
    )
    print(json.dumps(out, ensure_ascii=False))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--fresh", action="store_true", help="drop the bench databases and import again")
    parser.add_argument("--no-import", action="store_true", help="measure the stories already imported")
    parser.add_argument("--keep-index", action="store_true", help="reuse the index a previous run built")
    parser.add_argument("--engine-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine_process:
        return run_engine(args)
    sites.corpus_file(args.stories)
    rows = []
    for engine in args.engines.split(","):
        env = sites.engine_env(engine, args.stories, args.fresh)
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                "--engine-process",
                f"--stories={args.stories}",
                f"--queries={args.queries}",
                *(["--no-import"] if args.no_import else []),
                *(["--keep-index"] if args.keep_index else []),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if child.returncode:
            sys.exit(f"{engine} failed:\n{child.stderr[-3000:]}")
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1], ensure_ascii=False, indent=1))
    print()
    print(
        "| engine | stories | import s | index build s (CPU) | p50 ms | p95 ms | CPU p50/p95 ms | recall | LIKE p50 ms | LIKE ÷ engine |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r['engine']} | {r['articles']:,} | {r.get('import_seconds', '(kept)')} | "
            f"{r.get('index_seconds', '(kept)')} ({r.get('index_cpu_seconds', '-')}) | {r['p50_ms']} | {r['p95_ms']} | "
            f"{r['cpu_p50_ms']}/{r['cpu_p95_ms']} | {r['recall']} | {r['like_p50_ms']} | "
            f"{r['ratio_like_over_engine_p50']}× |"
        )


if __name__ == "__main__":
    main()
