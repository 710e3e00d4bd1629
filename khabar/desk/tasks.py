"""Desk jobs for the task worker."""

from django_tasks import task

from .versions import alert_changed_sources


@task()
def send_desk_alerts() -> int:
    """E-mail the desk about wire stories that changed under a translation (also run after every poll)."""
    return alert_changed_sources()
