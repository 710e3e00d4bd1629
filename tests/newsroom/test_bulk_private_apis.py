"""The bulk writers' private APIs, pinned against the public API's result.

`khabar import-articles` (khabar/newsroom/importing/bulk.py) computes treebeard paths with
`Page._get_path`/`Page._str2int` instead of `add_child` (several queries and a tree lock per page) and
writes the article rows with `QuerySet._insert(raw=True)` (`bulk_create` refuses multi-table
inheritance); wire ingest files new items with a hand-written multi-row INSERT (khabar/wire/ingest.py,
compared with `bulk_create` in tests/wire/test_ingest.py). Both skip the fields' `pre_save`. Each test
here fails the day one of them stops giving what the public API gives.
"""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from wagtail.models import Page

from khabar.newsroom.models import ArticlePage
from khabar.wire.models import WireItem


def _story(n):
    return json.dumps(
        {
            "id": n,
            "headline": f"خبر رقم {n} عن المعاهدة",
            "author": "ليلى حداد",
            "dateline": "الرياض",
            "agency": "رويترز",
            "source_url": f"https://www.reuters.com/world/pinned-{n}",
            "published_at": "2026-11-20T09:30:00+00:00",
            "body": [
                {"type": "paragraph", "text": f"نص الخبر {n}."},
                {"type": "subheading", "text": "عنوان"},
            ],
            "section": "سياسة",
            "topics": ["الأردن"],
        },
        ensure_ascii=False,
    )


def _import(tmp_path, numbers, name):
    path = tmp_path / name
    path.write_text("\n".join(_story(n) for n in numbers) + "\n", encoding="utf-8")
    call_command("import-articles", str(path))


def _steps(parent):
    return [page.path[len(parent.path) :] for page in parent.get_children().order_by("path")]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
def test_imported_paths_are_the_ones_add_child_gives(tmp_path, home):
    # 40 children cross a base-36 digit (…000Z, …0010), in two imports: the second continues from
    # the archive's last child (Page._str2int) where add_child would.
    _import(tmp_path, range(1, 26), "first.jsonl")
    _import(tmp_path, range(26, 41), "second.jsonl")
    archive = ArticlePage.objects.get(source_url__endswith="pinned-1").get_parent()

    reference = home.add_child(instance=Page(title="مرجع", slug="reference-parent"))
    for n in range(1, 41):
        reference.add_child(instance=Page(title=f"صفحة {n}", slug=f"page-{n}"))
    reference.refresh_from_db()
    archive.refresh_from_db()

    assert _steps(archive) == _steps(reference)
    assert archive.numchild == reference.numchild == 40
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_imported_article_rows_are_the_ones_the_orm_writes(tmp_path, home):
    _import(tmp_path, [1], "one.jsonl")
    imported = ArticlePage.objects.get(source_url__endswith="pinned-1")
    fields = [f for f in ArticlePage._meta.local_concrete_fields if f.attname != "page_ptr_id"]

    # Skipping pre_save (raw=True) is only harmless while every field's pre_save keeps the value.
    for field in fields:
        assert field.pre_save(imported, add=True) == getattr(imported, field.attname), field.name

    copy = ArticlePage(
        title=imported.title + " نسخة",
        slug="public-api-copy",
        live=True,
        first_published_at=imported.first_published_at,
        last_published_at=imported.last_published_at,
        **{f.attname: getattr(imported, f.attname) for f in fields if f.attname != "body"},
        body=imported.body.raw_data,
    )
    imported.get_parent().add_child(instance=copy)
    copy = ArticlePage.objects.get(pk=copy.pk)
    imported = ArticlePage.objects.get(pk=imported.pk)
    for field in fields:
        stored, reference = getattr(imported, field.attname), getattr(copy, field.attname)
        if field.attname == "body":
            stored, reference = list(stored.raw_data), list(reference.raw_data)
        assert stored == reference, field.name


def test_wire_items_need_no_pre_save():
    """The wire's multi-row INSERT skips pre_save: no WireItem field may change a value there."""
    item = WireItem(
        uri="urn:x",
        version="1",
        headline="h",
        body_html="<p>b</p>",
        version_created=dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC),
        received_at=dt.datetime(2026, 11, 21, 10, 1, tzinfo=dt.UTC),
        updated_at=dt.datetime(2026, 11, 21, 10, 1, tzinfo=dt.UTC),
    )
    for field in WireItem._meta.concrete_fields:
        assert field.pre_save(item, add=True) == getattr(item, field.attname), field.name
