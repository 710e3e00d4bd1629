"""The desk follows the wire desk: an article linked to a wire item gets its translation segments."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django_tasks.signals import task_finished

from khabar.wire.models import ItemUse


@receiver(post_save, sender=ItemUse)
def item_used(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .translate import attach_translation

        attach_translation(instance)


@receiver(task_finished)
def wire_polled(sender, task_result, **kwargs):
    """After each wire poll, alert the desk about stories that changed under a translation."""
    if task_result.task.module_path == "khabar.wire.tasks.poll_source":
        from .versions import alert_changed_sources

        alert_changed_sources()
