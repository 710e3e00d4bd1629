import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    # External content: the FTS5 index reads headline/body from the document table by rowid.
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        headline, body, content='search_index_searchdocument', content_rowid='article_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_index_searchdocument BEGIN
        INSERT INTO search_fts(rowid, headline, body) VALUES (new.article_id, new.headline, new.body);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_index_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline, body)
        VALUES ('delete', old.article_id, old.headline, old.body);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_index_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline, body)
        VALUES ('delete', old.article_id, old.headline, old.body);
        INSERT INTO search_fts(rowid, headline, body) VALUES (new.article_id, new.headline, new.body);
    END""",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_fts"]

POSTGRES = [
    # 'simple': the text is already normalised and stemmed by khabar.arabic.analyzer.
    """ALTER TABLE search_index_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, headline), 'A')
        || setweight(to_tsvector('simple'::regconfig, body), 'D')) STORED""",
    "CREATE INDEX search_document_vector_gin ON search_index_searchdocument USING gin (vector)",
]
POSTGRES_REVERSE = ["ALTER TABLE search_index_searchdocument DROP COLUMN IF EXISTS vector"]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, ()):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    initial = True

    dependencies = [("newsroom", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="newsroom.articlepage",
                    ),
                ),
                ("headline", models.TextField(verbose_name="analysed headline")),
                ("body", models.TextField(verbose_name="analysed standfirst and body")),
                ("published_at", models.DateTimeField(db_index=True, verbose_name="first published at")),
                ("section_id", models.BigIntegerField(db_index=True, null=True, verbose_name="section")),
            ],
            options={"verbose_name": "search document", "verbose_name_plural": "search documents"},
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
