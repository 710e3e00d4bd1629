"""Which stories may be passed on to partners, and with what rights statement.

The rule:

- **Staff copy** (no agency credited and no wire item behind it) is syndicated, under the house's terms
  (``KHABAR_SYNDICATION_USAGE_TERMS``).
- **Agency copy** (an agency credited, or made from a wire item) is refused unless both say yes:
  the agency's licence (:class:`~khabar.syndication.models.AgencyLicence`, managed by the editors) allows
  redistribution, and, when the story came from a wire item, that item may be published
  (usage «translate», not «reference only»), is not withheld or killed, and the desk has not been told
  its source was killed. Without a licence, agency copy is refused: default deny.
- The terms sent with agency copy are the wire item's own usage terms, else the licence's.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from khabar.wire.models import Source
from khabar.wire.status import PubStatus


def syndicable():
    """The condition (a ``Q``) on ArticlePage rows that may be passed on."""
    staff = Q(agency__isnull=True, wire_use__isnull=True)
    licensed = Q(agency__syndication_licence__redistribute=True) | Q(
        agency__isnull=True, wire_use__item__agency__syndication_licence__redistribute=True
    )
    wire_allows = Q(wire_use__isnull=True) | Q(
        wire_use__item__usage=Source.Usage.TRANSLATE,
        wire_use__item__pubstatus=PubStatus.USABLE,
        wire_use__flagged_at__isnull=True,
    )
    return staff | (licensed & wire_allows)


@dataclass(frozen=True)
class Rights:
    copyright_holder: str
    copyright_notice: str
    usage_terms: str


def rights_of(article, publisher: str) -> Rights:
    """The rights statement of a story already known to be syndicable (``related`` loaded by the query)."""
    use = getattr(article, "wire_use", None)  # a missing reverse one-to-one raises AttributeError
    item = use.item if use is not None else None
    agency = article.agency if article.agency_id else (item.agency if item is not None else None)
    if agency is None:
        year = article.first_published_at.year if article.first_published_at else ""
        return Rights(publisher, f"© {year} {publisher}".strip(), settings.KHABAR_SYNDICATION_USAGE_TERMS)
    licence = getattr(agency, "syndication_licence", None)
    holder = (item.copyright_holder if item is not None else "") or agency.name
    terms = (item.usage_terms if item is not None else "") or (licence.usage_terms if licence else "")
    return Rights(holder, f"© {holder}", terms or settings.KHABAR_SYNDICATION_USAGE_TERMS)
