"""Newer versions of a wire item under a translation: the English diff, and alerting the desk."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from khabar.wire.models import WireItemVersion
from khabar.wire.versions import diff

from .models import Translation

logger = logging.getLogger(__name__)


def source_changes(translation: Translation) -> str:
    """The English diff between the version that was translated and the item as it is now."""
    item = translation.item
    if not translation.source_version or translation.source_version == item.version:
        return ""
    old = WireItemVersion.objects.filter(item=item, version=translation.source_version).first()
    if old is None:
        return ""
    return diff(old.headline, old.body_html, item.headline, item.body_html)


def people_to_alert(translation: Translation):
    """Whoever worked on the article: its owner, the desk's translators and the revision authors."""
    article = translation.article
    ids = {article.owner_id, translation.created_by_id}
    ids |= set(translation.segments.values_list("updated_by_id", flat=True))
    ids |= set(article.revisions.values_list("user_id", flat=True))
    ids.discard(None)
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True))


def alert_changed_sources() -> int:
    """Alert the desk about every translation whose wire item has a version not alerted yet."""
    stale = Translation.objects.exclude(alerted_version=F("item__version")).select_related("item", "article")
    count = 0
    for translation in stale:
        changes = source_changes(translation)
        people = people_to_alert(translation)
        subject = _("[Khabar] The wire story changed: %(title)s") % {"title": translation.article.title}
        link = reverse("desk_editor", args=[translation.pk])
        body = _("A newer version (%(version)s) of «%(headline)s» arrived. Desk: %(link)s") % {
            "version": translation.item.version,
            "headline": translation.item.headline,
            "link": link,
        }
        body += "\n\n" + changes
        recipients = sorted({u.email for u in people if u.email})
        if recipients:
            send_mail(subject, body, None, recipients, fail_silently=True)
        logger.warning("wire item %s changed under translation %s", translation.item.uri, translation.pk)
        Translation.objects.filter(pk=translation.pk).update(alerted_version=translation.item.version)
        count += 1
    return count
