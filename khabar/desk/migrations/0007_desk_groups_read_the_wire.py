"""Translators and editors read the wire: the inbox is where their day starts.

The desk's groups (0003) could open the desk but not «Wire desk → Inbox», so a translator's «ترجمة» from
the inbox was a 403. Translators get the inbox; editors also the sources' health and the wire log.
"""

from django.db import migrations

READERS = {
    "المترجمون": [("wireitem", "view")],
    "المحررون": [("wireitem", "view"), ("source", "view"), ("wirelog", "view")],
}


def _permissions(apps, pairs):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, action in pairs:
        content_type, _ = ContentType.objects.get_or_create(app_label="wire", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
        )
        yield permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, pairs in READERS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*_permissions(apps, pairs))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, pairs in READERS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, pairs))


class Migration(migrations.Migration):
    dependencies = [("desk", "0006_segment_standfirst"), ("wire", "0001_initial")]

    operations = [migrations.RunPython(grant, revoke)]
