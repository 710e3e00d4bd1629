"""A fresh install's glossary: CLDR places, languages and currencies, every capital, the agencies.

See ``khabar.desk.starter``. Skipped when ``KHABAR_STARTER_GLOSSARY`` is off (the test suite);
loading adds only terms the glossary lacks, so running it on a newsroom's glossary changes none.
"""

from django.conf import settings
from django.db import migrations


def load(apps, schema_editor):
    if not settings.KHABAR_STARTER_GLOSSARY:
        return
    from khabar.desk.starter import agencies_of, load_starter_glossary

    agencies = agencies_of(apps.get_model("newsroom", "Agency"))
    load_starter_glossary(apps.get_model("desk", "GlossaryTerm"), agencies)


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0004_desk_workflow_on_desk_articles"),
        ("newsroom", "0003_article_published_at"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
