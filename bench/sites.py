"""Bench sites: the synthetic corpus imported once into a kept database per engine and size.

    python bench/sites.py [--stories 200000] [--engines sqlite,postgres] [--fresh]

builds (or brings up to date) the sites that ``bench/search.py`` and ``bench/renders.py`` measure, so a
200,000-story import is paid once and reused by every later run:

* SQLite: ``var/bench/site-<N>.sqlite3`` (``KHABAR_VAR_DIR`` is ``var/bench``);
* PostgreSQL: database ``khabar_bench_site_<N>`` on 127.0.0.1 as user postgres.

Each is migrated, filled from ``bench/corpus.py`` with ``khabar import-articles`` (six sections holding 45 %
down to 1 % of the stories, a topic per dateline city and a rare one), its reader search index built, and its statistics gathered (``ANALYZE`` on
SQLite, ``VACUUM ANALYZE`` on PostgreSQL), as an operator does after a bulk import.

The benchmarks call :func:`engine_env` for the environment of a child process on one engine's site and,
inside that process, :func:`prepare` (idempotent: a site already complete costs a few counts).
"""

import argparse
import json
import os
import subprocess
import sys
import time
import zlib
from pathlib import Path

import corpus  # bench/corpus.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"

# The generator puts every story in one section; a newsroom's sections differ in size, and a filter
# on a small one must not cost more than on a large one.
SECTIONS = [("سياسة", 45), ("اقتصاد", 25), ("العالم", 15), ("رياضة", 10), ("ثقافة", 4), ("علوم", 1)]
# Topics: the dateline city (one story in 18 each) and, on one story in RARE_EVERY, a rare one, so a topic
# page is measured where its stories are common and where they are few and far between. One in 100 fills
# exactly the first page (20 cards) at 2,000 stories, so the rare topic's growth compares the same page
# (one in 500 gave 4 cards at 2,000 and 20 at 200,000: it measured the cards, not the archive).
RARE_TOPIC = "قمة المناخ"
RARE_EVERY = 100


def corpus_file(n):
    """``var/bench/stories-<N>.jsonl``: the corpus with its stories spread over :data:`SECTIONS`."""
    path = BENCH_DIR / f"stories-{n}.jsonl"
    if not path.exists():
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        names = [name for name, weight in SECTIONS for _ in range(weight)]
        part = f"{path}.{os.getpid()}.part"  # two engines may write it at once
        with open(part, "w") as out:
            for story in corpus.stories(n):
                story["section"] = names[zlib.crc32(str(story["id"]).encode()) % len(names)]
                story["topics"] = [
                    story["dateline"],
                    *([RARE_TOPIC] if story["id"] % RARE_EVERY == 7 else []),
                ]
                out.write(json.dumps(story, ensure_ascii=False) + "\n")
        os.replace(part, path)
    return path


def database_url(engine, n, fresh=False):
    """The ``DATABASE_URL`` of the kept site of ``n`` stories on ``engine``, created when missing."""
    if engine == "sqlite":
        path = BENCH_DIR / f"site-{n}.sqlite3"
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    name = f"khabar_bench_site_{n}"
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def engine_env(engine, n, fresh=False):
    """The environment of a child process that works on the kept site of ``n`` stories on ``engine``."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DATABASE_URL=database_url(engine, n, fresh),
        KHABAR_VAR_DIR=str(BENCH_DIR),
        DJANGO_SETTINGS_MODULE="khabar.settings",
    )
    return env


def setup_django():
    """In a child process started with :func:`engine_env`'s environment."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def analyze():
    """Refresh the planner's statistics, as an operator does after a bulk import."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")


def prepare(n, index=True, fill=True):
    """Migrate, import the corpus when the site has fewer than ``n`` stories, build the search index.

    ``fill=False`` measures the site as it is (an import stopped part way), after ANALYZE.
    Returns what it did, with timings, for the benchmark's output.
    """
    from django.core.management import call_command

    from khabar.newsroom.models import ArticlePage

    done = {}
    call_command("migrate", verbosity=0)
    if not (BENCH_DIR / "static" / "staticfiles.json").exists():  # pages render with DEBUG off
        call_command("collectstatic", interactive=False, verbosity=0)
    if fill and ArticlePage.objects.count() < n:
        path = corpus_file(n)
        started = time.perf_counter()
        with open(os.devnull, "w") as devnull:
            call_command("import-articles", str(path), stdout=devnull)
        done["import_seconds"] = round(time.perf_counter() - started, 1)
    if index and fill:
        from khabar.search.index import rebuild
        from khabar.search.models import SearchDocument

        if SearchDocument.objects.count() != ArticlePage.objects.live().count():
            started = time.perf_counter()
            rebuild()
            done["index_seconds"] = round(time.perf_counter() - started, 1)
    if done or not fill:
        started = time.perf_counter()
        analyze()
        done["analyze_seconds"] = round(time.perf_counter() - started, 1)
    return done


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200_000)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--fresh", action="store_true", help="drop the kept sites and import again")
    parser.add_argument("--engine-process", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine_process:
        setup_django()
        print(json.dumps({"engine": args.engine_process, **prepare(args.stories)}))
        return
    corpus_file(args.stories)
    for engine in args.engines.split(","):
        subprocess.run(
            [sys.executable, __file__, f"--stories={args.stories}", f"--engine-process={engine}"],
            env=engine_env(engine, args.stories, args.fresh),
            check=True,
        )


if __name__ == "__main__":
    main()
