"""Newsroom jobs for the task worker."""

import io

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled() -> str:
    """Publish the pages whose «go live» time has come and unpublish the expired ones (Wagtail's command);
    the workers run it every minute (``KHABAR_PERIODIC_TASKS``)."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()[-2000:]
