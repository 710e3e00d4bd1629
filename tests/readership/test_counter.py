"""Most read: views counted on the site itself, once per reader, story and hour, nothing stored that
identifies a reader, ranked over the last 24 hours on the home page and beside each article."""

import datetime as dt
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from khabar.readership import counter
from khabar.readership.models import HourlyViews

pytestmark = pytest.mark.django_db

READER = {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "QuietBrowser/7.1 (distinctive-agent)"}


def beacon(client, article, **headers):
    return client.post(f"/read/{article.pk}/", **{**READER, **headers})


def views(article):
    return sum(HourlyViews.objects.filter(article=article).values_list("views", flat=True))


def test_a_view_counts_once_per_reader_story_and_hour(client, make_article):
    story = make_article()
    assert [beacon(client, story).status_code for _ in range(3)] == [204, 204, 204]
    assert views(story) == 1
    beacon(client, story, HTTP_USER_AGENT="OtherBrowser/1.0")
    beacon(client, story, REMOTE_ADDR="198.51.100.4")
    assert views(story) == 3


def test_the_same_reader_counts_again_the_next_hour(rf, make_article):
    story = make_article()
    now = timezone.now()
    request = rf.post("/", **READER)
    assert counter.record(request, story.pk, now) == counter.COUNTED
    assert counter.record(request, story.pk, now) == counter.SEEN
    assert counter.record(request, story.pk, now + dt.timedelta(hours=1)) == counter.COUNTED
    assert HourlyViews.objects.filter(article=story).count() == 2


def test_one_reader_cannot_inflate_stories_past_the_hourly_limit(client, make_article, monkeypatch):
    monkeypatch.setattr(counter, "CLIENT_LIMIT", (3, 3600))
    stories = [make_article(f"خبر رقم {i}", slug=f"s{i}") for i in range(4)]
    assert [beacon(client, story).status_code for story in stories] == [204, 204, 204, 429]
    assert [views(story) for story in stories] == [1, 1, 1, 0]
    assert beacon(client, stories[3], REMOTE_ADDR="198.51.100.4").status_code == 204  # another reader


def test_nothing_that_identifies_a_reader_is_stored_or_set(client, make_article):
    story = make_article()
    response = beacon(client, story)
    assert response.status_code == 204 and not response.cookies
    field_names = {field.name for field in HourlyViews._meta.get_fields()}
    assert field_names == {"id", "article", "hour", "views"}
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    assert HourlyViews.objects.get().views == 1
    assert READER["REMOTE_ADDR"] not in dump.getvalue() and "QuietBrowser" not in dump.getvalue()


def test_the_reader_hash_changes_every_day(rf):
    request = rf.post("/", **READER)
    today = timezone.now()
    assert counter.reader_hash(request, today) == counter.reader_hash(request, today)
    assert counter.reader_hash(request, today) != counter.reader_hash(request, today + dt.timedelta(days=1))
    assert READER["REMOTE_ADDR"] not in counter.reader_hash(request, today)


def test_beacons_from_other_sites_and_for_no_story_count_nothing(client, make_article):
    story = make_article()
    assert beacon(client, story, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert client.get(f"/read/{story.pk}/").status_code == 405
    assert client.post("/read/987654/", **READER).status_code == 404
    story.unpublish()
    assert beacon(client, story, REMOTE_ADDR="198.51.100.9").status_code == 404
    assert not HourlyViews.objects.exists()


def test_a_beacon_costs_a_bounded_number_of_queries(client, make_article, django_assert_max_num_queries):
    story = make_article()
    counter.refresh(force=True)
    with django_assert_max_num_queries(5):  # live check, update, then insert inside a savepoint
        beacon(client, story)


def test_ranking_sums_the_last_24_hours_of_public_stories(make_article):
    a, b, old, gone = (make_article(f"خبر {n}", slug=n) for n in ("a", "b", "old", "gone"))
    hour = counter.hour_of(timezone.now())
    rows = [
        (a, hour, 3),
        (a, hour - dt.timedelta(hours=2), 4),
        (b, hour - dt.timedelta(hours=23), 6),
        (old, hour - dt.timedelta(hours=24), 100),
        (gone, hour, 50),
    ]
    HourlyViews.objects.bulk_create(HourlyViews(article=x, hour=h, views=v) for x, h, v in rows)
    gone.unpublish()
    assert counter.ranking() == [a.pk, b.pk]


def test_refresh_deletes_hours_older_than_a_week(make_article):
    story = make_article()
    hour = counter.hour_of(timezone.now())
    HourlyViews.objects.create(
        article=story, hour=hour - dt.timedelta(days=counter.KEEP_DAYS, hours=1), views=9
    )
    HourlyViews.objects.create(article=story, hour=hour, views=1)
    counter.refresh(force=True)
    assert list(HourlyViews.objects.values_list("views", flat=True)) == [1]


def test_home_and_article_show_most_read_only_once_something_was_read(client, make_article):
    read = make_article("خبر قرأه الناس", slug="read")
    unread = make_article("خبر لم يقرأه أحد", slug="unread")
    assert "الأكثر قراءة</h2>" not in client.get("/").content.decode()
    beacon(client, read)
    counter.refresh(force=True)
    for url in ("/", unread.url):
        html = client.get(url).content.decode()
        section = html[html.index('class="most-read"') :]
        assert "الأكثر قراءة</h2>" in section and "خبر قرأه الناس" in section[: section.index("</section>")]


def test_the_article_page_loads_the_beacon_script_from_the_site(client, make_article):
    story = make_article()
    html = client.get(story.url).content.decode()
    assert f'data-beacon="/read/{story.pk}/"' in html and 'src="/static/readership/beacon' in html
    assert "sendBeacon" not in html  # no inline script: the CSP allows 'self' only


def test_a_cached_page_follows_the_ranking_within_the_refresh_interval(client, make_article):
    first = make_article("الخبر الأول", slug="first")
    second = make_article("الخبر الثاني", slug="second")
    beacon(client, first)
    counter.refresh(force=True)
    assert client.get("/")["X-Khabar-Cache"] == "miss"
    assert client.get("/")["X-Khabar-Cache"] == "hit"
    for n in range(3):
        beacon(client, second, REMOTE_ADDR=f"198.51.100.{n}")
    assert client.get("/")["X-Khabar-Cache"] == "hit"  # ranked again at most every REFRESH_SECONDS
    cache.delete("readership:refreshed")  # the interval has passed
    beacon(client, second, REMOTE_ADDR="198.51.100.99")
    page = client.get("/")
    html = page.content.decode()
    listed = html[html.index('class="most-read"') :]
    assert page["X-Khabar-Cache"] == "miss"
    assert listed.index("الخبر الثاني") < listed.index("الخبر الأول")
