"""The inbox folds near-duplicates under one entry and marks stories already used for an article."""

import pytest
from django.urls import reverse
from django.utils import timezone

from khabar.arabic.dates import format_datetime
from khabar.newsroom.archive import archive_for
from khabar.newsroom.models import ArticlePage
from khabar.wire.models import ItemUse, WireItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(ingest_json, fixture_path, wire_source):
    ingest_json(
        fixture_path("ar_ninjs2_list.json"), fixture_path("ar_newsml_message.xml"), source="test-agency"
    )
    ingest_json(fixture_path("ninjs1_embargoed.json"), fixture_path("ar_atom.xml"))
    first = WireItem.objects.get(uri="urn:khabar:test:ar-001")
    twin = WireItem.objects.get(uri="urn:khabar:g2:ar-200")  # the same story from the NewsML message
    assert first.cluster_id == twin.cluster_id
    return first, twin


def _rows(html):
    import lxml.html

    return lxml.html.fromstring(html).cssselect("table.listing tbody tr")


def test_near_duplicates_fold_under_one_entry_with_agency_headline_and_time(
    admin_client, twins, django_assert_max_num_queries
):
    first, twin = twins
    newest, older = sorted(twins, key=lambda i: (i.received_at, i.pk), reverse=True)
    with django_assert_max_num_queries(40):
        html = admin_client.get(reverse("wire_item:index")).content.decode()
    rows = _rows(html)
    assert len(rows) == WireItem.objects.count() - 1  # the twins share one entry
    [entry] = [r for r in rows if r.cssselect(".wire-folded")]
    assert newest.headline in entry.cssselect("td.title")[0].text_content()
    folded = entry.cssselect(".wire-folded li")[0]
    assert folded.cssselect("a")[0].get("href") == reverse("wire_item:inspect", args=[older.pk])
    text = folded.text_content()
    assert older.headline in text and older.uri not in text
    assert format_datetime(timezone.localtime(older.received_at)) in text
    assert "أ.ب" in text  # the agency's credit


def test_item_page_names_the_near_duplicates_by_agency_headline_and_time(admin_client, twins):
    first, twin = twins
    html = admin_client.get(reverse("wire_item:inspect", args=[first.pk])).content.decode()
    block = html.split('class="wire-also-from"', 1)[1].split("</div>", 1)[0]
    assert twin.headline in block and twin.uri not in block


def test_an_item_used_for_an_article_is_marked_with_a_link_on_its_whole_group(admin_client, twins, section):
    first, twin = twins
    article = ArticlePage(title="وزير الخارجية المصري في موسكو", slug="egypt-moscow", live=False)
    archive_for(section, timezone.now()).add_child(instance=article)
    ItemUse.objects.create(item=twin, article=article)
    html = admin_client.get(reverse("wire_item:index")).content.decode()
    marks = [r for r in _rows(html) if r.cssselect("a.wire-used")]
    assert len(marks) == 1  # the group's one entry, whichever twin it shows
    link = marks[0].cssselect("a.wire-used")[0]
    assert link.get("href") == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert link.text_content() == article.title
    assert ArticlePage.objects.count() == 1
