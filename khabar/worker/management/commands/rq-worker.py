"""``khabar rq-worker``: the task worker on RQ (``TASKS_BACKEND=django_tasks_rq.RQBackend``).

django-rq's ``rqworker`` with Khabar's classes (``khabar.worker.rq``: dead workers' tasks rerun, database
errors retried, periodic jobs claimed once per interval) and RQ's scheduler, which runs deferred tasks
(an edge purge's later attempts): every worker offers to run it, one holds it at a time.
"""

from django_rq.management.commands import rqworker


class Command(rqworker.Command):
    help = "Run the RQ task worker: dead workers' tasks rerun, database errors retried, periodic jobs run"

    def handle(self, *args, **options):
        options["with_scheduler"] = True
        return super().handle(*args, **options)
