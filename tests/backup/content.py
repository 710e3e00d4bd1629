"""Content the backup round trip creates and compares, run inside a ``khabar shell`` of the site under test
(a subprocess with its own database and media folder, so the pytest process's test database is not involved).
``create`` builds what tests/conftest.py's ``section`` and ``make_article`` fixtures build, plus a reader
comment, a wire item and a picture with a rendition; ``snapshot`` prints everything the test compares."""

import hashlib
import io
import json

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.images.models import Image, Rendition

from khabar.comments.models import ReaderComment, Status
from khabar.newsroom.archive import archive_for
from khabar.newsroom.models import Agency, ArticleAuthor, ArticlePage, Author, HomePage, SectionPage
from khabar.wire.models import WireItem


def _picture():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (640, 360), (180, 40, 30)).save(buffer, "JPEG")
    image = Image(title="مؤتمر صحفي", file=ImageFile(buffer, name="press.jpg"))
    image.save()
    image.get_rendition("fill-320x180")
    return image


def create():
    section = HomePage.objects.get().add_child(
        instance=SectionPage(title="سياسة", slug="politics", intro="أخبار")
    )
    agency = Agency.objects.get(name="Associated Press")  # seeded by a migration
    author = Author.objects.create(name="سارة المنصوري", slug="sara-almansouri", role="مراسلة")
    picture = _picture()
    articles = []
    for number, title in enumerate(["مجلس الاتحاد الروسي يصادق على معاهدة", "قمة المناخ تختتم أعمالها"], 1):
        article = ArticlePage(
            title=title,
            slug=f"story-{number}",
            standfirst="صادق مجلس الاتحاد الروسي على معاهدة للتعاون العسكري.",
            dateline_city="موسكو",
            agency=agency,
            source_url=f"https://apnews.com/article/{number}",
            lead_image=picture if number == 1 else None,
            lead_image_alt="قاعة المؤتمر" if number == 1 else "",
            body=[("paragraph", "<p>صادق مجلس الاتحاد الروسي يوم الأربعاء على معاهدة للتعاون العسكري.</p>")],
        )
        archive_for(section, timezone.now()).add_child(instance=article)
        ArticleAuthor.objects.create(article=article, author=author, sort_order=0)
        article.save_revision().publish()
        articles.append(article)
    ReaderComment(
        content_object=articles[0],
        article=articles[0],
        site_id=1,
        user_name="قارئ",
        comment="تعليق من قارئ: خبر مهم.",
        status=Status.APPROVED,
    ).save()
    WireItem.objects.create(
        uri="urn:ap:backup",
        version="1",
        agency=agency,
        language="en",
        headline="Russia ratifies military treaty",
        body_html="<p>MOSCOW (AP) — Russia ratified the treaty.</p>",
        link="https://apnews.com/article/backup",
    )


def _digest(field):
    with field.open("rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def snapshot():
    print(
        json.dumps(
            {
                "stories": list(
                    ArticlePage.objects.order_by("pk").values_list(
                        "pk", "title", "url_path", "live", "standfirst", "lead_image_id", "first_published_at"
                    )
                ),
                "comments": list(
                    ReaderComment.objects.order_by("pk").values_list(
                        "pk", "article_id", "user_name", "comment", "status", "submit_date"
                    )
                ),
                "wire_items": list(
                    WireItem.objects.order_by("pk").values_list("pk", "uri", "headline", "body_html")
                ),
                "images": [
                    (image.pk, image.title, image.file.name, image.width, image.height, _digest(image.file))
                    for image in Image.objects.order_by("pk")
                ],
                "renditions": [
                    (rendition.image_id, rendition.filter_spec, _digest(rendition.file))
                    for rendition in Rendition.objects.order_by("pk")
                ],
            },
            default=str,
            ensure_ascii=False,
        )
    )
