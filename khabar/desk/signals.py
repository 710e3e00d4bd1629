"""The desk follows the wire desk: an article linked to a wire item gets its translation segments."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from khabar.wire.models import ItemUse


@receiver(post_save, sender=ItemUse)
def item_used(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .translate import attach_translation

        attach_translation(instance)
