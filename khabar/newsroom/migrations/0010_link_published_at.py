"""Stories' published_at on their byline and topic rows, so author and topic listings are index ranges.

The copy is filled from the article table before the indexes are built.
"""

from django.db import migrations, models

FILL = [
    "UPDATE newsroom_articleauthor SET published_at = (SELECT a.published_at FROM newsroom_articlepage a"
    " WHERE a.page_ptr_id = newsroom_articleauthor.article_id)",
    "UPDATE newsroom_articletag SET published_at = (SELECT a.published_at FROM newsroom_articlepage a"
    " WHERE a.page_ptr_id = newsroom_articletag.content_object_id)",
]


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0009_seed_agencies'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
    ]

    operations = [
        migrations.AddField(
            model_name='articleauthor',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='articletag',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name='articleauthor',
            index=models.Index(fields=['author', '-published_at', '-article'], name='articleauthor_published_idx'),
        ),
        migrations.AddIndex(
            model_name='articletag',
            index=models.Index(fields=['tag', '-published_at', '-content_object'], name='articletag_tag_published_idx'),
        ),
    ]
