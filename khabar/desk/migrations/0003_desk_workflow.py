"""The desk's moderation workflow: translator → editor, and the groups that do each step.

«المترجمون» (translators) edit and submit drafts and review translations; «المحررون» (editors)
approve and publish. The workflow is assigned to the home page, so every section inherits it.
"""

from django.db import migrations

TRANSLATORS = "المترجمون"
EDITORS = "المحررون"
WORKFLOW = "مكتب الترجمة: مترجم ← محرر"

DESK_PERMISSIONS = {
    TRANSLATORS: [
        ("translation", ["add", "change", "view"]),
        ("segment", ["add", "change", "view"]),
        ("glossaryterm", ["view"]),
        ("memorysegment", ["add", "view"]),
    ],
    EDITORS: [
        ("translation", ["add", "change", "view"]),
        ("segment", ["add", "change", "view"]),
        ("glossaryterm", ["add", "change", "delete", "view"]),
        ("memorysegment", ["add", "change", "delete", "view"]),
        ("publishoverride", ["view"]),
    ],
}
PAGE_PERMISSIONS = {TRANSLATORS: ["add_page", "change_page"], EDITORS: ["add_page", "change_page", "publish_page"]}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    CopyCheckedApprovalTask = apps.get_model("desk", "CopyCheckedApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("newsroom", "HomePage")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (TRANSLATORS, EDITORS)}
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    for name, group in groups.items():
        group.permissions.add(access_admin)
        for model, actions in DESK_PERMISSIONS[name]:
            group.permissions.add(*(_permission(apps, "desk", model, f"{a}_{model}") for a in actions))
    homes = list(HomePage.objects.all())
    for home in homes:
        for name, codenames in PAGE_PERMISSIONS.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page_id=home.pk, permission=_permission(apps, "wagtailcore", "page", codename)
                )

    task_type = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0]
    review = GroupApprovalTask.objects.create(name="مراجعة الترجمة", content_type=task_type, active=True)
    review.groups.add(groups[TRANSLATORS])
    check_type = ContentType.objects.get_or_create(app_label="desk", model="copycheckedapprovaltask")[0]
    approve = CopyCheckedApprovalTask.objects.create(name="موافقة المحرر ونشر", content_type=check_type, active=True)
    approve.groups.add(groups[EDITORS])
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task_id=review.pk, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task_id=approve.pk, sort_order=1)
    for home in homes:
        WorkflowPage.objects.get_or_create(page_id=home.pk, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Group = apps.get_model("auth", "Group")
    Workflow.objects.filter(name=WORKFLOW).delete()
    Group.objects.filter(name__in=[TRANSLATORS, EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0002_translations"),
        ("newsroom", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
