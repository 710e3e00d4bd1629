"""What a kill does to the Arabic articles made from the killed item.

Every linked article is flagged; with KHABAR_WIRE_TAKEDOWN_ON_KILL (on by
default) a live one is unpublished. Its editors (the page owner and whoever
saved its latest revision) are alerted by e-mail when they have an address,
and always through the wire log and the application log.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .models import ItemUse, WireLog

logger = logging.getLogger(__name__)


def takedown_on_kill() -> bool:
    return settings.KHABAR_WIRE_TAKEDOWN_ON_KILL


def handle_kills(items) -> list[ItemUse]:
    uses = list(ItemUse.objects.filter(item__in=[i.pk for i in items]).select_related("article", "item"))
    now = timezone.now()
    for use in uses:
        use.flagged_at = now
        use.save(update_fields=["flagged_at"])
        article = use.article
        taken_down = takedown_on_kill() and article.live
        if taken_down:
            article.unpublish(log_action=True)
        message = (
            f"Wire item {use.item.uri} was {use.item.pubstatus}; article «{article.title}» (page {article.pk}) "
            + ("was unpublished." if taken_down else "is flagged for review.")
        )
        logger.warning(message)
        WireLog.objects.create(source=use.item.source, item_ref=use.item.uri, message=message)
        editors = {article.owner, getattr(article.latest_revision, "user", None)}
        recipients = sorted({u.email for u in editors if u is not None and u.email})
        if recipients:
            send_mail(f"[Khabar] Wire kill: {article.title}", message, None, recipients, fail_silently=True)
    return uses
