"""Khabar's settings with a small comment proof of work and no minimum fill time, for sites that tests start
as separate processes (tests/core/test_pg_restart.py); tests/comments/conftest.py does the same in-process."""

from khabar.settings import *  # noqa: F403

ALTCHA_COST = 5
ALTCHA_COUNTER_MIN = 1
ALTCHA_COUNTER_MAX = 30
COMMENTS_MIN_FILL_SECONDS = 0
