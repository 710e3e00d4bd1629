"""The administrators' role: «مديرو الموقع» may do everything in the admin (users, groups, settings, every
page, image and document), without being superusers. Translators and editors come from the desk's
migration, comment moderators from the comments app's."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATORS = "مديرو الموقع"
PAGE_PERMISSIONS = ["add_page", "change_page", "bulk_delete_page", "lock_page", "publish_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}


def create_role(apps, schema_editor):
    # Permissions are normally created after all migrations; the role needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    group.permissions.add(
        *Permission.objects.exclude(content_type__app_label="wagtailcore", codename__endswith="_page")
    )
    for root in Page.objects.filter(depth=1):
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
        ):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    for root in Collection.objects.filter(depth=1):
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for permission in Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=permission
                )


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ADMINISTRATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0005_infopage_and_import_blocks"),
        ("comments", "0004_comment_moderators_role"),
        ("desk", "0005_starter_glossary"),
        ("wire", "0005_item_pictures"),
        ("wagtailcore", "__latest__"),
        ("wagtailimages", "__latest__"),
        ("wagtaildocs", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("auth", "__latest__"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
