"""The wire desk's records: where stories come from, what arrived verbatim, and the items made of it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from khabar.arabic.normalize import normalize

from .status import PubStatus


def search_text(headline: str, byline: str, uri: str) -> str:
    """What the inbox search looks in: headline, byline and URI, Arabic spellings folded
    («أحمد», «إحمد» and «احمد» are one word), Latin lower-cased."""
    return normalize(f"{headline} {byline} {uri}")


class Source(models.Model):
    """A feed, agency API or drop folder the desk takes stories from."""

    class Kind(models.TextChoices):
        RSS = "rss", _("RSS or Atom feed")
        NINJS = "ninjs", _("IPTC ninjs (HTTP)")
        NEWSML_G2 = "newsml_g2", _("IPTC NewsML-G2 (HTTP)")
        AP_MEDIA = "ap_media", _("AP Media API feed")
        FOLDER = "folder", _("Local drop folder")

    class Usage(models.TextChoices):
        TRANSLATE = "translate", _("May be translated and published with credit")
        REFERENCE = "reference", _("Reference only: not for publication")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.RSS)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    folder = models.CharField(
        _("folder"), max_length=500, blank=True, help_text=_("For drop folders: a local path")
    )
    credentials = models.CharField(
        _("credentials"),
        max_length=500,
        blank=True,
        help_text=_(
            "An API key (sent as x-api-key for AP) or user:password for HTTP basic auth. Never shown back."
        ),
    )
    poll_interval = models.PositiveIntegerField(_("poll interval (seconds)"), default=300)
    language = models.CharField(_("language"), max_length=16, blank=True, default="en")
    agency = models.ForeignKey(
        "newsroom.Agency", verbose_name=_("agency"), null=True, blank=True, on_delete=models.SET_NULL
    )
    usage = models.CharField(_("usage"), max_length=16, choices=Usage.choices, default=Usage.TRANSLATE)
    usage_terms = models.TextField(_("usage terms"), blank=True)
    enabled = models.BooleanField(_("polling enabled"), default=True)

    # Health, written by the poller.
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True, db_index=True)
    last_polled_at = models.DateTimeField(_("last poll"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    consecutive_failures = models.PositiveIntegerField(_("consecutive failures"), default=0)
    cursor_url = models.URLField(max_length=2000, blank=True, editable=False, help_text="AP next_page")
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = _("wire source")
        verbose_name_plural = _("wire sources")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def items_last_day(self) -> int:
        return self.items.filter(received_at__gte=timezone.now() - timezone.timedelta(days=1)).count()

    items_last_day.short_description = _("items in the last day")


class Payload(models.Model):
    """Exactly what a source sent (or a file held), stored before any parsing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("not parsed yet")
        PARSED = "parsed", _("parsed")
        PARTIAL = "partial", _("parsed, some items rejected")
        FAILED = "failed", _("could not be parsed")

    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="payloads"
    )
    origin = models.CharField(_("origin"), max_length=1000, blank=True, help_text=_("URL or file path"))
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    data = models.BinaryField(_("data"))
    size = models.PositiveIntegerField(_("size"), default=0)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    format = models.CharField(_("format"), max_length=16, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("payload")
        verbose_name_plural = _("payloads")

    def __str__(self):
        return f"{self.origin or self.pk} ({self.received_at:%Y-%m-%d %H:%M})"


class WireItemQuerySet(models.QuerySet):
    def usable(self):
        """Items the agency lets run now: neither killed nor withheld, and past any embargo (``WireItem.usable``)."""
        return self.filter(pubstatus=PubStatus.USABLE).exclude(embargoed__gt=timezone.now())

    def embargoed(self):
        """Usable items still under embargo."""
        return self.filter(pubstatus=PubStatus.USABLE, embargoed__gt=timezone.now())


class WireItem(models.Model):
    """One agency story, normalised whatever format it came in."""

    class Status(models.TextChoices):
        USABLE = "usable", _("usable")
        KILLED = "killed", _("killed")
        EMBARGOED = "embargoed", _("embargoed")
        WITHHELD = "withheld", _("withheld")

    uri = models.CharField(_("URI"), max_length=500, unique=True)
    version = models.CharField(_("version"), max_length=64)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    payload = models.ForeignKey(
        Payload, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    agency = models.ForeignKey(
        "newsroom.Agency", verbose_name=_("agency"), null=True, blank=True, on_delete=models.SET_NULL
    )
    provider = models.CharField(_("provider"), max_length=255, blank=True)
    copyright_holder = models.CharField(_("copyright holder"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True, db_index=True)
    headline = models.CharField(_("headline"), max_length=500)
    byline = models.CharField(_("byline"), max_length=255, blank=True)
    dateline = models.CharField(_("dateline"), max_length=255, blank=True)
    located = models.CharField(_("located"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body_html = models.TextField(_("body"), blank=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    urgency = models.PositiveSmallIntegerField(_("urgency"), null=True, blank=True)
    pubstatus = models.CharField(
        _("pubstatus"), max_length=10, choices=PubStatus.choices, default=PubStatus.USABLE
    )
    embargoed = models.DateTimeField(_("embargoed until"), null=True, blank=True)
    first_created = models.DateTimeField(_("first created"), null=True, blank=True)
    version_created = models.DateTimeField(_("version created"), null=True, blank=True)
    link = models.URLField(_("link to the original"), max_length=500, blank=True)
    usage = models.CharField(
        _("usage"), max_length=16, choices=Source.Usage.choices, default=Source.Usage.TRANSLATE
    )
    usage_terms = models.TextField(_("usage terms"), blank=True)
    # Pictures sent with the story, as parsed (href, caption, credit, usage_terms, mime_type, width, height,
    # uri): fetched only when the desk makes one an article's lead image (khabar.wire.pictures).
    pictures = models.JSONField(_("pictures"), default=list, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    killed_at = models.DateTimeField(_("killed"), null=True, blank=True)
    # Near-duplicates share a cluster id (the pk of the first story of the group).
    cluster_id = models.BigIntegerField(null=True, blank=True, db_index=True, editable=False)
    signature = models.BinaryField(null=True, editable=False)
    # ``search_text`` of the current version; ingest fills it in bulk, ``save`` for single items.
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = WireItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("wire item")
        verbose_name_plural = _("wire items")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["source", "-received_at"], name="wireitem_source_recv_idx")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.search_text = search_text(self.headline, self.byline, self.uri)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"headline", "byline", "uri"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def status(self) -> str:
        if self.pubstatus == PubStatus.CANCELED:
            return self.Status.KILLED
        if self.pubstatus == PubStatus.WITHHELD:
            return self.Status.WITHHELD
        if self.embargoed and self.embargoed > timezone.now():
            return self.Status.EMBARGOED
        return self.Status.USABLE

    def get_status_display(self):
        return self.Status(self.status).label

    @property
    def usable(self) -> bool:
        return self.status == self.Status.USABLE

    def also_from(self):
        """The other stories of this item's near-duplicate group, with their sources."""
        if self.cluster_id is None:
            return WireItem.objects.none()
        return (
            WireItem.objects.filter(cluster_id=self.cluster_id)
            .exclude(pk=self.pk)
            .select_related("source", "agency")
        )


class WireItemVersion(models.Model):
    """A superseded version of an item, with the diff to the version that replaced it."""

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=64)
    headline = models.CharField(_("headline"), max_length=500)
    body_html = models.TextField(_("body"), blank=True)
    pubstatus = models.CharField(
        _("pubstatus"), max_length=10, choices=PubStatus.choices, default=PubStatus.USABLE
    )
    version_created = models.DateTimeField(_("version created"), null=True, blank=True)
    payload = models.ForeignKey(Payload, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    stored_at = models.DateTimeField(default=timezone.now)
    diff = models.TextField(_("changes in the next version"), blank=True)

    class Meta:
        verbose_name = _("wire item version")
        ordering = ["item", "-stored_at"]
        constraints = [models.UniqueConstraint(fields=["item", "version"], name="wire_version_once")]

    def __str__(self):
        return f"{self.item_id} v{self.version}"


class WireBand(models.Model):
    """One LSH band hash of an item's MinHash signature (a persistent, shared LSH index)."""

    key = models.BigIntegerField()
    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        # One covering index: a lookup by key reads item ids from the index alone, and
        # each inserted band maintains one index instead of two.
        indexes = [models.Index(fields=["key", "item"], name="wireband_key_item_idx")]

    def __str__(self):
        return f"{self.key} → {self.item_id}"


class WireLog(models.Model):
    """Errors and notices on a source, a payload or one item, for editors to see."""

    class Level(models.TextChoices):
        INFO = "info", _("info")
        WARNING = "warning", _("warning")
        ERROR = "error", _("error")

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    level = models.CharField(max_length=8, choices=Level.choices, default=Level.ERROR)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.CASCADE, related_name="log")
    payload = models.ForeignKey(Payload, null=True, blank=True, on_delete=models.SET_NULL, related_name="log")
    item_ref = models.CharField(_("item"), max_length=500, blank=True)
    message = models.TextField(_("message"))

    class Meta:
        verbose_name = _("wire log entry")
        verbose_name_plural = _("wire log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.message[:80]


class ItemUse(models.Model):
    """An Arabic article made from a wire item (the translation desk builds on this link)."""

    item = models.ForeignKey(WireItem, on_delete=models.PROTECT, related_name="uses")
    article = models.OneToOneField("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="wire_use")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    flagged_at = models.DateTimeField(_("source killed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("wire item use")
        verbose_name_plural = _("wire item uses")

    def __str__(self):
        return f"{self.item} → {self.article}"
