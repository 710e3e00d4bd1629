"""Keep the anonymous page cache honest: whatever a page shows, its change invalidates it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished

from khabar.core.pagecache import invalidate

from . import breaking
from .models import Agency, ArticlePage, Author, NewsroomSettings, SectionPage


def _page_tags(page):
    tags = [f"page:{page.pk}", "listing"]
    specific = page.specific
    if isinstance(specific, ArticlePage):
        tags += [
            f"section:{specific.section_id}",
            *(f"author:{link.author_id}" for link in specific.article_authors.all()),
        ]
        tags += [f"topic:{tag.pk}" for tag in specific.tags.all()]
    else:
        # Sections and the home page appear in every page's masthead ("settings" tags every page).
        tags += [f"section:{page.pk}", "settings"]
    return tags


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    invalidate(*_page_tags(instance))
    if isinstance(instance.specific, ArticlePage):
        breaking.story_changed(instance.specific)


@receiver(post_delete, sender=ArticlePage)
def article_deleted(sender, instance, **kwargs):
    invalidate(f"page:{instance.pk}", "listing", f"section:{instance.section_id}")


@receiver(post_delete, sender=SectionPage)
def section_deleted(sender, instance, **kwargs):
    # Deleting a page sends no page_unpublished; the masthead of every page lists the sections.
    invalidate(f"page:{instance.pk}", f"section:{instance.pk}", "listing", "settings")


@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
def author_changed(sender, instance, **kwargs):
    invalidate(f"author:{instance.pk}", "authors")  # "authors": the lists of /api/v1/


@receiver(post_save, sender=Agency)
@receiver(post_delete, sender=Agency)
def agency_changed(sender, instance, **kwargs):
    invalidate(f"agency:{instance.pk}", "agencies")


@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
def topic_changed(sender, instance, **kwargs):
    invalidate(f"topic:{instance.pk}", "topics")


@receiver(post_save, sender=NewsroomSettings)
def settings_changed(sender, instance, created=False, **kwargs):
    # The row is created, with its defaults, by the first page that reads it: nothing shown changes.
    if not created:
        invalidate("settings", "listing")


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_changed(sender, instance, **kwargs):
    # Every page shows its site's address (canonical links); the site is kept under "settings".
    invalidate("settings", "listing")


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    # Every page that lists, links or counts a story under the restricted page goes stale.
    path = instance.page.path
    articles = ArticlePage.objects.filter(path__startswith=path).values_list("pk", "section_id")
    invalidate(
        f"page:{instance.page_id}",
        "listing",
        "settings",
        *{tag for pk, section in articles for tag in (f"page:{pk}", f"section:{section}")},
    )
