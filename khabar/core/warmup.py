"""Work each ``khabar serve`` worker process starts before its first request.

An app registers its step from its ``AppConfig.ready()`` (the desk: building its translation
memory's index), so core runs the steps without importing the apps above it.
"""

_steps = []


def on_worker_start(step):
    """Run ``step()`` in each server worker process as it starts (registered once)."""
    if step not in _steps:
        _steps.append(step)
    return step


def worker_started():
    """Run every registered step in this process; returns what each returned (a thread, say)."""
    return [step() for step in _steps]
