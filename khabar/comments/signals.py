"""Keep the page cache honest: a comment readers can see changes the article page and the cards' counts."""

from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from khabar.core.pagecache import invalidate

from .models import ReaderComment, Status


def visible_change_tags(comment):
    return [f"page:{comment.article_id}", "listing", f"section:{comment.article.section_id}"]


@receiver(post_init, sender=ReaderComment)
def remember_status(sender, instance, **kwargs):
    instance._loaded_status = instance.status if instance.pk else None


@receiver(post_save, sender=ReaderComment)
def comment_saved(sender, instance, **kwargs):
    if Status.APPROVED in (instance.status, instance._loaded_status):
        invalidate(*visible_change_tags(instance))
    instance._loaded_status = instance.status


@receiver(post_delete, sender=ReaderComment)
def comment_deleted(sender, instance, **kwargs):
    if instance.status == Status.APPROVED:
        invalidate(*visible_change_tags(instance))
