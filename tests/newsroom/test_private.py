"""Pages under a Wagtail view restriction stay private: no listing, feed, sitemap, search or comment
endpoint shows them to a reader who has not passed the restriction."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from khabar.comments.models import ReaderComment
from khabar.newsroom.models import RelatedArticle

pytestmark = pytest.mark.django_db

SECRET = "سرالمكتوم"


@pytest.fixture
def stories(make_article, second_section, django_capture_on_commit_callbacks):
    """A public story, a password-protected one beside it (same section, author, topic, related), and
    a story in a section that is itself restricted."""
    when = timezone.now() - dt.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        public = make_article("خبر عام عن المعاهدة", slug="public", topics=["روسيا"], published_at=when)
        private = make_article(
            f"{SECRET} عنوان خاص",
            slug="private",
            topics=["روسيا"],
            published_at=when + dt.timedelta(minutes=5),
            body=[("paragraph", f"<p>المعاهدة {SECRET} تفاصيل سرية</p>")],
        )
        hidden_section_story = make_article(
            f"{SECRET} قسم مغلق",
            slug="closed",
            in_section=second_section,
            published_at=when + dt.timedelta(minutes=10),
            body=[("paragraph", f"<p>المعاهدة {SECRET} في قسم مغلق</p>")],
        )
        RelatedArticle.objects.create(article=public, related=private, sort_order=0)
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        PageViewRestriction.objects.create(page=second_section, restriction_type=PageViewRestriction.LOGIN)
    return public, private, hidden_section_story


def urls(public, private):
    section = public.section_id
    feeds = [
        "/feeds/{kind}/",
        f"/feeds/section/{section}/{{kind}}/",
        "/feeds/author/sara-almansouri/{kind}/",
        "/feeds/topic/روسيا/{kind}/",
    ]
    return [
        "/",
        public.section.url,
        public.get_parent().url,  # month archive
        public.get_parent().get_parent().url,  # year archive
        "/authors/sara-almansouri/",
        "/topics/روسيا/",
        public.url,  # related stories
        *(feed.format(kind=kind) for feed in feeds for kind in ("rss", "atom")),
        "/sitemap.xml",
        "/sitemap-sections.xml",
        f"/sitemap-articles-{timezone.localtime(public.published_at):%G-W%V}.xml",
        "/news-sitemap.xml",
        "/search/?q=المعاهدة",
        f"/search/?q={SECRET}",
        "/api/search?q=المعاهدة",
        f"/api/search?q={SECRET}",
    ]


def test_no_public_listing_shows_a_private_story(client, stories):
    public, private, closed = stories
    for url in urls(public, private):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        if SECRET not in url:  # the search pages repeat their query
            assert SECRET not in text, url
        assert private.url not in text and closed.url not in text, url
    assert "اقتصاد" not in client.get("/sitemap-sections.xml").content.decode()
    assert client.get(f"/feeds/section/{closed.section_id}/rss/").status_code == 404
    assert client.get("/api/search?q=المعاهدة").json()["total"] == 1


def test_the_restricted_pages_still_ask_for_their_password(client, stories):
    public, private, closed = stories
    response = client.get(private.url)
    assert response.status_code == 200 and SECRET not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_comment_endpoints_refuse_a_private_story(client, stories):
    public, private, closed = stories
    assert client.get(reverse("comments:form", args=[public.pk])).status_code == 200
    for article in (private, closed):
        assert client.get(reverse("comments:form", args=[article.pk])).status_code == 404
        response = client.post(reverse("comments:post", args=[article.pk]), {"comment": "تعليق"})
        assert response.status_code == 404
    assert not ReaderComment.objects.exists()


def test_making_a_story_private_drops_it_from_cached_listings_and_the_index(
    client, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article(f"{SECRET} كان عامًا", slug="was-public")
    assert SECRET in client.get("/").content.decode()
    assert client.get(f"/api/search?q={SECRET}").json()["total"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=story, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    assert SECRET not in client.get("/").content.decode()
    assert client.get(f"/api/search?q={SECRET}").json()["total"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert SECRET in client.get("/").content.decode()
    assert client.get(f"/api/search?q={SECRET}").json()["total"] == 1


def test_listings_cost_no_extra_query_per_restriction(client, stories, make_article):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cold_home_queries():
        client.get("/")  # warm the per-process caches (site, settings)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    # Compared with the same page before any restriction, whatever else the home page shows.
    unrestricted = cold_home_queries()
    for n in range(5):
        story = make_article(f"خبر مقيد {n}", slug=f"restricted-{n}")
        PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert cold_home_queries() == unrestricted


def test_a_story_made_private_after_it_was_read_asks_for_its_password(
    client, make_article, django_capture_on_commit_callbacks
):
    # Read while no page of the site is private: the page skips the view-restriction check then.
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article(f"{SECRET} كان عامًا", slug="was-public")
    assert SECRET in client.get(story.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=story, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    response = client.get(story.url)
    assert response.status_code == 200 and SECRET not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=story.section, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(story.section.url).status_code == 302
