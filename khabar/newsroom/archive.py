"""Filing articles into their section's year and month archive pages."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import ArticlePage, MonthArchivePage, SectionPage, YearArchivePage


def _child(parent, model, slug, title):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(title=title, slug=slug))
    return page


def archive_for(section: SectionPage, when: datetime) -> MonthArchivePage:
    """The month archive of ``section`` that holds stories of ``when``, created when missing."""
    when = timezone.localtime(when) if timezone.is_aware(when) else when
    year = _child(section, YearArchivePage, str(when.year), str(when.year))
    return _child(year, MonthArchivePage, f"{when.month:02d}", f"{when.month:02d}/{when.year}")


@transaction.atomic
def file_article(article: ArticlePage) -> ArticlePage:
    """Move an article created directly under its section into the matching month archive."""
    parent = article.get_parent().specific
    if not isinstance(parent, SectionPage):
        return article
    when = article.first_published_at or article.go_live_at or timezone.now()
    article.move(archive_for(parent, when), pos="last-child")
    return ArticlePage.objects.get(pk=article.pk)
