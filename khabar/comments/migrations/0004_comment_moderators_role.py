"""The comment moderators' role: «مشرفو التعليقات» moderate reader comments in the admin and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "مشرفو التعليقات"


def create_role(apps, schema_editor):
    for label in ("comments", "wagtailadmin"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["comments", "wagtailadmin"],
            codename__in=["moderate_readercomment", "access_admin"],
        )
    )


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MODERATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_spent_challenges"),
        ("wagtailadmin", "__latest__"),
        ("auth", "__latest__"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
