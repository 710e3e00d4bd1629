"""Replace Wagtail's default welcome page with Khabar's home page, as the site root."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("newsroom.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="newsroom")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="الرئيسية",
        draft_title="الرئيسية",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale_id=locale.pk if locale else None,
        live=True,
        first_published_at=None,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    Site.objects.create(
        hostname=base.hostname or "localhost",
        port=base.port or (443 if base.scheme == "https" else 80),
        root_page_id=home.pk,
        is_default_site=True,
        site_name=settings.WAGTAIL_SITE_NAME,
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("newsroom.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
