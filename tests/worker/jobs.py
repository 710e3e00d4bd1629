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
