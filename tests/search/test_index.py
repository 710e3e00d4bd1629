"""Index updates go to the task worker: queued on commit with the database backend, then run by it."""

import json

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from khabar.search.index import BATCH, enqueue_reindex
from khabar.search.models import SearchDocument
from khabar.search.results import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # the worker closes its database connection between tasks
def test_publishing_queues_a_task_that_the_worker_runs(
    worker_backend, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("انتخابات بلدية في المدينة")
    queued = DBTaskResult.objects.filter(task_path="khabar.search.tasks.reindex_articles")
    assert [row.args_kwargs["args"] for row in queued] == [[[article.pk]]]
    assert search("بلديه").total == 0  # not indexed in the request that published

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert search("بلديه").total == 1
    assert queued.get().status == "SUCCESSFUL"


def test_enqueue_reindex_batches_ids_and_waits_for_commit(worker_backend, django_capture_on_commit_callbacks):
    ids = list(range(1, 2 * BATCH + 2))
    with django_capture_on_commit_callbacks() as callbacks:
        assert enqueue_reindex(ids + ids[:10]) == 3
        assert not DBTaskResult.objects.exists()
    for callback in callbacks:
        callback()
    batches = [row.args_kwargs["args"][0] for row in DBTaskResult.objects.all()]
    assert sorted(len(b) for b in batches) == [1, BATCH, BATCH]
    assert sorted(pk for b in batches for pk in b) == ids


def test_reindexing_ids_that_are_not_live_removes_their_documents(story):
    article = story("خبر سيحذف من الفهرس", "نص.")
    assert SearchDocument.objects.filter(article_id=article.pk).exists()
    article.live = False
    article.save(update_fields=["live"])
    from khabar.search.index import reindex

    assert reindex([article.pk, 987654]) == 0
    assert not SearchDocument.objects.exists()


def test_article_text_reads_every_text_block_as_plain_text():
    from khabar.search.index import article_text

    body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>قال ال<b>كرملين</b> &amp; الحكومة</p>"},
            {"type": "subheading", "value": "عنوان فرعي"},
            {"type": "quote", "value": {"quote": "اقتباس", "attribution": "قائله"}},
            {"type": "image", "value": {"image": 1, "caption": "تعليق الصورة"}},
            {"type": "embed", "value": {"url": "https://example.org/"}},
        ]
    )
    assert [part.strip() for part in article_text("مقدمة", body, "القاهرة").split("\n")] == [
        "مقدمة", "قال الكرملين & الحكومة", "عنوان فرعي", "اقتباس", "قائله", "تعليق الصورة", "القاهرة"
    ]  # fmt: skip


def test_article_text_without_a_body_is_the_standfirst_and_city():
    from khabar.search.index import article_text

    assert article_text("", None, "") == ""
    assert article_text("مقدمة", "[]", "") == "مقدمة"
