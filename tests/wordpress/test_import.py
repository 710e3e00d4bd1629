"""`khabar import-wordpress` on an export written by a real WordPress 6.1 (fixtures/make_export.sh).

The export holds the synthetic corpus WordPress was loaded with (200 stories, threaded
comments on one in ten) plus what enrich.php adds: Gutenberg and classic posts with
pictures, galleries, quotes, lists, embeds and shortcodes, featured images, a page, a
draft, comments three levels deep, spam and a pingback.
"""

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from lxml import etree
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image

from khabar.comments.models import ReaderComment, Status
from khabar.newsroom.models import ArticlePage, Author, InfoPage, SectionPage
from khabar.wordpress.models import ImportedObject

FIXTURES = Path(__file__).with_name("fixtures")
EXPORT = FIXTURES / "wxr-export.xml"
UPLOADS = FIXTURES / "uploads"
WP = "{http://wordpress.org/export/1.2/}"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def run(capsys, *args):
    call_command("import-wordpress", str(EXPORT), "--media-dir", str(UPLOADS), "--json", *args)
    return json.loads(capsys.readouterr().out)


def export_items():
    """The export read independently of the importer: one dict per item."""
    tree = etree.parse(str(EXPORT), etree.XMLParser(resolve_entities=False, no_network=True))
    items = []
    for item in tree.iter("item"):
        items.append(
            {
                "id": int(item.findtext(f"{WP}post_id")),
                "type": item.findtext(f"{WP}post_type"),
                "status": item.findtext(f"{WP}status"),
                "title": item.findtext("title"),
                "link": item.findtext("link"),
                "modified": item.findtext(f"{WP}post_modified_gmt"),
                "comments": [
                    (c.findtext(f"{WP}comment_type") or "comment", c.findtext(f"{WP}comment_approved"))
                    for c in item.iter(f"{WP}comment")
                ],
            }
        )
    authors = len(tree.findall(f".//{WP}author"))
    categories = [unquote(c.findtext(f"{WP}category_nicename")) for c in tree.iter(f"{WP}category")]
    tags = [c.findtext(f"{WP}tag_name") for c in tree.iter(f"{WP}tag")]
    return items, authors, categories, tags


@pytest.mark.django_db
def test_everything_in_the_export_is_accounted_for(capsys, home):
    report = run(capsys)
    items, authors, categories, tags = export_items()
    posts = [i for i in items if i["type"] == "post"]
    pages = [i for i in items if i["type"] == "page"]
    attachments = [i for i in items if i["type"] == "attachment"]
    readers = [c for i in posts for c in i["comments"] if c[0] == "comment"]
    pings = [c for i in items for c in i["comments"] if c[0] != "comment"]

    assert report["counts"]["post"] == {"created": len(posts)}
    assert report["counts"]["page"] == {"created": len(pages)}
    assert report["counts"]["author"] == {"created": authors}
    assert report["counts"]["attachment"] == {"created": len(attachments)}
    assert report["counts"]["comment"] == {"created": len(readers)}
    assert ArticlePage.objects.count() == len(posts)
    assert InfoPage.objects.count() == len(pages)
    assert Image.objects.count() == len(attachments) == 4
    assert ReaderComment.objects.count() == len(readers)
    assert Author.objects.count() == authors
    assert set(Tag.objects.values_list("name", flat=True)) >= set(tags)
    # Every category became a section («غير مصنف» joins the default «أخبار»).
    assert ImportedObject.objects.filter(kind="category").count() == len(categories)
    assert SectionPage.objects.filter(title="اقتصاد").exists()
    # What was not imported is listed with its reason: here, the pingback.
    assert [f["kind"] for f in report["failures"]] == ["comment"] * len(pings)
    assert all("pingback" in f["reason"] for f in report["failures"])


@pytest.mark.django_db
def test_status_dates_excerpt_authors_and_topics_are_kept(capsys, home):
    run(capsys)
    draft = ArticlePage.objects.get(title="مسودة: تقرير عن الطاقة")
    assert not draft.live and draft.get_latest_revision() is not None

    story = ArticlePage.objects.get(title="مصرف لبنان يعلن خطة لإعادة هيكلة القطاع المصرفي")
    assert story.live
    assert story.slug == "مصرف-لبنان-خطة"
    assert story.url_path.endswith("/economy/2026/11/مصرف-لبنان-خطة/")
    assert story.first_published_at.isoformat() == "2026-11-20T07:30:00+00:00"
    items, *_ = export_items()
    modified = next(i["modified"] for i in items if i["title"] == story.title)
    assert story.last_published_at.strftime("%Y-%m-%d %H:%M:%S") == modified > "2026-11-20 07:30:00"
    assert story.standfirst == "خطة من ثلاث مراحل تبدأ مطلع العام المقبل."
    assert [a.name for a in story.byline_authors] == ["سميرة الخطيب"]
    assert {t.name for t in story.tags.all()} == {"لبنان", "مصارف"}
    assert story.lead_image is not None and story.lead_image.title == "مرفأ بيروت"
    assert story.lead_image_caption == "رافعات في مرفأ بيروت."
    assert story.lead_image_credit == "رويترز"
    assert story.lead_image_alt == "رافعات حاويات على رصيف المرفأ"


@pytest.mark.django_db
def test_gutenberg_blocks_become_article_blocks(capsys, home, client):
    report = run(capsys)
    story = ArticlePage.objects.get(slug="مصرف-لبنان-خطة")
    kinds = [block.block_type for block in story.body]
    assert kinds == [
        "paragraph",
        "subheading",
        "image",
        "quote",
        "list",
        "gallery",
        "embed",
        "embed",
        "html",
        "html",
    ]
    assert "<b>مصرف لبنان</b>" in story.body[0].value.source
    assert story.body[3].value["attribution"] == "خبير اقتصادي"
    assert list(story.body[4].value["items"]) == ["خفض العجز", "حماية الودائع", "إصلاح المصارف"]
    assert len(story.body[5].value) == 2
    assert [b.value.url for b in story.body if b.block_type == "embed"] == [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://x.com/Reuters/status/1234567890",
    ]
    kept = [b.value for b in story.body if b.block_type == "html"]
    assert "<table>" in kept[0] and "script" not in kept[1] and "onclick" not in kept[1]
    assert report["kept_as_html"] == {"wp:table": 1, "wp:html": 1, "[contact-form-7]": 1}

    html = client.get(story.url).content.decode()
    assert "<script>alert" not in html and "onclick" not in html
    assert 'class="story-gallery"' in html and "(تصوير: أ.ب)" in html


@pytest.mark.django_db
def test_classic_posts_and_shortcodes(capsys, home):
    run(capsys)
    story = ArticlePage.objects.get(slug="art-festival-amman")
    kinds = [block.block_type for block in story.body]
    assert kinds == [
        "paragraph",
        "image",
        "subheading",
        "paragraph",
        "gallery",
        "embed",
        "html",
        "quote",
        "list",
    ]
    assert story.body[1].value["caption"] == "أضواء عمّان ليلًا."
    assert story.body[-1].value["ordered"] is True
    assert "[contact-form-7" in story.body[6].value


@pytest.mark.django_db
def test_comments_keep_threads_states_and_names(capsys, home):
    run(capsys)
    story = ArticlePage.objects.get(slug="مصرف-لبنان-خطة")
    comments = list(ReaderComment.objects.filter(article=story).order_by("submit_date", "pk"))
    by_text = {c.comment: c for c in comments}
    question = by_text["هل تشمل الخطة صغار المودعين؟"]
    answer = by_text["نعم، بحسب البيان."]
    thanks = by_text["شكرًا للتوضيح."]
    assert question.status == Status.APPROVED and question.level == 0 and question.user_name == "ريم"
    assert answer.parent_id == question.pk and answer.level == 1
    # A reply to a reply joins its thread's first level here (replies are one level deep).
    assert thanks.parent_id == question.pk and thanks.thread_id == question.pk
    # WordPress's own export leaves spam out, so none arrives.
    assert not any("spam.example" in text for text in by_text)
    assert question.submit_date.isoformat() == "2026-11-20T10:00:00+00:00"
    held = ReaderComment.objects.get(
        comment="تعليق ينتظر المراجعة <script>alert(1)</script>", article__slug="article-0"
    )
    assert held.status == Status.PENDING


@pytest.mark.django_db
def test_old_addresses_answer_301_to_the_new_pages(capsys, home, client):
    run(capsys)
    items, *_ = export_items()
    by_title = {i["title"]: i for i in items}
    story = ArticlePage.objects.get(slug="مصرف-لبنان-خطة")
    wp = by_title[story.title]

    for old in (urlsplit(wp["link"]).path, f"/?p={wp['id']}", urlsplit(wp["link"]).path + "feed/"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert unquote(response["Location"]) == unquote(story.url)

    sample = [i for i in items if i["type"] == "post" and i["status"] == "publish"][::40]
    for item in sample:
        page = ArticlePage.objects.get(
            pk=ImportedObject.objects.get(kind="post", wp_key=str(item["id"])).object_id
        )
        response = client.get(urlsplit(item["link"]).path)
        assert response.status_code == 301 and unquote(response["Location"]) == unquote(page.url)

    economy = SectionPage.objects.get(title="اقتصاد")
    assert unquote(client.get("/category/%d8%a7%d9%82%d8%aa%d8%b5%d8%a7%d8%af/")["Location"]) == unquote(
        economy.url
    )
    category = ImportedObject.objects.get(kind="category", wp_key="اقتصاد")
    assert category.object_id == economy.pk
    response = client.get("/tag/%d9%84%d8%a8%d9%86%d8%a7%d9%86/")
    assert response.status_code == 301 and unquote(response["Location"]) == "/topics/لبنان/"
    assert client.get("/feed/")["Location"] == "/feeds/rss/"
    about = InfoPage.objects.get(slug="about")
    assert unquote(client.get(f"/?page_id={by_title['من نحن']['id']}")["Location"]) == unquote(about.url)
    assert client.get(about.url).status_code == 200
    image = client.get("/wp-content/uploads/2026/11/souq.jpg")
    assert image.status_code == 301 and image["Location"].endswith("souq.jpg")
    author = Author.objects.get(name="سميرة الخطيب")
    assert unquote(client.get("/author/samira/")["Location"]) == author.get_absolute_url()
    # The home page itself is not taken over by WordPress's query keys it does not know.
    assert client.get("/?p=999999").status_code == 200


@pytest.mark.django_db
def test_a_second_run_changes_nothing(capsys, home):
    run(capsys)
    before = (
        ArticlePage.objects.count(),
        ReaderComment.objects.count(),
        Image.objects.count(),
        Redirect.objects.count(),
        sorted(ArticlePage.objects.values_list("pk", "slug", "latest_revision_id")),
    )
    report = run(capsys)
    after = (
        ArticlePage.objects.count(),
        ReaderComment.objects.count(),
        Image.objects.count(),
        Redirect.objects.count(),
        sorted(ArticlePage.objects.values_list("pk", "slug", "latest_revision_id")),
    )
    assert after == before
    assert all(set(counts) == {"unchanged"} for counts in report["counts"].values() if counts)
    assert report["redirects"] == 0


@pytest.mark.django_db
def test_an_interrupted_run_goes_on_where_it_stopped(capsys, home, monkeypatch):
    from khabar.wordpress import importer

    calls = {"n": 0}
    original = importer.WordPressImport.post

    def post_until_cut(self, record):
        calls["n"] += 1
        if calls["n"] == 20:
            raise KeyboardInterrupt
        return original(self, record)

    monkeypatch.setattr(importer.WordPressImport, "post", post_until_cut)
    monkeypatch.setattr(importer, "BATCH", 5)  # commits every five posts: the cut loses only its batch
    with pytest.raises(KeyboardInterrupt):
        run(capsys)
    done = ArticlePage.objects.count()
    assert 0 < done < 20
    monkeypatch.setattr(importer.WordPressImport, "post", original)
    report = run(capsys)
    items, *_ = export_items()
    posts = [i for i in items if i["type"] == "post"]
    assert ArticlePage.objects.count() == len(posts)
    assert report["counts"]["post"]["unchanged"] == done
    assert report["counts"]["post"]["created"] == len(posts) - done


@pytest.mark.django_db
def test_dry_run_keeps_nothing(capsys, home):
    report = run(capsys, "--dry-run")
    items, *_ = export_items()
    assert report["dry_run"] is True
    assert report["counts"]["post"]["created"] == len([i for i in items if i["type"] == "post"])
    assert ArticlePage.objects.count() == 0
    assert ReaderComment.objects.count() == 0 and Redirect.objects.count() == 0
    assert ImportedObject.objects.count() == 0 and Image.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, reason",
    [
        (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>', "XXE"),
        (b"<rss><channel><item><title>broken", "malformed"),
        (b"<rss><channel><title>not wordpress</title></channel></rss>", "not a WordPress export"),
    ],
)
def test_unreadable_exports_exit_2_with_a_message(tmp_path, home, content, reason):
    bad = tmp_path / "export.xml"
    bad.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("import-wordpress", str(bad))
    assert error.value.returncode == 2
    assert "تعذّرت قراءة ملف التصدير" in str(error.value) and reason in str(error.value)
    assert ArticlePage.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_file_exits_2(home, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("import-wordpress", str(tmp_path / "missing.xml"))
    assert error.value.returncode == 2
