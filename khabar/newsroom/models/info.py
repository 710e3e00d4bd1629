from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from ..blocks import ArticleBodyBlock
from .pages import CacheTaggedPage


class InfoPage(CacheTaggedPage):
    """A standing page of the site («من نحن»، «اتصل بنا»), outside the sections' news flow."""

    parent_page_types = ["newsroom.HomePage"]
    subpage_types = []
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
