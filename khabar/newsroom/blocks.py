"""StreamField blocks of an article body."""

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


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label=_("Paragraph"), icon="pilcrow")
    subheading = blocks.CharBlock(
        label=_("Subheading"), icon="title", template="newsroom/blocks/subheading.html"
    )
    quote = QuoteBlock()
    image = ImageBlock()
    # Rendered as a link card: an iframe would make the reader's browser call a third party.
    embed = EmbedBlock(label=_("Embed"), icon="media", template="newsroom/blocks/embed.html")
