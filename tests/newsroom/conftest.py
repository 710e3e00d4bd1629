"""Fixtures for the public newsroom site: images, authors with photos, an article with every block."""

import pytest

from khabar.newsroom.models import Author


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def make_author(db, make_image):
    def make(name, slug, *, photo=True, role=""):
        image = make_image(title=f"portrait {slug}", size=(200, 200)) if photo else None
        return Author.objects.create(name=name, slug=slug, role=role, photo=image)

    return make


@pytest.fixture
def every_block_body(make_image):
    """An article body with one block of each type, the first one a paragraph."""
    picture = make_image(title="Protesters in Moscow")
    return [
        ("paragraph", "<p>صادق مجلس الاتحاد الروسي يوم الأربعاء على معاهدة للتعاون العسكري.</p>"),
        ("subheading", "ردود فعل دولية"),
        ("quote", {"quote": "هذه خطوة تاريخية في علاقاتنا.", "attribution": "وزير الخارجية"}),
        ("image", {"image": picture, "caption": "جلسة مجلس الاتحاد في موسكو", "credit": "أ.ب"}),
        ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ("paragraph", "<p>وقال مسؤولون إن الخطوة تأتي في إطار تعزيز العلاقات.</p>"),
    ]


@pytest.fixture
def newsroom_settings(home):
    from wagtail.models import Site

    from khabar.newsroom.models import NewsroomSettings

    return NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
