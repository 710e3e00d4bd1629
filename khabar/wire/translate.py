"""«ترجمة»: an Arabic draft article made from a wire item, linked to it for the translation desk."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from khabar.newsroom.archive import archive_for
from khabar.newsroom.models import ArticlePage, SectionPage

from .models import ItemUse, Source, WireItem


class CannotUse(Exception):
    """The item may not become an article (killed, withheld, embargoed or reference only)."""


def check_usable(item: WireItem) -> None:
    status = item.status
    if status == WireItem.Status.EMBARGOED:
        raise CannotUse(
            _("This item is under embargo until %(time)s.") % {"time": timezone.localtime(item.embargoed)}
        )
    if status in (WireItem.Status.KILLED, WireItem.Status.WITHHELD):
        raise CannotUse(_("This item was killed or withheld by the agency and cannot be used."))
    if item.usage == Source.Usage.REFERENCE:
        raise CannotUse(_("The usage terms of this source allow reference only, not publication."))


@transaction.atomic
def start_translation(item: WireItem, section: SectionPage, user=None) -> ArticlePage:
    """Create an unpublished Arabic article in ``section``'s current month, linked to ``item``."""
    item = WireItem.objects.select_for_update().get(pk=item.pk)
    check_usable(item)
    now = timezone.now()
    article = ArticlePage(
        title=item.headline[:255],
        slug=f"wire-{item.pk}-{slugify(item.uri, allow_unicode=False)[-40:] or 'story'}-{now:%H%M%S}",
        live=False,
        owner=user,
        agency=item.agency,
        dateline_city=item.located[:80] if item.language.startswith("ar") else "",
        source_url=item.link,
        source_title=item.headline[:300],
        section=section,
    )
    archive_for(section, now).add_child(instance=article)
    article.save_revision(user=user, log_action=True)
    ItemUse.objects.create(item=item, article=article, created_by=user)
    return article
