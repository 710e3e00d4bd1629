"""The translator → editor workflow covers the articles the desk makes, not the whole site.

0003 assigned it to the home page, so every page inherited it, articles written in Arabic
included. From now on the desk assigns it to each article it creates
(``khabar.desk.models.workflow.assign_desk_workflow``); this moves the assignment for the
articles already made and takes it off the home pages.
"""

from django.db import migrations


def _desk_workflows(apps):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    CopyCheckedApprovalTask = apps.get_model("desk", "CopyCheckedApprovalTask")
    tasks = CopyCheckedApprovalTask.objects.values("pk")
    return Workflow.objects.filter(workflow_tasks__task__in=tasks).distinct().order_by("pk")


def to_desk_articles(apps, schema_editor):
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    HomePage = apps.get_model("newsroom", "HomePage")
    Translation = apps.get_model("desk", "Translation")
    workflows = list(_desk_workflows(apps))
    if not workflows:
        return
    homes = HomePage.objects.values("pk")
    WorkflowPage.objects.filter(workflow__in=workflows, page__in=homes).delete()
    for article_id in Translation.objects.values_list("article_id", flat=True):
        WorkflowPage.objects.get_or_create(page_id=article_id, defaults={"workflow": workflows[0]})


def to_home_pages(apps, schema_editor):
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    HomePage = apps.get_model("newsroom", "HomePage")
    Translation = apps.get_model("desk", "Translation")
    workflows = list(_desk_workflows(apps))
    if not workflows:
        return
    articles = Translation.objects.values("article_id")
    WorkflowPage.objects.filter(workflow__in=workflows, page__in=articles).delete()
    for home_id in HomePage.objects.values_list("pk", flat=True):
        WorkflowPage.objects.get_or_create(page_id=home_id, defaults={"workflow": workflows[0]})


class Migration(migrations.Migration):
    dependencies = [("desk", "0003_desk_workflow")]

    operations = [migrations.RunPython(to_desk_articles, to_home_pages)]
