"""Search fixtures: published articles indexed through the real task path (inline in tests)."""

import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture
def story(make_article, django_capture_on_commit_callbacks):
    """Publish a story with ``body`` paragraphs; ``days_ago`` sets its first publication.

    The publish signal queues the index task on commit; the test transaction never commits, so the
    callbacks are run when the article is complete (tasks run inline in tests).
    """

    def make(title, *paragraphs, days_ago=1, **kwargs):
        body = [("paragraph", f"<p>{p}</p>") for p in paragraphs]
        with django_capture_on_commit_callbacks(execute=True):
            article = make_article(
                title, body=body, published_at=timezone.now() - dt.timedelta(days=days_ago), **kwargs
            )
        return article

    return make
