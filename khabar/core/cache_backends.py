"""A Redis cache that degrades instead of failing when Redis does not answer.

Everything Khabar keeps in the cache can be rebuilt, except the comment rate limits, which guard the
comment form: reads then miss and writes are dropped (pages are served uncached, Wagtail
recomputes what it cached), while the atomic claims a rate limit needs
(``add``, ``incr``, ``decr``) raise :class:`CacheUnavailable`, so their callers refuse instead
of letting every post through. After a failure the cache is left alone for ``RETRY_SECONDS``, so a
dead or unreachable Redis costs a request nothing rather than a connection timeout each time.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0

# Sent when the cache is cleared: what a process keeps in front of it goes too (core.pagecache).
cleared = Signal()


class CacheUnavailable(Exception):
    """The shared cache cannot be reached: an atomic claim could not be made."""


class ReusedClients(RedisCacheClient):
    """Django's Redis client, keeping one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` for every operation, and each builds its table of response
    callbacks anew: more CPU than the round trip itself for a small value. One client per pool serves
    every thread (the pool hands each command a connection).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        try:
            return self._clients[id(pool)]
        except KeyError:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
            return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _call(self, method, *args, fallback=None, strict=False, **kwargs):
        if time.monotonic() < self._down_until:
            if strict:
                raise CacheUnavailable
            return fallback
        try:
            return method(*args, **kwargs)
        except RedisError as error:
            with self._lock:
                if time.monotonic() >= self._down_until:
                    logger.warning("Cache unreachable, serving without it for %s s: %s", RETRY_SECONDS, error)
                self._down_until = time.monotonic() + RETRY_SECONDS
            if strict:
                raise CacheUnavailable from error
            return fallback

    # Reads miss and writes are dropped: whatever was cached is rebuilt without the cache.
    def get(self, key, default=None, version=None):
        return self._call(super().get, key, default, version, fallback=default)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, keys, version, fallback={})

    def has_key(self, key, version=None):
        return self._call(super().has_key, key, version, fallback=False)

    def set(self, *args, **kwargs):
        return self._call(super().set, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call(super().set_many, *args, fallback=[], **kwargs)

    def touch(self, *args, **kwargs):
        return self._call(super().touch, *args, fallback=False, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call(super().delete, *args, fallback=False, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call(super().delete_many, *args, **kwargs)

    def clear(self):
        cleared.send(sender=type(self))
        return self._call(super().clear)

    # Atomic claims fail closed (``decr`` is ``incr`` with a negative step).
    def add(self, *args, **kwargs):
        return self._call(super().add, *args, strict=True, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call(super().incr, *args, strict=True, **kwargs)
