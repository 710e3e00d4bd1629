"""Reader search in Debian's Chromium, phone and desktop: the masthead form leads to highlighted results,
filters apply, and nothing overflows. Screenshots go to var/screenshots/."""

import datetime as dt

import pytest
from django.utils import timezone

from khabar.newsroom.archive import archive_for
from khabar.newsroom.models import ArticlePage, HomePage, SectionPage
from khabar.search.index import reindex

from .conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def stories(db):
    home = HomePage.objects.get()
    politics = home.add_child(instance=SectionPage(title="سياسة", slug="politics"))
    economy = home.add_child(instance=SectionPage(title="اقتصاد", slug="economy"))
    ids = []
    for i, (title, section) in enumerate(
        [
            ("الأمم المتّحدة تدعو إلى هدنة إنسانية في المنطقة", politics),
            ("مجلس الأمن يناقش مشروع قرار بشأن الهدنة", politics),
            ("أسعار النفط ترتفع بعد إعلان الهدنة", economy),
        ]
    ):
        when = timezone.now() - dt.timedelta(days=i + 1)
        article = ArticlePage(
            title=title,
            slug=f"story-{i}",
            standfirst="قال مسؤولون إن المفاوضات مستمرة.",
            body=[
                (
                    "paragraph",
                    "<p>وأضاف المتحدث أن الهدنة قد تبدأ خلال الأيام المقبلة في حال موافقة الطرفين.</p>",
                )
            ],
        )
        archive_for(section, when).add_child(instance=article)
        article.save_revision().publish()
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=when, published_at=when)
        ids.append(article.pk)
    reindex(ids)
    return economy


@pytest.mark.parametrize("width", [360, 1280])
def test_search_from_the_masthead(browser, live_server, stories, width):
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="ar")
    page.goto(live_server.url + "/")
    page.fill("#masthead-q", "الهدنه")
    page.press("#masthead-q", "Enter")
    page.wait_for_selector(".search-result")
    assert page.locator(".search-result").count() == 3
    assert page.locator(".search-result mark").count() >= 3
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"search-{width}.png"), full_page=True)

    page.select_option("#id_section", str(stories.pk))
    page.click(".search-form button")
    page.wait_for_selector(".search-result")
    assert page.locator(".search-result").count() == 1
    assert "أسعار النفط" in page.inner_text(".search-result")

    page.fill("#id_q", "بيتزا الهدنة")
    page.select_option("#id_section", "")
    page.click(".search-form button")
    page.wait_for_selector(".no-results")
    assert "لا توجد نتائج" in page.inner_text(".no-results")
    page.screenshot(path=str(SHOTS / f"search-empty-{width}.png"), full_page=True)
