"""The search document: one row per live article, holding its analysed text.

Both engines read this table. On SQLite an external-content FTS5 table (``search_fts``) mirrors
``headline`` and ``body`` through triggers; on PostgreSQL a stored generated ``tsvector`` column
(``vector``, GIN-indexed) is computed from them with the 'simple' configuration, since the text is
already normalised and stemmed by ``khabar.arabic.analyzer``. Both are created by migration 0001.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    # Deleting an article deletes its document in the same transaction.
    article = models.OneToOneField(
        "newsroom.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    headline = models.TextField(_("analysed headline"))
    body = models.TextField(_("analysed standfirst and body"))
    published_at = models.DateTimeField(_("first published at"), db_index=True)
    section_id = models.BigIntegerField(_("section"), null=True, db_index=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return f"search document {self.article_id}"
