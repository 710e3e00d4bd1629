"""StreamField blocks of an article body."""

import nh3
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "newsroom/blocks/quote.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    credit = blocks.CharBlock(label=_("credit"), required=False, help_text=_("e.g. «أ.ب»"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "newsroom/blocks/image.html"


# What an imported fragment that has no block of its own (a table, a form's shortcode) may keep.
HTML_TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "div",
    "span",
    "figure",
    "figcaption",
    "h2",
    "h3",
    "h4",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "code",
    "pre",
}


def sanitise_html(markup):
    """Markup without scripts, styles, event handlers or non-web links (nh3, an allow-list sanitiser)."""
    return nh3.clean(
        markup or "",
        tags=HTML_TAGS,
        attributes={"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


class SanitisedHTMLBlock(blocks.RawHTMLBlock):
    """HTML kept from an import, cleaned when stored and again when shown."""

    def get_prep_value(self, value):
        return sanitise_html(super().get_prep_value(value))

    def render_basic(self, value, context=None):
        return mark_safe(f'<div class="kept-html">{sanitise_html(value)}</div>')

    class Meta:
        icon = "code"
        label = _("HTML")


class GalleryImageBlock(ImageBlock):
    class Meta:
        icon = "image"
        label = _("Image")
        template = None


class GalleryBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(GalleryImageBlock(), **kwargs)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "newsroom/blocks/gallery.html"


class ItemListBlock(blocks.StructBlock):
    ordered = blocks.BooleanBlock(label=_("numbered"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("items"))

    class Meta:
        icon = "list-ul"
        label = _("List")
        template = "newsroom/blocks/list.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Paragraph"), icon="pilcrow")
    subheading = blocks.CharBlock(
        label=_("Subheading"), icon="title", template="newsroom/blocks/subheading.html"
    )
    quote = QuoteBlock()
    image = ImageBlock()
    # Rendered as a link card: an iframe would make the reader's browser call a third party.
    embed = EmbedBlock(label=_("Embed"), icon="media", template="newsroom/blocks/embed.html")
    gallery = GalleryBlock()
    list = ItemListBlock()
    html = SanitisedHTMLBlock()
