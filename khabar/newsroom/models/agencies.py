import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from khabar.arabic.normalize import normalize


def credit_key(credit: str) -> str:
    """Spellings of one Arabic credit fold together: «أ.ب», «أ ب», «ا.ب.» → «اب»."""
    return "".join(ch for ch in normalize(credit) if ch not in " .·-_/")


# What a copyright line adds around the holder's name: «© 2026 The Associated Press. All rights reserved.»
_NOISE = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b|\d{4}(?:\s*-\s*\d{2,4})?", re.I)
_LATIN = re.compile(r"[A-Za-z]")


def _latin_key(name: str) -> str:
    name = name.lower().replace("-", " ").replace("’", "'")
    name = re.sub(r"^(?:www\.)|^the\s+", "", name.strip())
    return " ".join(re.sub(r"[^a-z0-9&.' ]", " ", name).split()).strip(". ")


class AgencyQuerySet(models.QuerySet):
    def credited_in(self, *candidates: str):
        """The agency the first telling candidate names, or None.

        Each candidate is a credit as the wire writes it: a provider («AP», «nprov:REUTERS»), a
        copyright line («Copyright 2026 The Associated Press»), a dateline's credit («AFP»), a
        web address («https://www.reuters.com») or an Arabic credit («أ ف ب»). Candidates are tried
        in order; within one, the longest matching name wins.
        """
        agencies = list(self)
        for candidate in candidates:
            found = _match(candidate or "", agencies)
            if found is not None:
                return found
        return None


def _match(candidate: str, agencies):
    candidate = candidate.strip()
    if not candidate:
        return None
    if not _LATIN.search(candidate):
        key = credit_key(candidate)
        for agency in agencies:
            if key and key in {credit_key(agency.credit), credit_key(agency.arabic_name)}:
                return agency
        return None
    text = _latin_key(_NOISE.sub(" ", candidate.rsplit(":", 1)[-1] if "//" not in candidate else candidate))
    best, best_len = None, 0
    for agency in agencies:
        for name in agency.latin_names():
            if len(name) > best_len and re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", text):
                best, best_len = agency, len(name)
    return best


class Agency(index.Indexed, models.Model):
    """A news agency whose stories the newsroom publishes, credited in the dateline and the byline."""

    name = models.CharField(_("name"), max_length=120, unique=True, help_text=_("e.g. Associated Press"))
    arabic_name = models.CharField(
        _("Arabic name"),
        max_length=120,
        blank=True,
        help_text=_("The byline of its stories, e.g. «أسوشيتد برس»"),
    )
    credit = models.CharField(
        _("dateline code"), max_length=40, help_text=_("As printed in the dateline, e.g. «أ.ب» or «رويترز»")
    )
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Names and codes the wire uses for this agency, one a line (e.g. AP, The Associated Press): "
            "the desk credits a story to the agency its provider, copyright holder or dateline names."
        ),
    )
    website = models.URLField(_("website"), blank=True)

    objects = AgencyQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("arabic_name"),
        FieldPanel("credit"),
        FieldPanel("aliases"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("arabic_name"), index.SearchField("credit")]

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.credit})" if self.credit and self.credit != self.name else self.name

    @property
    def byline(self) -> str:
        """How a story of this agency is signed when no person of the desk signs it."""
        return self.arabic_name or self.credit or self.name

    def latin_names(self) -> list[str]:
        names = [self.name, *self.aliases.splitlines()]
        if self.website:
            host = re.sub(r"^https?://", "", self.website).split("/")[0]
            names.append(host)
        return [key for key in map(_latin_key, names) if key]
