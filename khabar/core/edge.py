"""Edge caches (Varnish with xkey, a CDN with surrogate keys) in front of ``khabar serve``.

Anonymous pages carry their cache tags in the ``xkey`` header and a ``Cache-Control`` that lets
the edge keep them (:mod:`khabar.core.pagecache`). Every invalidation, from any process, purges the
same tags at each edge in ``EDGE_PURGE_URLS``: once the transaction commits a task is queued per edge
(:func:`khabar.core.tasks.purge_edge`), so a publish never waits for an edge, and a purge that fails
is queued again with a growing delay.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, transaction

from . import httpclient

logger = logging.getLogger(__name__)

KEY_HEADER = "xkey"
PURGE_HEADER = "xkey-purge"
# How long an edge may go on serving a page while Khabar does not answer.
STALE_IF_ERROR_SECONDS = 86400
MAX_ATTEMPTS = 8
_MAX_HEADER = 4000  # Varnish refuses request headers over 8 KiB
_MAX_ANSWER = 1024 * 1024  # a purge's answer is a short page; the status is what counts


class PurgeFailed(Exception):
    pass


def purge_on_commit(tags):
    """Queue a purge of ``tags`` at every edge once the current transaction commits."""
    if settings.EDGE_PURGE_URLS:
        transaction.on_commit(lambda: enqueue_purges(tags))


def enqueue_purges(tags):
    from .tasks import purge_edge

    for url in settings.EDGE_PURGE_URLS:
        purge_edge.enqueue(url, sorted(tags))


def _batches(tags):
    batch = []
    for tag in tags:
        if batch and len(" ".join([*batch, tag])) > _MAX_HEADER:
            yield batch
            batch = []
        batch.append(tag)
    if batch:
        yield batch


def purge(url, tags):
    """Ask the edge at ``url`` to drop every object tagged with one of ``tags``."""
    for batch in _batches(tags):
        try:
            # The edge is the operator's own (no address check); a failed purge is queued again.
            response = httpclient.request(
                "PURGE",
                url.rstrip("/") + "/",
                headers={PURGE_HEADER: " ".join(batch), "User-Agent": httpclient.user_agent("edge")},
                deadline=httpclient.Deadline(7),
                connect_timeout=2,
                read_timeout=5,
                max_bytes=_MAX_ANSWER,
            )
        except httpclient.RequestFailed as error:
            raise PurgeFailed(f"{url}: {error}") from error
        if response.status != 200:
            raise PurgeFailed(f"{url}: HTTP {response.status}")


LOGGED_IN_COOKIE = "khabar_user"


class LoggedInCookieMiddleware:
    """Tells the edge who is logged in: they bypass it (``khabar_user`` cookie, no secret in it).

    Set while a session is authenticated, removed when it is not; Khabar itself never trusts it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        try:
            logged_in = user is not None and user.is_authenticated
        except DatabaseError:
            # The session could not be read (the database is away): the view's answer stands, the mark as it was.
            return response
        marked = LOGGED_IN_COOKIE in request.COOKIES
        if logged_in and not marked:
            response.set_cookie(
                LOGGED_IN_COOKIE,
                "1",
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        elif marked and not logged_in:
            response.delete_cookie(LOGGED_IN_COOKIE, samesite="Lax")
        return response
