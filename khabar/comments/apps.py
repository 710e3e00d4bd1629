from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "khabar.comments"
    label = "comments"
    verbose_name = _("Reader comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        from . import signals  # noqa: F401
        from .models import ReaderComment

        # django-comments-xtd copies a comment's visibility onto all its replies whenever it is
        # saved. Here each comment carries its own moderation status: approving a parent again
        # must not publish a reply still waiting for review.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=ReaderComment._meta.label)
