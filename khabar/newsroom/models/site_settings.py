from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from khabar.core.pagecache import kept, shared_tag

from ..sites import site_for_request

# Every page reads the masthead's settings and sections, kept under this tag.
shared_tag("settings")


@register_setting(icon="site")
class NewsroomSettings(BaseSiteSetting):
    """How the public site presents dates, numbers and the house byline."""

    DIGITS = [("western", _("Western digits (0123)")), ("arabic-indic", _("Arabic-Indic digits (٠١٢٣)"))]

    publication_name = models.CharField(
        _("publication name"),
        max_length=120,
        default="خبر",
        help_text=_("Shown as the byline of stories no person signed, and as the publisher in feeds."),
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True, default="أخبار العالم بالعربية")
    credit_translators = models.BooleanField(
        _("credit the translator"),
        default=False,
        help_text=_("Print «ترجمة: …» with the translator's name under the byline of translated stories."),
    )
    digits = models.CharField(_("digits"), max_length=20, choices=DIGITS, default="western")
    show_hijri = models.BooleanField(_("show the Hijri date"), default=False)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("newsroom settings")

    @classmethod
    def for_request(cls, request):
        # Every page reads these settings: they are kept in the cache until they change (the
        # "settings" tag, whose version the page cache has usually read already), not queried each view.
        attr = cls.get_cache_attr_name()
        if not hasattr(request, attr):
            site = site_for_request(request)
            found = kept(
                f"newsroom-settings:{site.pk if site else ''}",
                lambda: (cls.for_site(site), ["settings"]),
                request,
            )
            found._request = request
            setattr(request, attr, found)
        return getattr(request, attr)
