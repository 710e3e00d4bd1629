"""The anonymous page cache: served from the cache until what the page shows changes."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from taggit.models import Tag

from khabar.core.pagecache import HEADER
from khabar.newsroom.models import Agency, Author, NewsroomSettings

pytestmark = pytest.mark.django_db


def cache_state(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get(HEADER)


def assert_cached(client, *urls):
    for url in urls:
        cache_state(client, url)
        assert cache_state(client, url) == "hit", url


def assert_rebuilt(client, *urls):
    for url in urls:
        assert cache_state(client, url) == "miss", url


@pytest.fixture
def story(make_article):
    return make_article(topics=["روسيا"])


def week_sitemap(story):
    return f"/sitemap-articles-{timezone.localtime(story.published_at):%G-W%V}.xml"


def test_anonymous_views_are_cached_and_served_identically(client, story):
    for url in (
        "/",
        "/politics/",
        story.url,
        "/authors/sara-almansouri/",
        "/topics/روسيا/",
        "/feeds/rss/",
        "/sitemap.xml",
        week_sitemap(story),
    ):
        first = client.get(url)
        assert first[HEADER] == "miss", url
        second = client.get(url)
        assert second[HEADER] == "hit", (url, first.headers, second.headers)
        assert second.content == first.content and second["Content-Type"] == first["Content-Type"]


def test_edit_and_publish_invalidates_the_story_and_the_listings(client, story):
    listings = ("/", "/politics/", "/topics/روسيا/", "/authors/sara-almansouri/", week_sitemap(story))
    assert_cached(client, story.url, *listings)
    story.title = "عنوان معدّل"
    story.save_revision().publish()
    assert_rebuilt(client, story.url, *listings)
    assert "عنوان معدّل" in client.get(story.url).content.decode()


def test_saving_a_draft_changes_nothing_readers_see(client, story):
    assert_cached(client, story.url)
    story.title = "مسودة"
    story.save_revision()
    assert cache_state(client, story.url) == "hit"


def test_unpublish_and_delete_remove_the_story_everywhere(client, make_article, story):
    other = make_article("خبر آخر", slug="other")
    assert_cached(client, "/", "/politics/", other.url)
    story.unpublish()
    assert client.get(story.url).status_code == 404
    assert_rebuilt(client, "/", "/politics/")
    # The other story listed this one as related.
    assert story.title not in client.get(other.url).content.decode()

    assert_cached(client, "/", "/politics/", other.url)
    other.delete()
    assert client.get(other.url).status_code == 404
    assert_rebuilt(client, "/", "/politics/")


def test_related_story_change_rebuilds_the_page_that_shows_it(client, make_article, story):
    related = make_article("خبر مرتبط", slug="rel")
    assert_cached(client, story.url)
    related.title = "خبر مرتبط معدّل"
    related.save_revision().publish()
    assert cache_state(client, story.url) == "miss"
    assert "خبر مرتبط معدّل" in client.get(story.url).content.decode()  # the card too, not only the page


def test_section_change_rebuilds_its_stories(client, story, section):
    assert_cached(client, story.url, "/politics/", "/")
    section.title = "السياسة"
    section.save_revision().publish()
    assert_rebuilt(client, story.url, "/politics/", "/")
    assert '<a href="/politics/">السياسة</a>' in client.get(story.url).content.decode()


def test_author_save_rebuilds_their_stories_and_page(client, story, author):
    assert_cached(client, story.url, "/authors/sara-almansouri/")
    author.name = "سارة منصور"
    author.save()
    assert_rebuilt(client, story.url, "/authors/sara-almansouri/")
    assert "سارة منصور" in client.get(story.url).content.decode()


def test_topic_rename_rebuilds_tagged_stories(client, story):
    assert_cached(client, story.url, "/topics/روسيا/")
    topic = Tag.objects.get(name="روسيا")
    topic.name = "روسيا الاتحادية"
    topic.save()
    assert_rebuilt(client, story.url, "/topics/روسيا/")
    assert "روسيا الاتحادية" in client.get(story.url).content.decode()


def test_agency_change_rebuilds_its_stories(client, story):
    assert_cached(client, story.url)
    agency = Agency.objects.get(pk=story.agency_id)
    agency.credit = "أسوشيتد برس"
    agency.save()
    assert cache_state(client, story.url) == "miss"
    assert "موسكو (أسوشيتد برس) —" in client.get(story.url).content.decode()


def test_settings_change_rebuilds_every_page(client, story):
    assert_cached(client, "/", story.url, "/authors/sara-almansouri/", "/topics/روسيا/")
    settings = NewsroomSettings.objects.get()
    settings.digits = "arabic-indic"
    settings.save()
    assert_rebuilt(client, "/", story.url, "/authors/sara-almansouri/", "/topics/روسيا/")


def test_new_section_shows_in_every_masthead(client, story, home):
    from khabar.newsroom.models import SectionPage

    assert_cached(client, story.url)
    home.add_child(instance=SectionPage(title="رياضة", slug="sport")).save_revision().publish()
    assert_rebuilt(client, story.url)
    assert '<a href="/sport/">رياضة</a>' in client.get(story.url).content.decode()


def test_deleted_section_leaves_every_masthead(client, story, second_section):
    assert_cached(client, story.url)
    second_section.delete()
    assert cache_state(client, story.url) == "miss"
    assert "/economy/" not in client.get(story.url).content.decode()


def test_unrelated_change_keeps_the_cache(client, story):
    assert_cached(client, story.url)
    Author.objects.create(name="كاتب جديد", slug="new-writer")
    Tag.objects.create(name="مصر", slug="egypt")
    assert cache_state(client, story.url) == "hit"


def test_logged_in_users_bypass_the_cache(client, story):
    assert_cached(client, story.url)
    editor = get_user_model().objects.create_user("editor", password="x-secret-1")
    client.force_login(editor)
    response = client.get(story.url)
    assert response.status_code == 200 and HEADER not in response
    client.logout()
    assert cache_state(client, story.url) == "hit"


def test_post_and_404_are_not_cached(client, story):
    for _ in range(2):
        assert HEADER not in client.post(story.url)
        missing = client.get("/politics/no-such-story/")
        assert missing.status_code == 404 and HEADER not in missing
