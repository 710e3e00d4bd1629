"""Lead images, card pictures, their responsive markup and the pictures shared on social networks."""

import datetime as dt
from pathlib import Path

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image as PILImage

from khabar.core.pagecache import invalidate
from khabar.newsroom.models import ArticlePage, SectionPage
from khabar.newsroom.pictures import attach_lead_pictures

pytestmark = pytest.mark.django_db

ROOT = "http://127.0.0.1:8000"
CAPTION, CREDIT, ALT = "جلسة مجلس الاتحاد في موسكو", "أ.ب", "أعضاء المجلس في قاعة الجلسات"
LISTING_MAX_QUERIES = 14


def with_lead(article, image, caption=CAPTION, credit=CREDIT, alt=ALT):
    ArticlePage.objects.filter(pk=article.pk).update(
        lead_image=image, lead_image_caption=caption, lead_image_credit=credit, lead_image_alt=alt
    )
    article.refresh_from_db()
    return article


# libxml2's HTML parser does not know <source> is empty, so it reads the <img> after it as its child:
# queries say .//img rather than picture/img.
def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.content.decode())


def test_alt_text_is_required_with_a_lead_image(make_article, make_image):
    article = make_article()
    article.lead_image = make_image()
    for alt in ("  ", "Protesters in Moscow"):  # none, or not Arabic
        article.lead_image_alt = alt
        with pytest.raises(ValidationError) as error:
            article.full_clean()
        assert "lead_image_alt" in error.value.message_dict
    article.lead_image_alt = ALT
    article.full_clean()


def test_article_shows_its_lead_figure_with_caption_and_credit(client, make_article, make_image):
    article = with_lead(make_article(), make_image(size=(1600, 900)))
    doc = page(client, article.url)
    figure = doc.xpath("//figure[@class='lead-figure']")[0]
    assert CAPTION in figure.xpath("string(figcaption)") and CREDIT in figure.xpath("string(figcaption)")
    img = figure.xpath(".//img")[0]
    assert img.get("alt") == ALT
    assert img.get("width") and img.get("height")
    # The lead picture is above the fold: fetched at once, never lazily.
    assert img.get("loading") is None and img.get("fetchpriority") == "high"
    webp = figure.xpath(".//picture/source[@type='image/webp']/@srcset")[0]
    assert webp.count("w,") >= 2 and ".webp" in webp
    assert "1600w" in webp  # the largest width the original allows


def test_old_articles_fall_back_to_the_first_body_image(client, make_article, every_block_body):
    article = make_article(body=every_block_body)
    assert article.lead_image is None
    picture = article.lead_picture
    assert picture.image.title == "Protesters in Moscow"
    assert (picture.caption, picture.credit) == ("جلسة مجلس الاتحاد في موسكو", "أ.ب")
    # No lead figure on the page (the image is in the body already), but the card and og:image use it.
    doc = page(client, article.url)
    assert not doc.xpath("//figure[@class='lead-figure']")
    assert doc.xpath("//meta[@property='og:image']/@content")[0].startswith(f"{ROOT}/media/images/")
    cards = attach_lead_pictures(ArticlePage.objects.filter(pk=article.pk))
    assert cards[0].lead_picture.image.pk == picture.image.pk


def test_cards_carry_responsive_pictures_lazy_below_the_first(client, make_article, make_image):
    when = timezone.now() - dt.timedelta(hours=1)
    for i in range(4):
        with_lead(
            make_article(f"خبر {i}", slug=f"s-{i}", published_at=when - dt.timedelta(minutes=i)), make_image()
        )
    make_article("خبر بلا صورة", slug="no-picture", published_at=when - dt.timedelta(hours=2))
    for url in ("/", "/politics/"):
        doc = page(client, url)
        cards = doc.xpath("//article[contains(@class, 'card')]")
        with_images = [card for card in cards if card.xpath(".//picture")]
        assert len(with_images) == 4 if url == "/politics/" else len(with_images) >= 4
        first, rest = with_images[0].xpath(".//img")[0], [c.xpath(".//img")[0] for c in with_images[1:]]
        assert first.get("loading") is None and first.get("fetchpriority") == "high", url
        assert all(img.get("loading") == "lazy" for img in rest), url
        for n, card in enumerate(with_images):
            img = card.xpath(".//img")[0]
            # The lead story (the home page's and, since sections have a lead too, the section's) has a
            # bigger picture beside its text.
            lead = n == 0
            assert (img.get("width"), img.get("height")) == (("640", "360") if lead else ("320", "180"))
            assert img.get("alt") == ALT and img.get("sizes")
            assert "640w" in card.xpath(".//source[@type='image/webp']/@srcset")[0]
        assert not [card for card in cards if "بلا صورة" in card.text_content() and card.xpath(".//img")]


def test_topic_author_and_search_cards_have_pictures(client, make_article, make_image, author):
    article = with_lead(make_article("مجلس الاتحاد الروسي يصادق على معاهدة", topics=["روسيا"]), make_image())
    from khabar.search.index import reindex

    reindex([article.pk])
    for url in ("/topics/روسيا/", f"/authors/{author.slug}/", "/search/?q=معاهدة"):
        doc = page(client, url)
        assert doc.xpath("//article[contains(@class, 'card')]//picture//img[@alt]"), url


def test_og_image_is_the_lead_image_share_rendition(client, make_article, make_image):
    article = with_lead(make_article(), make_image(size=(1600, 900)))
    doc = page(client, article.url)
    og = doc.xpath("//meta[@property='og:image']/@content")[0]
    assert og.startswith(f"{ROOT}/media/images/") and "fill-1200x675" in og
    assert doc.xpath("//meta[@name='twitter:image']/@content") == [og]
    assert doc.xpath("//meta[@property='og:image:alt']/@content") == [ALT]
    assert doc.xpath("//meta[@name='twitter:card']/@content") == ["summary_large_image"]


@pytest.mark.parametrize("url", ["/", "/politics/"])
def test_pages_without_a_picture_share_the_branded_default(client, section, url):
    og = page(client, url).xpath("//meta[@property='og:image']/@content")[0]
    assert og.startswith(f"{ROOT}/static/khabar/img/share-default")


def test_the_branded_default_is_shipped_at_the_size_it_declares():
    path = Path(__file__).resolve().parents[2] / "khabar/static/khabar/img/share-default.png"
    with PILImage.open(path) as image:
        assert image.size == (1200, 630)


@pytest.mark.parametrize("n", [2, 20])
def test_listing_queries_stay_flat_with_many_pictures(
    client, home, make_article, make_image, every_block_body, django_assert_max_num_queries, n
):
    sections = [home.add_child(instance=SectionPage(title=f"قسم {s}", slug=f"pics-{s}")) for s in range(3)]
    when = timezone.now() - dt.timedelta(hours=1)
    for i in range(n):
        target = sections[i % 3]
        # Half with a lead image, half old stories whose picture is their first body image.
        if i % 2:
            with_lead(
                make_article(f"خبر {i}", in_section=target, slug=f"p-{i}", published_at=when), make_image()
            )
        else:
            make_article(
                f"خبر {i}", in_section=target, slug=f"p-{i}", published_at=when, body=every_block_body
            )
    for url, tag in (("/", "listing"), ("/pics-0/", f"section:{sections[0].pk}")):
        client.get(url)
        invalidate(tag)
        with django_assert_max_num_queries(LISTING_MAX_QUERIES):
            html = client.get(url).content.decode()
        assert html.count("<picture>") == html.count('class="card card-with-image"') > 0, url


def test_article_with_a_lead_image_costs_no_more_queries(client, make_article, make_image):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plain = make_article("خبر بلا صورة", slug="plain")
    pictured = with_lead(make_article("خبر بصورة", slug="pictured"), make_image())
    counts = []
    for article in (plain, pictured):
        client.get(article.url)  # renditions are made on the first view
        invalidate(f"page:{article.pk}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.url).status_code == 200
        counts.append(len(queries))
    # The lead image comes with the page; its renditions in the query that loads the byline photos'.
    assert counts[1] <= counts[0] + 1, counts
