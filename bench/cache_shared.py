"""Where the page cache's tag versions live when there is no Redis. Run: python bench/cache_shared.py [HITS]

The default set-up (SQLite, no Redis) must let a change made by any process (the task worker, a
``khabar`` command, another web process) reach readers at once, so the tag versions must be shared.
Candidates, each measured as the work of one cache hit (read the stored page, check its 8 tag
versions) and of one invalidation (give 8 tags a new version), in the same run:

- local memory for pages and versions: what Khabar did before; not shared (reference);
- tag versions in the database (SQLite in WAL mode, the real settings), pages in local memory;
- Django's file-based cache under ``var/`` for pages and versions;
- Redis for pages, versions in the database; and Redis for both (when Redis answers at
  ``BENCH_REDIS_URL``, default ``redis://127.0.0.1:6379/7``).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HITS = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
TAGS = [f"page:{n}" for n in range(5)] + ["section:3", "settings", "listing"]
PAGE = {"versions": {}, "content": ("<p>خبر</p>" * 6000).encode(), "headers": {"Content-Type": "text/html"}}


def per_op_us(operation, runs):
    operation()
    started = time.perf_counter()
    for _ in range(runs):
        operation()
    return (time.perf_counter() - started) / runs * 1e6


def main():
    work = Path(tempfile.mkdtemp(prefix="khabar-bench-cache-"))
    os.environ.update(
        KHABAR_VAR_DIR=str(work), DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}", SECRET_KEY="b"
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "khabar.settings"
    import django

    django.setup()
    from django.core.cache.backends.filebased import FileBasedCache
    from django.core.cache.backends.locmem import LocMemCache
    from django.core.management import call_command

    from khabar.core import pagecache
    from khabar.settings import cache_config

    call_command("migrate", "core", verbosity=0)
    pagecache.invalidate(*TAGS)

    def cache_versions(store):
        def hit():
            store.get("page")
            store.get_many([f"cachetag:{tag}" for tag in TAGS])

        def invalidate():
            store.set_many({f"cachetag:{tag}": time.time_ns() for tag in TAGS}, timeout=None)

        store.set("page", PAGE, timeout=600)
        invalidate()
        return hit, invalidate

    def database_versions(store):
        def hit():
            store.get("page")
            pagecache.tag_versions(TAGS)

        store.set("page", PAGE, timeout=600)
        return hit, lambda: pagecache.invalidate(*TAGS)

    rows = [
        ("local memory, versions in local memory (not shared)", cache_versions(LocMemCache("a", {}))),
        ("local memory, versions in the database (SQLite)", database_versions(LocMemCache("b", {}))),
        ("file cache under var/, versions there too", cache_versions(FileBasedCache(str(work / "c"), {}))),
    ]
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    from django.core.cache.backends.redis import RedisCache

    config = cache_config(redis_url)
    redis = RedisCache(config["LOCATION"], {"KEY_PREFIX": "bench", "OPTIONS": config["OPTIONS"]})
    try:
        redis.get("probe")
    except Exception as error:  # noqa: BLE001 - any failure means "no Redis for this run"
        print(f"(no Redis at {redis_url}: {error})")
    else:
        rows += [
            ("Redis, versions in the database (SQLite)", database_versions(redis)),
            ("Redis, versions in Redis", cache_versions(redis)),
        ]
    print(f"load average {os.getloadavg()[0]:.1f}; {HITS} hits per row")
    print(f"{'pages / tag versions':<55} {'hit µs':>8} {'invalidate µs':>14}")
    for name, (hit, invalidate) in rows:
        print(f"{name:<55} {per_op_us(hit, HITS):8.1f} {per_op_us(invalidate, max(100, HITS // 10)):14.1f}")


if __name__ == "__main__":
    main()
