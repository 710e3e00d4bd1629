"""Edge purges are queued on commit, one task per edge, and retried with a growing delay."""

import datetime as dt
import socket

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from khabar.core import edge
from khabar.core.pagecache import invalidate
from khabar.core.tasks import purge_edge

pytestmark = pytest.mark.django_db

PURGE_TASK = "khabar.core.tasks.purge_edge"


def closed_port():
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dead_edges(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{closed_port()}", f"http://127.0.0.1:{closed_port()}"]
    return settings.EDGE_PURGE_URLS


def test_a_purge_per_edge_is_queued_once_the_change_commits(dead_edges, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        invalidate("page:7", "listing")
        assert not DBTaskResult.objects.filter(task_path=PURGE_TASK).exists()
    for callback in callbacks:
        callback()
    queued = DBTaskResult.objects.filter(task_path=PURGE_TASK).order_by("enqueued_at")
    assert [row.args_kwargs["args"] for row in queued] == [[url, ["listing", "page:7"]] for url in dead_edges]


def test_a_failed_purge_is_queued_again_later(dead_edges):
    url = dead_edges[0]
    before = timezone.now()
    purge_edge.call(url, ["page:7"])
    retry = DBTaskResult.objects.get(task_path=PURGE_TASK)
    assert retry.args_kwargs["args"] == [url, ["page:7"], 2]
    assert retry.run_after >= before + dt.timedelta(seconds=2)


def test_the_last_attempt_gives_up(dead_edges):
    with pytest.raises(edge.PurgeFailed):
        purge_edge.call(dead_edges[0], ["page:7"], edge.MAX_ATTEMPTS)
    assert not DBTaskResult.objects.filter(task_path=PURGE_TASK).exists()


def test_long_tag_lists_are_split_below_the_edges_header_limit():
    tags = [f"topic:{n}" for n in range(2000)]
    batches = list(edge._batches(tags))
    assert len(batches) > 1 and [tag for batch in batches for tag in batch] == tags
    assert all(len(" ".join(batch)) <= 4000 for batch in batches)
