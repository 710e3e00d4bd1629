"""The search document: one row per live article, holding its analysed text.

Both engines read this table. On SQLite an external-content FTS5 table (``search_fts``) mirrors
``headline`` and ``body`` through triggers, its rowid being ``doc_key`` (publication order); on PostgreSQL a stored generated ``tsvector`` column
(``vector``, GIN-indexed) is computed from them with the 'simple' configuration, since the text is
already normalised and stemmed by ``khabar.arabic.analyzer``. Both are created by migrations 0001 and 0002.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

ID_BITS = 20


def doc_key(published_at, article_id: int) -> int:
    """Publication second, then the article id's low bits: sorts by publication, unique in practice
    (two stories would need the same second and ids 2**20 apart)."""
    return int(published_at.timestamp()) << ID_BITS | article_id % (1 << ID_BITS)


class SearchDocument(models.Model):
    # Deleting an article deletes its document in the same transaction.
    article = models.OneToOneField(
        "newsroom.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    headline = models.TextField(_("analysed headline"))
    body = models.TextField(_("analysed standfirst and body"))
    published_at = models.DateTimeField(_("first published at"), db_index=True)
    section_id = models.BigIntegerField(_("section"), null=True, db_index=True)
    # Publication order as one integer: the FTS5 rowid, so the index walks stories newest first.
    doc_key = models.BigIntegerField(_("document key"), unique=True, null=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return f"search document {self.article_id}"
