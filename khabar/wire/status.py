"""The agency's word on whether a story may run (IPTC pubStatus), as stored on a wire item."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PubStatus(models.TextChoices):
    USABLE = "usable", _("usable")
    CANCELED = "canceled", _("killed")
    WITHHELD = "withheld", _("withheld")


# The statuses that take a story off the wire: a kill, or a hold the agency may lift later.
KILLED = (PubStatus.CANCELED, PubStatus.WITHHELD)
