"""Database errors a worker outlives: a locked SQLite file, a lost connection, a restarted server."""

import logging
import time

from django.db import DatabaseError, connections

logger = logging.getLogger("khabar.worker")
MAX_PAUSE = 30.0


def pauses(first=0.5):
    """0.5, 1, 2, 4 … seconds, at most 30: the backoff between attempts."""
    pause = first
    while True:
        yield pause
        pause = min(pause * 2, MAX_PAUSE)


def reset_connections():
    """Drop every connection (a broken one cannot be reused); the next query opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            connection.connection = None


def until_done(operation, what, *, attempts=None, sleep=time.sleep):
    """Run ``operation()`` until it gets past database errors, backing off; ``attempts`` bounds the tries."""
    for attempt, pause in enumerate(pauses(), start=1):
        try:
            return operation()
        except DatabaseError as error:
            if attempts is not None and attempt >= attempts:
                raise
            logger.warning("%s: database error (%s), retrying in %.1f s", what, error, pause)
            reset_connections()
            sleep(pause)
