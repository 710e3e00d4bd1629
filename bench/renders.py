"""Uncached renders of every public page type as the archive grows, on SQLite and PostgreSQL.

    python bench/renders.py [--sizes 2000,200000] [--engines sqlite,postgres] [--repeat 15] [--slow] [--no-import]

For each engine and size, in its own process, on the kept site of ``bench/sites.py`` (built on first use:
the corpus of ``bench/corpus.py`` imported with ``khabar import-articles``, search index, ANALYZE), every
public page type is rendered in-process through Django's test client with the page cache off
(``PAGE_CACHE_SECONDS=0``): home, section, topic (a common and a rare one), author, article, month
archive (the oldest month of the largest section), RSS feeds, the sitemap index, the article sitemap of
the oldest week (the same stories at every size), the news sitemap and a search. The clock reads the
newest story's time plus a minute, so "the last two days" of the news sitemap and the breaking banner
see the same newsroom at every size.

Each page is rendered twice to warm it, then ``--repeat`` times as a reader meets it after a change to
what it shows: before each timed render the page's cache tags (but "settings", the masthead's) get a new
version, so nothing the page shows is kept in the cache (``core.pagecache.kept``) and every query it needs
runs. The figure is the median wall time per request. The reference is the smallest size, measured in
the same run: the table prints per engine the time at each size, the growth ratio (largest ÷ smallest,
target ≤ 1.5), the queries per page (target ≤ 12) and, for the largest size, the render right after
(what the page shows then kept). ``--slow`` also prints each page's slowest query at each size.
"""

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from unittest import mock

import sites  # bench/sites.py: the kept sites every page and search bench measures

TARGET_RATIO = 1.5
MAX_QUERIES = 12


def page_urls():
    """The public page of each type to render, from what the site holds."""
    from django.utils import timezone
    from taggit.models import Tag

    from khabar.newsroom.models import ArticlePage, Author, MonthArchivePage, SectionPage

    sections = sorted(SectionPage.objects.live(), key=lambda s: -s.section_articles.count())
    largest = sections[0]
    months = MonthArchivePage.objects.live().descendant_of(largest).order_by("path")
    article = ArticlePage.objects.live().order_by("-published_at")[10]
    author = Author.objects.order_by("slug").first()
    common = Tag.objects.exclude(name=sites.RARE_TOPIC).order_by("name").first()
    rare = Tag.objects.get(name=sites.RARE_TOPIC)
    oldest = timezone.localtime(ArticlePage.objects.order_by("published_at").first().published_at)
    return {
        "home": "/",
        "section": largest.url,
        "topic": f"/topics/{common.slug}/",
        "topic (rare)": f"/topics/{rare.slug}/",
        "author": f"/authors/{author.slug}/",
        "article": article.url,
        "month archive": months.first().url,
        "RSS, latest": "/feeds/rss/",
        "RSS, section": f"/feeds/section/{largest.pk}/rss/",
        "sitemap index": "/sitemap.xml",
        "article sitemap, oldest week": f"/sitemap-articles-{oldest:%G-W%V}.xml",
        "news sitemap": "/news-sitemap.xml",
        "search": "/search/?q=" + "معاهدة",
    }


def measure(args):
    os.environ.update(PAGE_CACHE_SECONDS="0", DEBUG="false", ALLOWED_HOSTS="*")
    sites.setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from khabar.core.pagecache import invalidate
    from khabar.newsroom.models import ArticlePage

    out = {
        "engine": connection.vendor,
        "size": args.stories,
        **sites.prepare(args.stories, fill=not args.no_import),
    }
    out["stories"] = ArticlePage.objects.live().count()
    newest = ArticlePage.objects.order_by("-published_at").values_list("published_at", flat=True).first()
    now = newest + dt.timedelta(minutes=1)
    client = Client()
    pages = {}
    with mock.patch.object(timezone, "now", lambda: now):
        for name, url in page_urls().items():
            for _ in range(2):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
            # Each timed render as a reader meets the page after a change to what it shows: its tags
            # invalidated (but "settings", the masthead's), so nothing it shows is kept in the cache
            # (core.pagecache.kept) and every query it needs runs.
            tags = set(getattr(client.get(url).wsgi_request, "_cache_tags", ())) - {"settings"}
            invalidate(*tags)
            with CaptureQueriesContext(connection) as capture:
                client.get(url)
            # Copied now: the context reads connection.queries when asked, and each later request
            # clears that log (Django's reset_queries on request_started), which printed 0 queries.
            # Transaction control (the search's BEGIN and COMMIT on PostgreSQL) reads nothing.
            queries = [q for q in capture.captured_queries if q["sql"] not in ("BEGIN", "COMMIT")]
            times = []
            kept_times = []
            for _ in range(args.repeat):
                invalidate(*tags)
                started = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                client.get(url)  # again: what it shows now kept
                kept_times.append((time.perf_counter() - started) * 1000)
            slowest = max(queries, key=lambda q: float(q["time"]), default=None)
            pages[name] = {
                "url": url,
                "ms": round(statistics.median(times), 1),
                "kept_ms": round(statistics.median(kept_times), 1),
                "queries": len(queries),
                "slowest_query_ms": slowest and round(float(slowest["time"]) * 1000, 1),
                "slowest_query": slowest and slowest["sql"][:300],
            }
    out["pages"] = pages
    print(json.dumps(out, ensure_ascii=False))


def run(engines, sizes, repeat, no_import=False):
    """Measure each engine at each size in a child process; returns {engine: {size: result}}."""
    results = {}
    for engine in engines:
        for size in sizes:
            child = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--measure",
                    f"--stories={size}",
                    f"--repeat={repeat}",
                    *(["--no-import"] if no_import else []),
                ],
                env=sites.engine_env(engine, size),
                capture_output=True,
                text=True,
            )
            if child.returncode:
                sys.exit(f"{engine} at {size:,} failed:\n{child.stderr[-3000:]}")
            results.setdefault(engine, {})[size] = json.loads(child.stdout.strip().splitlines()[-1])
    return results


def report(results, slow=False):
    for engine, by_size in results.items():
        sizes = sorted(by_size)
        small, large = by_size[sizes[0]], by_size[sizes[-1]]
        print(
            f"\n## {engine}: uncached renders, median of the repeats (load average {os.getloadavg()[0]:.1f})"
        )
        for size in sizes:
            done = {k: v for k, v in by_size[size].items() if k.endswith("_seconds")}
            print(f"- {by_size[size]['stories']:,} live stories" + (f", {done}" if done else ""))
        header = " | ".join(f"{s:,} ms" for s in sizes)
        print(f"\n| page | {header} | growth | queries | kept, {sizes[-1]:,} ms |")
        print("| --- |" + " ---: |" * len(sizes) + " ---: | ---: | ---: |")
        for name, page in small["pages"].items():
            times = " | ".join(f"{by_size[s]['pages'][name]['ms']:.1f}" for s in sizes)
            ratio = large["pages"][name]["ms"] / max(page["ms"], 0.01)
            flag = "" if ratio <= TARGET_RATIO else " ✗"
            queries = "/".join(str(by_size[s]["pages"][name]["queries"]) for s in sizes)
            over = " ✗" if max(by_size[s]["pages"][name]["queries"] for s in sizes) > MAX_QUERIES else ""
            kept = large["pages"][name].get("kept_ms", 0)
            print(f"| {name} | {times} | {ratio:.2f}×{flag} | {queries}{over} | {kept:.1f} |")
        if slow:
            for name in small["pages"]:
                for size in sizes:
                    page = by_size[size]["pages"][name]
                    print(f"{name} @{size:,}: {page['slowest_query_ms']} ms: {page['slowest_query']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,200000")
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--slow", action="store_true", help="print each page's slowest query")
    parser.add_argument(
        "--no-import",
        action="store_true",
        help="measure the kept sites as they are (an import stopped part way)",
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--stories", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args)
    sizes = [int(size) for size in args.sizes.split(",")]
    report(run(args.engines.split(","), sizes, args.repeat, args.no_import), slow=args.slow)


if __name__ == "__main__":
    main()
