"""A small newsroom for /api/v1/: stories in two sections, one of them private, with pictures."""

import datetime as dt

import pytest
from wagtail.models import PageViewRestriction

from khabar.newsroom.models import Author, SectionPage

# Fixed times, so date filters have exact answers.
T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def second_author(db):
    return Author.objects.create(name="أحمد الكاتب", slug="ahmad", role="محرر")


@pytest.fixture
def newsroom(make_article, second_section, second_author, make_image, django_capture_on_commit_callbacks):
    """Four public stories a day apart (newest last), one password-protected story, and one in a
    section that needs a login: the last two must never show."""
    with django_capture_on_commit_callbacks(execute=True):
        stories = [
            make_article(
                f"خبر رقم {i}",
                slug=f"story-{i}",
                published_at=T0 + dt.timedelta(days=i),
                in_section=second_section if i % 2 else None,
                topics=["روسيا"] if i < 2 else ["النفط"],
                source_url=f"https://apnews.com/article/{i}",
            )
            for i in range(4)
        ]
        stories[3].lead_image = make_image(title="ميناء")
        stories[3].lead_image_alt = "ميناء عند الغروب"
        stories[3].lead_image_caption = "ميناء جدة"
        stories[3].save_revision().publish()
        private = make_article(
            "خبر سري محمي", slug="private", published_at=T0 + dt.timedelta(days=5), topics=["سر"]
        )
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        closed = SectionPage(title="مغلق", slug="closed")
        second_section.get_parent().add_child(instance=closed)
        hidden = make_article(
            "خبر في قسم مغلق", slug="hidden", in_section=closed, published_at=T0 + dt.timedelta(days=6)
        )
        PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    return stories, private, hidden
