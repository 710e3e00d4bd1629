"""Shared fixtures: a site with sections, authors, an agency and published articles."""

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image

from khabar.newsroom.archive import archive_for
from khabar.newsroom.models import (
    Agency,
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
    copy_published_at_to_links,
)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def requests_started():
    """The requests Django's handler starts during the test (for a WSGI application called directly, as a
    server calls it). As with Django's test client, the request signals do not close the test's connection."""
    started = []

    def count(**kwargs):
        started.append(kwargs)

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.connect(count)
    yield started
    request_started.disconnect(count)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def section(home):
    return home.add_child(instance=SectionPage(title="سياسة", slug="politics", intro="أخبار السياسة"))


@pytest.fixture
def second_section(home):
    return home.add_child(instance=SectionPage(title="اقتصاد", slug="economy", intro="أخبار الاقتصاد"))


@pytest.fixture
def make_image(db):
    """A factory of Wagtail images: a plain PNG of the given size and colour (set MEDIA_ROOT first)."""

    def make(title="صورة", size=(800, 600), colour=(120, 60, 30)):
        buffer = io.BytesIO()
        PILImage.new("RGB", size, colour).save(buffer, "PNG")
        return Image.objects.create(title=title, file=ImageFile(buffer, name="photo.png"))

    return make


@pytest.fixture
def agency(db):
    return Agency.objects.get(name="Associated Press")  # seeded by newsroom 0009_seed_agencies


@pytest.fixture
def author(db):
    return Author.objects.create(name="سارة المنصوري", slug="sara-almansouri", role="مراسلة الشؤون الدولية")


@pytest.fixture
def make_article(section, agency, author):
    """Create and publish an article in ``section`` (or another), with authors and topics."""

    def make(
        title="مجلس الاتحاد الروسي يصادق على معاهدة",
        *,
        in_section=None,
        authors=None,
        topics=(),
        published_at=None,
        body=None,
        city="موسكو",
        agency_=agency,
        source_url="https://apnews.com/article/1",
        slug=None,
    ):
        target = in_section or section
        when = published_at or timezone.now() - dt.timedelta(hours=1)
        article = ArticlePage(
            title=title,
            slug=slug or f"story-{ArticlePage.objects.count() + 1}",
            standfirst="صادق مجلس الاتحاد الروسي على معاهدة للتعاون العسكري.",
            dateline_city=city,
            agency=agency_,
            source_url=source_url,
            body=body
            if body is not None
            else [
                ("paragraph", "<p>صادق مجلس الاتحاد الروسي يوم الأربعاء على معاهدة للتعاون العسكري.</p>"),
                ("subheading", "ردود فعل دولية"),
                ("paragraph", "<p>وقال مسؤولون إن الخطوة تأتي في إطار تعزيز العلاقات.</p>"),
            ],
        )
        archive_for(target, when).add_child(instance=article)
        for order, person in enumerate(authors if authors is not None else [author]):
            ArticleAuthor.objects.create(article=article, author=person, sort_order=order)
        if topics:
            article.tags.add(*topics)
        revision = article.save_revision()
        revision.publish()
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=when, published_at=when, last_published_at=when
        )
        copy_published_at_to_links([article.pk])
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def starter_glossary(db):
    """The glossary a fresh install starts with (the test settings leave it out of migrations)."""
    from khabar.desk.models import GlossaryTerm
    from khabar.desk.starter import agencies_of, load_starter_glossary

    load_starter_glossary(GlossaryTerm, agencies_of(Agency))
    return GlossaryTerm.objects.all()


@pytest.fixture
def run(capsys):
    """Run a management command; return (exit code, stdout, stderr)."""

    def run_command(*args):
        code = 0
        try:
            call_command(*args)
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run_command
