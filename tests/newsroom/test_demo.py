"""`khabar load_demo`: the demo newsroom, loaded once, in the shape the site promises."""

import re

import pytest
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page, Site

from khabar.newsroom.models import Agency, ArticlePage, Author, SectionPage


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def load(capsys):
    call_command("load_demo")
    return capsys.readouterr().out


@pytest.mark.django_db
def test_demo_has_varied_sections_authors_agencies_and_blocks(capsys, home):
    assert "14 stories" in load(capsys)

    articles = list(ArticlePage.objects.live().select_related("agency", "section"))
    assert len(articles) >= 12
    assert {a.section.title for a in articles} >= {"سياسة", "اقتصاد", "رياضة", "ثقافة", "علوم وتقنية"}
    assert {a.credit for a in Agency.objects.all()} >= {"أ.ب", "رويترز", "أ ف ب"}
    assert all(a.url.count("/") == 5 for a in articles)  # /section/year/month/slug/

    authors = list(Author.objects.select_related("photo"))
    assert len(authors) >= 4
    for author in authors:
        assert author.photo is not None and author.photo.title == f"صورة {author.name}"
        assert author.photo.width == author.photo.height == 400

    house = [a for a in articles if not a.byline_authors]
    assert len(house) >= 2
    assert any(len(a.byline_authors) > 1 for a in articles)
    assert len([a for a in articles if a.updated_at]) >= 1
    assert all(a.topics for a in articles)
    assert sum(1 for a in articles if a.source_url) >= 10

    blocks = [(a, block) for a in articles for block in a.body]
    kinds = {block.block_type for _, block in blocks}
    assert kinds >= {"paragraph", "subheading", "quote", "image"}
    image = next(block.value for _, block in blocks if block.block_type == "image")
    assert image["caption"] and image["credit"] and re.search("[\u0600-\u06ff]", image["image"].title)
    assert all(a.live_revision_id for a in articles)  # published the Wagtail way, with a revision
    arabic = re.compile("[\u0600-\u06ff]")
    for article in articles:  # every story has a lead picture described in Arabic
        assert article.lead_image is not None, article.title
        assert all(
            arabic.search(text)
            for text in (article.lead_image_caption, article.lead_image_credit, article.lead_image_alt)
        )
        article.full_clean()
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_second_run_does_nothing(capsys, home):
    load(capsys)
    counts = (
        ArticlePage.objects.count(),
        Author.objects.count(),
        Image.objects.count(),
        SectionPage.objects.count(),
    )
    assert "nothing to do" in load(capsys)
    after = (
        ArticlePage.objects.count(),
        Author.objects.count(),
        Image.objects.count(),
        SectionPage.objects.count(),
    )
    assert after == counts


@pytest.mark.django_db
def test_demo_pages_render_with_pictures_and_canonical_links_at_the_base_url(capsys, client, settings, home):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    load(capsys)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)

    story = ArticlePage.objects.get(title__startswith="معرض في تونس")
    response = client.get(story.url, HTTP_HOST="127.0.0.1:8123")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<link rel="canonical" href="http://127.0.0.1:8123{story.url}"' in html
    assert '<span class="dateline">تونس (أ ف ب) —</span>' in html
    assert "زوار يتأملون لوحات بالخط المغربي" in html and "(تصوير: أ ف ب)" in html
    assert 'alt="صورة ليلى حداد"' in html
    assert '<figure class="lead-figure">' in html and 'alt="مبنى حديث بواجهة زرقاء' in html
    assert client.get("/", HTTP_HOST="127.0.0.1:8123").status_code == 200


@pytest.mark.django_db
def test_a_second_run_on_another_address_moves_the_site_there(capsys, settings, home):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    load(capsys)
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:9000"  # make run BIND=127.0.0.1:9000
    assert "nothing to do" in load(capsys)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 9000)


@pytest.mark.django_db
def test_demo_has_a_discussion_and_a_comment_waiting_for_review(capsys, client, home):
    from khabar.comments.models import ReaderComment, Status

    assert "4 comments" in load(capsys)
    approved = list(ReaderComment.objects.filter(status=Status.APPROVED).order_by("submit_date"))
    assert len(approved) == 3 and ReaderComment.objects.filter(status=Status.PENDING).count() == 1
    assert approved[1].parent_id == approved[0].pk and approved[1].level == 1
    html = client.get(approved[0].article.url).content.decode()
    assert "تغطية واضحة" in html and "تعليق ينتظر مراجعة المشرفين" not in html
    load(capsys)
    assert ReaderComment.objects.count() == 4  # a second run adds nothing
