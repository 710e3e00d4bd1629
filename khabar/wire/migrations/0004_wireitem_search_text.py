from django.db import migrations, models

from khabar.wire.models import search_text


def fill_search_text(apps, schema_editor):
    """Items stored before the column existed get the same folded text ingest now writes."""
    WireItem = apps.get_model("wire", "WireItem")
    table = schema_editor.quote_name(WireItem._meta.db_table)
    rows = WireItem.objects.values_list("pk", "headline", "byline", "uri").order_by("pk")
    batch = []
    with schema_editor.connection.cursor() as cursor:
        for pk, headline, byline, uri in rows.iterator(chunk_size=2000):
            batch.append((search_text(headline, byline, uri), pk))
            if len(batch) == 2000:
                cursor.executemany(f"UPDATE {table} SET search_text = %s WHERE id = %s", batch)
                batch = []
        if batch:
            cursor.executemany(f"UPDATE {table} SET search_text = %s WHERE id = %s", batch)


class Migration(migrations.Migration):
    dependencies = [
        ("wire", "0003_band_covering_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="wireitem",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
    ]
