"""The search document: one row per live article, holding its analysed text.

Both engines read this table. On SQLite an external-content FTS5 table (``search_fts``) mirrors
``headline``, ``body`` and ``facets`` through triggers, its rowid being ``doc_key`` (publication
order); on PostgreSQL a stored generated ``tsvector`` column (``vector``, GIN-indexed) is computed
from headline and body with the 'simple' configuration, since the text is already normalised and
stemmed by ``khabar.arabic.analyzer``. The migrations create both.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

ID_BITS = 20


def doc_key(published_at, article_id: int) -> int:
    """Publication second, then the article id's low bits: sorts by publication, unique in practice
    (two stories would need the same second and ids 2**20 apart)."""
    return int(published_at.timestamp()) << ID_BITS | article_id % (1 << ID_BITS)


def facet_tokens(section_id, author_ids) -> list[str]:
    """The ``facets`` tokens of a document (or a filter): ``s<section id>``, ``a<author id>`` …"""
    tokens = [f"s{section_id}"] if section_id is not None else []
    return tokens + [f"a{author_id}" for author_id in author_ids if author_id is not None]


class SearchDocument(models.Model):
    # Deleting an article deletes its document in the same transaction.
    article = models.OneToOneField(
        "newsroom.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    headline = models.TextField(_("analysed headline"))
    body = models.TextField(_("analysed standfirst and body"))
    published_at = models.DateTimeField(_("first published at"), db_index=True)
    section_id = models.BigIntegerField(_("section"), null=True, db_index=True)
    # Section and author ids as index tokens («s12 a7»), so that FTS5 applies those filters inside
    # the full-text match instead of walking matches until enough pass (engines/fts5.py).
    facets = models.TextField(_("filter tokens"), blank=True, default="")
    # Publication order as one integer: the FTS5 rowid, so the index walks stories newest first.
    doc_key = models.BigIntegerField(_("document key"), unique=True, null=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return f"search document {self.article_id}"
