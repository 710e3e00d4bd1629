"""Each process's own level of the page cache (LocalPages, in front of CACHE_URL).

An instance of the WSGI application stands for a web process: it has a level of its own, and shares the
cache and the database with the others. Another process's change is what it leaves in the database (new
data, new tag versions), written here with plain SQL so nothing in this process is told of it.
"""

import time
import types

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory

from khabar.core import pagecache
from khabar.core.models import CacheTag
from khabar.core.pagecache import HEADER, LocalPages, _page_key
from khabar.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


def learned(call, url):
    """A miss stores the page; the first hit goes through Django, which shows the layer the headers around it."""
    first, second = call(url), call(url)
    assert first["headers"][HEADER] == "miss" and second["headers"][HEADER] == "hit"
    return first["body"]


def only_local(*urls):
    """Drop the pages from the shared cache: from here only the processes' own levels hold them. (Not
    ``cache.clear()``, which also drops the most-read ranking, whose next refresh renews its tag.)"""
    cache.delete_many([_page_key(RequestFactory().get(url)) for url in urls])


def changed_elsewhere(story, title):
    """What another process's publish leaves: the new headline and a new version of the page's tag."""
    ArticlePage.objects.filter(pk=story.pk).update(title=title)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {CacheTag._meta.db_table} SET changed = changed + 1 WHERE tag = %s", [f"page:{story.pk}"]
        )
        assert cursor.rowcount == 1


def test_a_local_hit_goes_stale_at_once_when_another_process_changes_a_tag(wsgi, make_article):
    call, story = wsgi(), make_article()
    learned(call, story.url)
    only_local(story.url)
    hit = call(story.url)
    assert hit["headers"][HEADER] == "hit" and not hit["django"]

    changed_elsewhere(story, "عنوان نشرته عملية أخرى")
    after = call(story.url)
    assert after["django"] and after["headers"][HEADER] == "miss"
    assert "عنوان نشرته عملية أخرى" in after["body"].decode()
    again = call(story.url)
    assert not again["django"] and again["body"] == after["body"]


def test_a_page_stored_by_one_process_is_served_by_another(wsgi, make_article):
    one, two = wsgi(), wsgi()
    story = make_article()
    stored = one(story.url)
    assert stored["headers"][HEADER] == "miss"
    # The other process never rendered it: its first answer is a hit, from the shared cache.
    assert learned_from_shared(two, story.url) == stored["body"]
    direct = two(story.url)
    assert not direct["django"] and direct["body"] == stored["body"]

    # A publish: the first process renders the new page; the second drops its stale copy and takes the new one
    # from the shared cache, without rendering.
    story.title = "عنوان بعد التعديل"
    story.save_revision().publish()
    assert one(story.url)["headers"][HEADER] == "miss"
    fresh = two(story.url)
    assert not fresh["django"] and "عنوان بعد التعديل" in fresh["body"].decode()


def learned_from_shared(call, url):
    through_django = call(url)
    assert through_django["headers"][HEADER] == "hit"
    return through_django["body"]


def test_the_local_level_keeps_the_most_recent_pages_within_its_bound(wsgi, make_article, settings):
    one, two = make_article(), make_article("خبر ثان")
    probe = wsgi()  # (not the test client: it would have Django's request signals close the connection)
    sizes = [len(probe(story.url)["body"]) for story in (one, two)]
    only_local(one.url, two.url)
    settings.PAGE_CACHE_LOCAL_BYTES = max(sizes) + min(sizes) // 2  # room for either page, not both
    call = wsgi()
    learned(call, one.url)
    learned(call, two.url)
    assert len(call.app.local) == 1 and call.app.local.size <= settings.PAGE_CACHE_LOCAL_BYTES
    only_local(one.url, two.url)
    assert not call(two.url)["django"]
    assert call(one.url)["django"]


def test_least_recently_used_goes_first_and_a_page_larger_than_the_bound_is_not_kept():
    def entry(size):
        return {"content": b"x" * size, "until": time.time() + 60}

    local = LocalPages(25)
    local.put("a", entry(10))
    local.put("b", entry(10))
    assert local.get("a")  # now the most recently used
    local.put("c", entry(10))
    assert local.get("a") and local.get("c") and local.get("b") is None
    assert local.size == 20
    local.put("a", entry(5))  # replaced, not counted twice
    assert local.size == 15
    local.put("d", entry(26))
    assert local.get("d") is None and local.size == 15
    local.put("e", {"content": b"x"})  # stored without the shared cache's lifetime: not kept
    assert local.get("e") is None


def test_a_local_entry_lives_no_longer_than_the_shared_cache_would_keep_it(
    wsgi, make_article, settings, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 600
    story = make_article()
    stored_here, read_from_shared = wsgi(), wsgi()
    learned(stored_here, story.url)
    learned_from_shared(read_from_shared, story.url)
    only_local(story.url)
    assert not stored_here(story.url)["django"] and not read_from_shared(story.url)["django"]

    later = time.time() + 601
    monkeypatch.setattr(pagecache, "time", types.SimpleNamespace(time=lambda: later, time_ns=time.time_ns))
    for call in (read_from_shared, stored_here):
        only_local(story.url)  # what the other one just stored
        answer = call(story.url)
        assert answer["django"] and answer["headers"][HEADER] == "miss"


def test_with_the_shared_cache_down_a_local_hit_still_checks_the_tag_versions(wsgi, make_article, dead_cache):
    call, story = wsgi(), make_article()
    learned(call, story.url)  # the page is kept by this process only
    hit = call(story.url)
    assert hit["headers"][HEADER] == "hit" and not hit["django"]
    changed_elsewhere(story, "عنوان أثناء عطل الذاكرة المؤقتة")
    after = call(story.url)
    assert after["django"] and "عنوان أثناء عطل الذاكرة المؤقتة" in after["body"].decode()


def test_without_a_local_level_hits_come_from_the_shared_cache(wsgi, make_article, settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 0
    call, story = wsgi(), make_article()
    learned(call, story.url)
    assert call.app.local is None and not call(story.url)["django"]
    only_local(story.url)
    assert call(story.url)["django"]
