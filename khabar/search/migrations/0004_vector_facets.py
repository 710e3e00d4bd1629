from django.db import migrations

TABLE = "search_index_searchdocument"
# The vector gains the facets as lexemes «@s12», «@a7» (no positions, so ts_rank_cd ignores them),
# so that section and author filters are read from the GIN index with the words. Its storage is
# MAIN: kept in the row (compressed if need be) rather than moved to the TOAST table, so checking a
# row costs one heap visit, not a TOAST index look-up as well (which a phrase check reads much
# faster on a large archive). The rewrite that fills the new column happens after both sub-commands.
POSTGRES = [
    f"ALTER TABLE {TABLE} DROP COLUMN vector",
    f"""ALTER TABLE {TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, headline), 'A')
        || setweight(to_tsvector('simple'::regconfig, body), 'D')
        || array_to_tsvector(string_to_array(regexp_replace(facets, '(\\S+)', '@\\1', 'g'), ' '))) STORED,
        ALTER COLUMN vector SET STORAGE MAIN""",
    f"CREATE INDEX search_document_vector_gin ON {TABLE} USING gin (vector)",
]
POSTGRES_REVERSE = [
    f"ALTER TABLE {TABLE} DROP COLUMN vector",
    f"""ALTER TABLE {TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, headline), 'A')
        || setweight(to_tsvector('simple'::regconfig, body), 'D')) STORED""",
    f"CREATE INDEX search_document_vector_gin ON {TABLE} USING gin (vector)",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search_index", "0003_facets")]

    operations = [migrations.RunPython(run(POSTGRES), run(POSTGRES_REVERSE))]
