"""Who may take Khabar's stories (partners with a token) and which agencies' copy may be passed on."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "khb_"


def hash_token(token: str) -> str:
    """What is stored of a token: its SHA-256 (a token carries 256 random bits, so a fast hash suffices)."""
    return hashlib.sha256(token.encode()).hexdigest()


class Partner(models.Model):
    """A newsroom or app that polls the syndication feeds with its own bearer token."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField(
        _("token starts with"),
        max_length=12,
        editable=False,
        help_text=_("The token itself is never stored."),
    )
    sections = models.ManyToManyField(
        "newsroom.SectionPage",
        verbose_name=_("sections"),
        blank=True,
        related_name="+",
        help_text=_("The sections whose stories this partner receives; none chosen: every section."),
    )
    rate_limit = models.PositiveIntegerField(
        _("requests per minute"),
        null=True,
        blank=True,
        help_text=_("Empty: the site's default (KHABAR_SYNDICATION_RATE_LIMIT)."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("syndication partner")
        verbose_name_plural = _("syndication partners")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def new_token(self) -> str:
        """Give the partner a new token and return it: the only time it can be read (save afterwards)."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.token_hint = token[:8]
        return token

    @cached_property
    def section_ids(self) -> list[int]:
        """The chosen sections' ids; empty means every section."""
        return [section.pk for section in self.sections.all()]

    @property
    def requests_per_minute(self) -> int:
        return self.rate_limit or settings.KHABAR_SYNDICATION_RATE_LIMIT


class AgencyLicence(models.Model):
    """Whether the newsroom's contract with an agency lets it pass that agency's copy on to partners.

    Agency copy is never syndicated without one that says so (see ``khabar.syndication.rights``).
    """

    agency = models.OneToOneField(
        "newsroom.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="syndication_licence",
    )
    redistribute = models.BooleanField(
        _("may be passed on to partners"),
        default=False,
        help_text=_("Only when the contract with the agency allows redistribution."),
    )
    usage_terms = models.TextField(
        _("usage terms"),
        blank=True,
        help_text=_(
            "Sent to partners with the agency's stories when the wire item states no terms of its own."
        ),
    )

    class Meta:
        verbose_name = _("agency licence")
        verbose_name_plural = _("agency licences")
        ordering = ["agency__name"]

    def __str__(self):
        return str(self.agency)
