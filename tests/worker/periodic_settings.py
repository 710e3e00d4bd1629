"""Khabar's settings with one fast periodic job, for workers started by tests/worker/test_rq.py."""

from khabar.settings import *  # noqa: F403

KHABAR_PERIODIC_TASKS = {"tick": ("tests.worker.jobs.tick", 2)}
