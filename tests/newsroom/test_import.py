"""`khabar import-articles`: bulk import into the page tree, idempotent, tolerant of bad lines."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from taggit.models import Tag
from wagtail.models import Page, ReferenceIndex

from bench.corpus import stories as corpus_stories
from khabar.newsroom.importing.records import BadLine, parse_line
from khabar.newsroom.models import Agency, ArticleAuthor, ArticlePage, Author, MonthArchivePage, SectionPage


def story(n, **overrides):
    record = {
        "id": n,
        "headline": f"وزير الخارجية يستقبل نظيره الأردني في الرياض {n}",
        "author": "ليلى حداد",
        "dateline": "الرياض",
        "agency": "رويترز",
        "source_url": f"https://www.reuters.com/world/story-{n}",
        "published_at": "2026-11-20T09:30:00+00:00",
        "body": [
            {
                "type": "paragraph",
                "text": "استقبل وزير الخارجية نظيره الأردني <b>لبحث</b> العلاقات & التعاون.",
            },
            {"type": "subheading", "text": "ملفات إقليمية"},
            {"type": "paragraph", "text": "وتناول اللقاء الأوضاع في المنطقة."},
        ],
        "section": "سياسة",
        "topics": ["الأردن", "دبلوماسية"],
        "extra_key_ignored": {"nested": True},
    }
    record.update(overrides)
    return json.dumps(record, ensure_ascii=False)


def write(tmp_path, lines, name="stories.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def corpus(tmp_path, n):
    """A file from the project's benchmark corpus generator (the format the issue names)."""
    lines = [json.dumps(item, ensure_ascii=False) for item in corpus_stories(n)]
    return write(tmp_path, lines, name=f"corpus-{n}.jsonl")


def run_import(path, capsys=None):
    call_command("import-articles", str(path))
    return capsys.readouterr() if capsys else None


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
def test_imports_a_story_with_its_author_agency_section_topics_and_body(tmp_path, capsys, home):
    out = run_import(write(tmp_path, [story(1)]), capsys).out
    assert "1 stories imported" in out

    article = ArticlePage.objects.get()
    assert article.title == "وزير الخارجية يستقبل نظيره الأردني في الرياض 1"
    assert article.dateline_city == "الرياض"
    assert article.agency.name == "Reuters" and article.agency.credit == "رويترز"
    assert article.source_url == "https://www.reuters.com/world/story-1"
    assert article.first_published_at == dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
    assert article.live and article.section.title == "سياسة" and article.section.slug == "politics"
    assert [a.name for a in article.byline_authors] == ["ليلى حداد"]
    assert Author.objects.get().slug == "ليلى-حداد"
    assert sorted(t.name for t in article.topics) == ["الأردن", "دبلوماسية"]
    assert [(b.block_type, str(b.value)) for b in article.body] == [
        (
            "paragraph",
            "<p>استقبل وزير الخارجية نظيره الأردني &lt;b&gt;لبحث&lt;/b&gt; العلاقات &amp; التعاون.</p>",
        ),
        ("subheading", "ملفات إقليمية"),
        ("paragraph", "<p>وتناول اللقاء الأوضاع في المنطقة.</p>"),
    ]
    assert article.url.startswith("/politics/2026/11/")
    parent = article.get_parent().specific
    assert isinstance(parent, MonthArchivePage) and parent.numchild == 1


@pytest.mark.django_db
def test_imported_article_renders_like_one_made_in_wagtail(tmp_path, client, home):
    run_import(write(tmp_path, [story(1)]))
    article = ArticlePage.objects.get()
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<span class="dateline">الرياض (رويترز) —</span> استقبل' in html
    assert "ليلى حداد" in html and 'href="https://www.reuters.com/world/story-1"' in html
    assert '<h2 class="subheading">ملفات إقليمية</h2>' in html


@pytest.mark.django_db
def test_agency_credits_map_to_agencies_and_unknown_credits_become_agencies(tmp_path, home):
    assert Agency.objects.get(name="Associated Press").credit == "أ.ب"  # seeded; credited «أ ب» below
    lines = [
        story(1, agency="أ ب"),
        story(2, agency="أ ف ب"),
        story(3, agency="وكالة الأنباء المحلية"),
        story(4, agency=""),
    ]
    run_import(write(tmp_path, lines))
    agencies = {a.source_url[-1]: a.agency for a in ArticlePage.objects.select_related("agency")}
    assert (
        agencies["1"].name == "Associated Press"
        and Agency.objects.filter(name="Associated Press").count() == 1
    )
    assert (agencies["2"].name, agencies["2"].credit) == ("Agence France-Presse", "أ ف ب")
    assert (agencies["3"].name, agencies["3"].credit) == ("وكالة الأنباء المحلية", "وكالة الأنباء المحلية")
    assert agencies["4"] is None


@pytest.mark.django_db
def test_missing_section_goes_to_the_default_section_and_empty_author_is_the_house_byline(
    tmp_path, home, client
):
    line = json.loads(story(1, author="", agency=""))  # agency copy is signed by the agency
    del line["section"], line["topics"]
    run_import(write(tmp_path, [json.dumps(line, ensure_ascii=False)]))
    article = ArticlePage.objects.get()
    assert (article.section.title, article.section.slug) == ("أخبار", "news")
    assert article.byline_authors == [] and not Author.objects.exists()
    assert article.url.startswith("/news/2026/11/")
    assert "بقلم</span> خبر" in client.get(article.url).content.decode()


@pytest.mark.django_db
def test_bad_lines_are_reported_with_their_number_and_the_rest_is_imported(tmp_path, capsys, home):
    no_agency = json.loads(story(5))
    del no_agency["agency"]
    lines = [
        story(1),
        "{not json",
        json.dumps(no_agency, ensure_ascii=False),
        story(6, published_at="الأربعاء الماضي"),
        story(7, body="نص"),
        story(8, body=[{"type": "table", "text": "x"}]),
        story(9, topics="سياسة"),
        story(10, headline=42),
        story(11, source_url="ftp://example.com/x"),
        "[1, 2]",
        "",
        story(12),
    ]
    path = write(tmp_path, lines)
    captured = run_import(path, capsys)
    errors = captured.err.splitlines()
    assert [e.split(":")[1] for e in errors] == ["2", "3", "4", "5", "6", "7", "8", "9", "10"]
    assert "invalid JSON" in errors[0]
    assert "missing field(s): agency" in errors[1]
    assert "published_at" in errors[2] and "ISO 8601" in errors[2]
    assert "'body' must be a list" in errors[3]
    assert "type 'table'" in errors[4]
    assert "'topics' must be a list" in errors[5]
    assert "'headline' must be a string" in errors[6]
    assert "source_url" in errors[7]
    assert "not a JSON object" in errors[8]
    assert "2 stories imported" in captured.out and "9 bad line(s)" in captured.out
    assert ArticlePage.objects.count() == 2


def test_exit_status_is_2_when_the_file_cannot_be_read(tmp_path):
    # The real console script; a missing file is refused before the database is touched.
    khabar = Path(sys.executable).with_name("khabar")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "khabar.settings", "KHABAR_VAR_DIR": str(tmp_path)}
    done = subprocess.run(
        [str(khabar), "import-articles", str(tmp_path / "missing.jsonl")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2, done.stderr[-1500:]
    assert "cannot read" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_refused_with_status_2(tmp_path, home):
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError, match="not UTF-8") as error:
        call_command("import-articles", str(binary))
    assert error.value.returncode == 2


@pytest.mark.django_db
def test_bad_lines_alone_do_not_fail_the_import(tmp_path, capsys, home):
    call_command("import-articles", str(write(tmp_path, ["{", story(1)])))  # no CommandError: exit status 0
    assert "1 bad line(s)" in capsys.readouterr().out


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(tmp_path, capsys, home):
    path = corpus(tmp_path, 60)
    run_import(path)

    def snapshot():
        return (
            list(Page.objects.order_by("pk").values()),
            list(ArticlePage.objects.order_by("pk").values_list("pk", "source_url", "body", "section_id")),
            list(ArticleAuthor.objects.order_by("pk").values()),
            list(Author.objects.order_by("pk").values()),
            list(Agency.objects.order_by("pk").values()),
            list(Tag.objects.order_by("pk").values()),
        )

    before = snapshot()
    assert ArticlePage.objects.count() == 60
    capsys.readouterr()
    out = run_import(path, capsys).out
    assert "0 stories imported, 60 already there" in out
    assert snapshot() == before


@pytest.mark.django_db
def test_a_story_repeated_in_the_file_is_imported_once(tmp_path, home):
    run_import(write(tmp_path, [story(1), story(1, headline="عنوان آخر")]))
    assert ArticlePage.objects.count() == 1


@pytest.mark.django_db
def test_import_into_a_tree_with_pages_keeps_the_tree_valid(tmp_path, home, section, make_article):
    existing = make_article(
        published_at=dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC),
        slug="مجلس-الاتحاد-الروسي-يصادق-على-معاهدة",
    )
    same_slug = json.loads(story(1))
    same_slug["headline"] = existing.title
    run_import(write(tmp_path, [json.dumps(same_slug, ensure_ascii=False), story(2), story(3)]))
    # A second import adds after the first in the same month archive.
    run_import(write(tmp_path, [story(4)], name="more.jsonl"), None)

    assert Page.find_problems() == ([], [], [], [], [])
    archive = existing.get_parent()
    children = list(archive.get_children().order_by("path"))
    assert children[0].pk == existing.pk and len(children) == 5
    assert archive.numchild == 5
    assert len({child.slug for child in children}) == 5
    imported_twin = ArticlePage.objects.get(source_url="https://www.reuters.com/world/story-1")
    assert imported_twin.slug == f"{existing.slug}-2"
    # numchild of ancestors still counts the archive pages, not the articles.
    assert SectionPage.objects.get(pk=section.pk).numchild == 1
    # Adding a page the Wagtail way afterwards still finds a free path.
    later = make_article(title="خبر لاحق", published_at=dt.datetime(2026, 11, 21, tzinfo=dt.UTC))
    assert later.get_parent().pk == archive.pk
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_imported_article_can_be_moved_and_the_tree_stays_valid(tmp_path, home):
    run_import(write(tmp_path, [story(1), story(2, published_at="2026-10-02T10:00:00+03:00")]))
    november = ArticlePage.objects.get(source_url__endswith="story-1")
    october = ArticlePage.objects.get(source_url__endswith="story-2")
    november.move(october.get_parent(), pos="last-child")
    moved = ArticlePage.objects.get(pk=november.pk)
    assert moved.url.startswith("/politics/2026/10/")
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_imported_article_can_be_edited_and_republished_in_the_admin(tmp_path, client, admin_user, home):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    run_import(write(tmp_path, [story(1)]))
    article = ArticlePage.objects.get()
    link = ArticleAuthor.objects.get(article=article)
    client.force_login(admin_user)
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200

    data = nested_form_data(
        {
            "title": "وزير الخارجية يستقبل نظيره الأردني (محدث)",
            "slug": article.slug,
            "standfirst": "لقاء في الرياض",
            "article_authors": inline_formset([{"id": link.pk, "author": link.author_id}], initial=1),
            "dateline_city": "الرياض",
            "agency": article.agency_id,
            "source_url": article.source_url,
            "source_title": "",
            "body": streamfield(
                [("paragraph", rich_text("<p>نص جديد للخبر.</p>")), ("subheading", "تفاصيل")]
            ),
            "tags": "الأردن, دبلوماسية",
            "related_links": inline_formset([]),
            "notes": inline_formset([]),
            "comments_open": "on",
            "seo_title": "",
            "search_description": "",
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    article.refresh_from_db()
    assert article.title.endswith("(محدث)") and article.live_revision is not None
    assert article.first_published_at == dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
    assert [b.block_type for b in article.body] == ["paragraph", "subheading"]
    client.logout()
    html = client.get(article.url).content.decode()
    assert "(محدث)" in html and "نص جديد للخبر" in html
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_import_invalidates_cached_listings(tmp_path, client, home, make_article):
    make_article(title="خبر قديم")
    first = client.get("/")
    assert first.status_code == 200 and client.get("/")["X-Khabar-Cache"] == "hit"
    run_import(write(tmp_path, [story(1, published_at=dt.datetime.now(dt.UTC).isoformat())]))
    after = client.get("/")
    assert after["X-Khabar-Cache"] == "miss"
    assert "وزير الخارجية يستقبل نظيره الأردني" in after.content.decode()


@pytest.mark.django_db
def test_the_worker_indexes_imported_articles_for_admin_search_and_usage(tmp_path, home):
    # Tests run tasks inline (ImmediateBackend), so the deferred indexing has run.
    run_import(write(tmp_path, [story(1, headline="مهرجان الشعر العربي يفتتح دورته الجديدة")]))
    article = ArticlePage.objects.get()
    assert [p.pk for p in ArticlePage.objects.search("مهرجان الشعر")] == [article.pk]
    author = Author.objects.get()
    assert ReferenceIndex.get_references_to(author).filter(object_id=str(article.pk)).exists()


@pytest.mark.django_db
def test_import_queries_do_not_grow_with_the_number_of_stories(
    tmp_path, home, settings, django_assert_max_num_queries
):
    from django_tasks import task_backends

    # The indexing is left to the worker: here it only records what was enqueued.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    run_import(write(tmp_path, [story(0)]))  # sections, authors, agency and archive exist now
    path = write(tmp_path, [story(n) for n in range(1, 1201)], name="many.jsonl")
    # Rows go in multi-row INSERTs (on SQLite about 34 pages a statement: 999 parameters).
    with django_assert_max_num_queries(120):
        call_command("import-articles", str(path), batch_size=1000)
    assert ArticlePage.objects.count() == 1201
    enqueued = [
        result.args[0]
        for result in task_backends["default"].results
        if result.task.module_path.endswith(".index_imported_articles")
    ]
    assert sorted(pk for batch in enqueued for pk in batch) == sorted(
        ArticlePage.objects.values_list("pk", flat=True)
    )
    assert Page.find_problems() == ([], [], [], [], [])


def test_parse_line_reads_naive_times_in_the_given_zone_and_ignores_unknown_keys():
    riyadh = dt.timezone(dt.timedelta(hours=3))
    parsed = parse_line(story(1, published_at="2026-11-20T12:30:00", unknown=[1, 2]), riyadh)
    assert parsed.published_at == dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
    with pytest.raises(BadLine, match="'author' must be a string"):
        parse_line(story(1, author=None))
    with pytest.raises(BadLine, match="headline"):
        parse_line(story(1, headline="ع" * 300))


@pytest.mark.django_db
def test_imported_articles_are_queued_for_khabar_search(
    tmp_path, home, settings, django_capture_on_commit_callbacks
):
    from django.apps import apps
    from django_tasks import task_backends

    if not apps.is_installed("khabar.search"):
        pytest.skip("khabar.search is not installed")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        run_import(write(tmp_path, [story(1), story(2)]))
    queued = [
        pk
        for result in task_backends["default"].results
        if result.task.module_path == "khabar.search.tasks.reindex_articles"
        for pk in result.args[0]
    ]
    assert sorted(queued) == sorted(ArticlePage.objects.values_list("pk", flat=True))
