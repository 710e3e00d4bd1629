from django.db import migrations, models

from khabar.search.models import doc_key

TABLE = "search_index_searchdocument"
SQLITE = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
    # The rowid is the publication order, so `ORDER BY rowid DESC` walks the newest stories first.
    f"""CREATE VIRTUAL TABLE search_fts USING fts5(
        headline, body, content='{TABLE}', content_rowid='doc_key',
        tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER search_fts_insert AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO search_fts(rowid, headline, body) VALUES (new.doc_key, new.headline, new.body);
    END""",
    f"""CREATE TRIGGER search_fts_delete AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline, body)
        VALUES ('delete', old.doc_key, old.headline, old.body);
    END""",
    f"""CREATE TRIGGER search_fts_update AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline, body)
        VALUES ('delete', old.doc_key, old.headline, old.body);
        INSERT INTO search_fts(rowid, headline, body) VALUES (new.doc_key, new.headline, new.body);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]


def fill_keys(apps, schema_editor):
    SearchDocument = apps.get_model("search_index", "SearchDocument")
    for document in SearchDocument.objects.only("pk", "published_at").iterator():
        SearchDocument.objects.filter(pk=document.pk).update(doc_key=doc_key(document.published_at, document.pk))


def rebuild_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search_index", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="doc_key",
            field=models.BigIntegerField(null=True, unique=True, verbose_name="document key"),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.RunPython(rebuild_fts, migrations.RunPython.noop),
    ]
