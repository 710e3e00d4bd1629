"""Tasks the fault tests run in a real ``khabar db_worker`` process (imported through PYTHONPATH)."""

import time
from pathlib import Path

from django_tasks import task


@task()
def hold(folder: str, name: str) -> str:
    """Log «start», wait until the test creates ``release``, log «done»: a task that can be caught mid-run."""
    log = Path(folder) / f"{name}.log"
    with log.open("a") as file:
        file.write("start\n")
    while not (Path(folder) / "release").exists():
        time.sleep(0.05)
    with log.open("a") as file:
        file.write("done\n")
    return name


@task(takes_context=True)
def tick(context) -> str:
    """A periodic job for the tests: log its id and when it was enqueued (right after its run was claimed)."""
    from django.conf import settings

    result = context.task_result
    with (Path(settings.VAR_DIR) / "ticks.log").open("a") as file:
        file.write(f"{result.id} {result.enqueued_at.timestamp()}\n")
    return result.id
