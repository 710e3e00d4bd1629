from django.db import migrations, models

TABLE = "search_index_searchdocument"
# The facets of the documents already indexed (index.py writes them from now on).
FILL = f"""UPDATE {TABLE} SET facets = trim(
    coalesce('s' || section_id, '') || ' ' || coalesce((
        SELECT {{concat}} FROM newsroom_articleauthor a WHERE a.article_id = {TABLE}.article_id), ''))"""
SQLITE = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
    FILL.format(concat="group_concat('a' || author_id, ' ')"),
    # ``facets`` holds section and author ids as tokens: filters become part of the match.
    f"""CREATE VIRTUAL TABLE search_fts USING fts5(
        headline, body, facets, content='{TABLE}', content_rowid='doc_key',
        tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER search_fts_insert AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO search_fts(rowid, headline, body, facets)
        VALUES (new.doc_key, new.headline, new.body, new.facets);
    END""",
    f"""CREATE TRIGGER search_fts_delete AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline, body, facets)
        VALUES ('delete', old.doc_key, old.headline, old.body, old.facets);
    END""",
    f"""CREATE TRIGGER search_fts_update AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline, body, facets)
        VALUES ('delete', old.doc_key, old.headline, old.body, old.facets);
        INSERT INTO search_fts(rowid, headline, body, facets)
        VALUES (new.doc_key, new.headline, new.body, new.facets);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]


def fill_facets_and_rebuild_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)
    else:
        schema_editor.execute(FILL.format(concat="string_agg('a' || author_id, ' ')"))


class Migration(migrations.Migration):
    dependencies = [("search_index", "0002_doc_key")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="facets",
            field=models.TextField(blank=True, default="", verbose_name="filter tokens"),
        ),
        migrations.RunPython(fill_facets_and_rebuild_fts, migrations.RunPython.noop),
    ]
