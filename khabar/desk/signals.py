"""The desk follows the wire's polls (starting a translation is an explicit call: see ``handoff``)."""

from django.dispatch import receiver
from django_tasks.signals import task_finished


@receiver(task_finished)
def wire_polled(sender, task_result, **kwargs):
    """After each wire poll, alert the desk about stories that changed under a translation."""
    if task_result.task.module_path == "khabar.wire.tasks.poll_source":
        from .versions import alert_changed_sources

        alert_changed_sources()
