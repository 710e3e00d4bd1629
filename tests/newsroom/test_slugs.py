"""Arabic article addresses: the slug comes from the Arabic headline at the first publication, is unique
within its month, stays put afterwards, and a hand-made change leaves a permanent redirect."""

import datetime as dt
from urllib.parse import unquote

import pytest
from wagtail.contrib.redirects.models import Redirect

from khabar.newsroom.archive import archive_for
from khabar.newsroom.models import ArticlePage
from khabar.newsroom.slugs import headline_slug, is_provisional

pytestmark = pytest.mark.django_db

NOVEMBER = dt.datetime(2026, 11, 3, 12, tzinfo=dt.UTC)


def test_headline_slug_keeps_arabic_letters_and_drops_marks():
    assert headline_slug("روسيا تُصادق على المعاهدة!") == "روسيا-تصادق-على-المعاهدة"
    assert headline_slug("الاقتصـــاد ينمو ٣٫٥ في المئة") == "الاقتصاد-ينمو-35-في-المئة"
    long = headline_slug(" ".join(["كلمة"] * 30))
    assert len(long) <= 60 and not long.endswith("-") and long.endswith("كلمة")


def test_only_the_desk_provisional_slugs_are_replaced():
    assert is_provisional("wire-12") and is_provisional("wire-1-pninjsexamplecom-163622")
    assert not is_provisional("wirecard-falls") and not is_provisional("روسيا-تصادق")


def desk_draft(section, title, item_id, when=NOVEMBER):
    article = ArticlePage(title=title, slug=f"wire-{item_id}", live=False, section=section)
    archive_for(section, when).add_child(instance=article)
    article.save_revision()
    return article


def publish(article):
    article.get_latest_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def test_first_publication_gives_the_arabic_headline_slug_unique_in_the_month(section, client):
    first = publish(desk_draft(section, "روسيا تصادق على المعاهدة", 1))
    assert first.slug == "روسيا-تصادق-على-المعاهدة"
    assert unquote(first.url) == "/politics/2026/11/روسيا-تصادق-على-المعاهدة/"
    assert client.get(first.url).status_code == 200
    second = publish(desk_draft(section, "روسيا تصادق على المعاهدة", 2))
    assert second.slug == "روسيا-تصادق-على-المعاهدة-2"  # the same headline in the same month
    december = publish(
        desk_draft(section, "روسيا تصادق على المعاهدة", 3, when=NOVEMBER + dt.timedelta(days=30))
    )
    assert december.slug == "روسيا-تصادق-على-المعاهدة"  # another month is another folder


def test_the_slug_is_stable_after_the_first_publication(section):
    article = publish(desk_draft(section, "روسيا تصادق على المعاهدة", 1))
    draft = article.get_latest_revision_as_object()
    assert draft.slug == article.slug  # the draft carries the new slug as well
    draft.title = "مجلس الاتحاد الروسي يصادق على المعاهدة"
    draft.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).slug == "روسيا-تصادق-على-المعاهدة"


def test_a_hand_made_slug_change_leaves_a_permanent_redirect(
    section, client, django_capture_on_commit_callbacks
):
    article = publish(desk_draft(section, "روسيا تصادق على المعاهدة", 1))
    old_url = article.url
    draft = article.get_latest_revision_as_object()
    draft.slug = "معاهدة-روسيا"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail announces a slug change on commit
        draft.save_revision().publish()
    moved = ArticlePage.objects.get(pk=article.pk)
    assert unquote(moved.url) == "/politics/2026/11/معاهدة-روسيا/"
    response = client.get(old_url)
    assert response.status_code == 301 and unquote(response["Location"]).endswith(unquote(moved.url))
    assert Redirect.objects.filter(redirect_page=moved, is_permanent=True).exists()
