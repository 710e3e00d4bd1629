"""kept(): a value computed once and used while the tags it depends on keep their versions."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from khabar.core.models import CacheTag
from khabar.core.pagecache import invalidate, kept, tag_request

pytestmark = pytest.mark.django_db


class Computed:
    """A compute function that counts its calls and returns what it is told."""

    def __init__(self, value="قيمة", tags=("page:1",)):
        self.calls, self.value, self.tags = 0, value, tags

    def __call__(self):
        self.calls += 1
        return self.value, None if self.tags is None else list(self.tags)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_a_value_is_computed_once_and_kept():
    compute = Computed()
    assert [kept("k", compute) for _ in range(3)] == ["قيمة"] * 3
    assert compute.calls == 1


def test_a_change_to_one_of_its_tags_is_seen_at_once():
    compute = Computed(tags=["page:1", "listing"])
    kept("k", compute)
    invalidate("listing")
    kept("k", compute)
    assert compute.calls == 2
    invalidate("page:2")  # not one of its tags
    kept("k", compute)
    assert compute.calls == 2


def test_a_change_by_another_process_is_seen_at_once():
    compute = Computed()
    kept("k", compute)
    # Another process writes the version row directly; this one has no other way to know.
    CacheTag.objects.update_or_create(tag="page:1", defaults={"changed": 10**17})
    kept("k", compute)
    assert compute.calls == 2


def test_a_value_computed_while_its_tag_changed_is_not_kept():
    def compute():
        invalidate("page:1")  # e.g. a publication committed during the computation
        return "قديم", ["page:1"]

    assert kept("k", compute) == "قديم"
    assert cache.get("k") is None


def test_none_is_a_value_and_untagged_values_are_not_kept():
    nothing = Computed(value=None)
    kept("none", nothing), kept("none", nothing)
    assert nothing.calls == 1
    miss = Computed(tags=None)
    kept("miss", miss), kept("miss", miss)
    assert miss.calls == 2


def test_a_cached_page_that_shows_the_value_goes_stale_with_it():
    request = RequestFactory().get("/")
    tag_request(request, "page:9")  # a page that is cached anyway
    kept("k", Computed(tags=["topic:3"]), request)
    assert request._cache_tags == {"page:9", "topic:3"}
    assert set(request._tag_versions) >= {"topic:3"}
    # A response that is not cached (no tag of its own) does not become cacheable.
    bare = RequestFactory().get("/")
    kept("k", Computed(tags=["topic:3"]), bare)
    assert not getattr(bare, "_cache_tags", None)


def test_the_timeout_may_follow_the_value():
    kept("gone", Computed(value=0), timeout=lambda value: value)  # 0: expires at once
    kept("short", Computed(value=3), timeout=lambda value: value)
    assert cache.get("gone") is None
    assert cache.get("short")["value"] == 3


def test_with_the_cache_unreachable_values_are_computed_and_still_follow_their_tags(settings):
    from khabar.settings import cache_config

    settings.CACHES = {"default": cache_config("redis://127.0.0.1:6390/7")}
    compute = Computed()
    assert [kept("k", compute) for _ in range(2)] == ["قيمة"] * 2  # never an error
    calls = compute.calls  # 1: the process's own level still holds it; 2 without one
    invalidate("page:1")
    kept("k", compute)
    assert compute.calls == calls + 1


@pytest.fixture
def redis_cache(settings):
    """A real Redis as the shared cache (db 4), so each process keeps its own level in front of it."""
    from khabar.settings import cache_config

    settings.CACHES = {"default": cache_config("redis://127.0.0.1:6379/4")}
    cache.clear()
    yield cache
    cache.clear()


def test_a_process_keeps_values_in_front_of_the_shared_cache(redis_cache):
    import redis

    compute = Computed(tags=["page:1"])
    kept("k", compute)
    redis.Redis.from_url("redis://127.0.0.1:6379/4").delete(cache.make_key("k"))
    assert kept("k", compute) == "قيمة" and compute.calls == 1  # from this process's own level
    CacheTag.objects.update_or_create(tag="page:1", defaults={"changed": 10**17})  # another process
    kept("k", compute)
    assert compute.calls == 2  # its own copy is checked against the versions like the shared one


def test_each_use_gets_its_own_copy_and_clearing_the_cache_forgets_them(redis_cache):
    compute = Computed(value=["قيمة"])
    kept("k", compute).append("تغيير في أثناء العرض")
    assert kept("k", compute) == ["قيمة"]
    cache.clear()
    kept("k", compute)
    assert compute.calls == 2
