"""The test run uses the cache CACHE_URL names: CI's PostgreSQL run really goes through Redis."""

import os
import uuid

import pytest
import redis
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache

from khabar.core.cache_backends import ResilientRedisCache

CACHE_URL = os.environ.get("CACHE_URL", "")


@pytest.mark.skipif(not CACHE_URL.startswith("redis://"), reason="CACHE_URL does not name a Redis")
def test_a_redis_cache_url_puts_the_tests_cache_in_that_redis():
    assert isinstance(caches["default"], ResilientRedisCache)
    key, value = f"probe-{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=60)
    raw = redis.Redis.from_url(CACHE_URL)
    assert raw.get(cache.make_key(key)) is not None
    assert cache.get(key) == value
    cache.delete(key)
    assert raw.get(cache.make_key(key)) is None


@pytest.mark.skipif(bool(CACHE_URL), reason="CACHE_URL is set")
def test_without_cache_url_the_tests_use_local_memory():
    assert isinstance(caches["default"], LocMemCache)


def test_one_redis_client_serves_every_operation_and_thread():
    """Django builds a client per operation; ours is built once per connection pool (a real Redis)."""
    import threading

    from khabar.settings import cache_config

    backend = ResilientRedisCache(
        "redis://127.0.0.1:6379/4", {"OPTIONS": cache_config("redis://127.0.0.1:6379/4")["OPTIONS"]}
    )
    client = backend._cache.get_client(write=True)
    assert backend._cache.get_client() is client
    results = []

    def work(n):
        backend.set(f"thread-{n}", n, 30)
        results.append(backend.get(f"thread-{n}"))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(8))
    assert backend._cache.get_client(write=True) is client
    backend.delete_many([f"thread-{n}" for n in range(8)])
