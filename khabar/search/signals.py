"""Publish, unpublish, edit (a new publication) and move queue an index update for the task worker.

A bulk import (``khabar import-articles``) sends no signal: ``khabar.loading.articles`` queues each
batch of new stories by calling ``enqueue_reindex``. Renaming an author or a topic reindexes the
stories that carry it (their names are indexed with them). Deleting an article deletes its search
document with it (the document's key cascades), in the same transaction, so no task is needed for
that.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from khabar.newsroom.models import ArticleAuthor, ArticlePage, ArticleTag, Author

from .index import enqueue_reindex


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)  # a move can change the section
def article_changed(sender, instance, **kwargs):
    if issubclass(sender, ArticlePage) or isinstance(instance, ArticlePage):
        enqueue_reindex([instance.pk])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    """A story made private leaves the index (and one made public again comes back)."""
    enqueue_reindex(
        ArticlePage.objects.filter(path__startswith=instance.page.path).values_list("pk", flat=True)
    )


@receiver(post_save, sender=Author)
def author_saved(sender, instance, created, **kwargs):
    if not created:
        enqueue_reindex(ArticleAuthor.objects.filter(author=instance).values_list("article_id", flat=True))


@receiver(post_save, sender=Tag)
def topic_saved(sender, instance, created, **kwargs):
    if not created:
        enqueue_reindex(ArticleTag.objects.filter(tag=instance).values_list("content_object_id", flat=True))
