"""A WordPress post's HTML (Gutenberg blocks or the classic editor) as article body blocks.

Gutenberg stores each block as HTML between ``<!-- wp:name -->`` comments; the classic
editor stores loose HTML whose paragraphs are blank lines (WordPress adds the ``<p>``
tags when it renders, «wpautop»), with shortcodes such as ``[caption]``, ``[gallery]``
and ``[embed]``. Both are brought to one HTML tree and walked once: paragraphs,
headings, images, galleries, quotes, lists and embeds become the newsroom's blocks;
anything else is kept as sanitised HTML and reported, never dropped silently.

Images are resolved by the caller (``ImageResolver``): by the attachment id WordPress
writes into ``wp-image-N`` classes and ``[gallery ids=…]``, else by the file's address.
"""

import re
import uuid
from dataclasses import dataclass, field
from html import escape
from typing import Protocol
from urllib.parse import urlsplit

import nh3
from lxml import html as lxml_html

from khabar.newsroom.blocks import sanitise_html

# Rich text of a paragraph as Wagtail stores it: bold, italic, links.
_INLINE_TAGS = {"b", "i", "a", "br"}
_INLINE_RENAMES = {"strong": "b", "em": "i"}
_BLOCK_TAGS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "figure",
    "div",
    "table",
    "pre",
    "hr",
    "iframe",
    "script",
    "style",
    "form",
    "img",
    "dl",
    "section",
    "aside",
    "video",
    "audio",
)
_SHORTCODE = re.compile(r"\[(/?)([a-zA-Z][\w-]*)([^\]]*)\]")
_ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*\'([^\']*)\'|([\w-]+)\s*=\s*(\S+)')
_WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
_GUTENBERG = re.compile(r"^\s*(/?)wp:([\w/-]+)")
_CREDIT = re.compile(r"\s*[(（]\s*(?:تصوير|الصورة|صورة|photo|credit)\s*[:：]\s*([^)）]+)[)）]\s*$", re.I)
EMBED_HOSTS = (
    "youtube.com",
    "youtu.be",
    "x.com",
    "twitter.com",
    "vimeo.com",
    "instagram.com",
    "facebook.com",
    "soundcloud.com",
    "tiktok.com",
)


class ImageResolver(Protocol):
    def by_id(self, wp_id: int): ...

    def by_url(self, url: str): ...


@dataclass
class Picture:
    """A resolved picture: the Wagtail image and the words WordPress kept with it."""

    image: object
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass
class Body:
    blocks: list[dict] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # what was kept as HTML, for the report
    missing_images: list[str] = field(default_factory=list)

    def add(self, kind, value):
        self.blocks.append({"type": kind, "value": value, "id": str(uuid.uuid4())})


def split_credit(caption: str) -> tuple[str, str]:
    """«متسوقون في السوق. (تصوير: أ.ب)» → («متسوقون في السوق.», «أ.ب»)."""
    match = _CREDIT.search(caption or "")
    if not match:
        return (caption or "").strip(), ""
    return caption[: match.start()].strip(), match.group(1).strip()


def shortcode_attributes(raw: str) -> dict[str, str]:
    attributes = {}
    for match in _ATTRIBUTE.finditer(raw):
        name = match.group(1) or match.group(3) or match.group(5)
        attributes[name.lower()] = match.group(2) or match.group(4) or match.group(6) or ""
    return attributes


def expand_shortcodes(content: str, unknown: list[str]) -> str:
    """[caption], [gallery] and [embed] as the HTML Gutenberg would write; others reported and kept visible."""

    def caption(match):
        inner = match.group(1)
        image = re.search(r"<img[^>]*>", inner)
        text = re.sub(r"<img[^>]*>|<a[^>]*>|</a>", "", inner).strip()
        return f"\n\n<figure>{image.group(0) if image else ''}<figcaption>{text}</figcaption></figure>\n\n"

    content = re.sub(r"\[caption[^\]]*\](.*?)\[/caption\]", caption, content, flags=re.S)
    content = re.sub(
        r"\[embed[^\]]*\](.*?)\[/embed\]",
        lambda m: f'\n\n<figure class="wp-block-embed"><div>{escape(m.group(1).strip())}</div></figure>\n\n',
        content,
        flags=re.S,
    )

    def other(match):
        closing, name, raw = match.groups()
        if name == "gallery" and not closing:
            ids = shortcode_attributes(raw).get("ids", "")
            return f'\n\n<figure class="wp-block-gallery" data-ids="{escape(ids)}"></figure>\n\n'
        unknown.append(f"[{name}]")
        return f'\n\n<div class="wp-shortcode">{escape(match.group(0))}</div>\n\n'

    return _SHORTCODE.sub(other, content)


def autop(content: str) -> str:
    """Blank-line paragraphs of classic-editor text wrapped in <p>, as WordPress's wpautop does."""
    chunks = re.split(r"\n\s*\n", content)
    out = []
    for chunk in chunks:
        stripped = chunk.strip()
        if not stripped:
            continue
        if stripped.startswith("<!--") or re.match(rf"<(?:{'|'.join(_BLOCK_TAGS)})\b", stripped, re.I):
            out.append(stripped)
        else:
            out.append(f"<p>{stripped.replace(chr(10), '<br>')}</p>")
    return "\n".join(out)


def inline_html(element) -> str:
    """An element's content as Wagtail paragraph rich text (b, i, http(s) links)."""
    inner = (element.text and escape(element.text)) or ""
    inner += "".join(lxml_html.tostring(child, encoding="unicode") for child in element)
    for old, new in _INLINE_RENAMES.items():
        inner = re.sub(rf"<(/?){old}\b", rf"<\1{new}", inner, flags=re.I)
    cleaned = nh3.clean(
        inner,
        tags=_INLINE_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    return cleaned.strip()


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def embed_url(text: str) -> str:
    url = text.strip()
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.hostname:
        host = parts.hostname.lower().removeprefix("www.").removeprefix("m.")
        if any(host == known or host.endswith("." + known) for known in EMBED_HOSTS):
            return url
    return ""


class Converter:
    def __init__(self, images: ImageResolver):
        self.images = images

    def convert(self, content: str) -> Body:
        body = Body()
        if not content.strip():
            return body
        html_text = autop(expand_shortcodes(content, body.unknown))
        root = lxml_html.fragment_fromstring(html_text, create_parent="div")
        gutenberg = None
        for element in root:
            if not isinstance(element.tag, str):  # a comment: Gutenberg's block delimiters
                match = _GUTENBERG.match(element.text or "")
                if match:
                    gutenberg = None if match.group(1) else match.group(2)
                continue
            self.element(element, body, gutenberg)
            if element.tail and element.tail.strip():
                body.add("paragraph", f"<p>{escape(element.tail.strip())}</p>")
        if root.text and root.text.strip():
            body.blocks.insert(
                0,
                {
                    "type": "paragraph",
                    "value": f"<p>{escape(root.text.strip())}</p>",
                    "id": str(uuid.uuid4()),
                },
            )
        return body

    def element(self, element, body: Body, gutenberg: str | None):
        tag = element.tag.lower()
        classes = element.get("class", "")
        if tag == "p":
            only = [child for child in element if child.tag not in ("br",)]
            if len(only) == 1 and only[0].tag == "img" and not text_of(element):
                return self.image(only[0], "", body)
            if (url := embed_url(text_of(element))) and len(element) == 0:
                return body.add("embed", url)
            if rich := inline_html(element):
                body.add("paragraph", f"<p>{rich}</p>")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            if text := text_of(element):
                body.add("subheading", text)
        elif tag == "blockquote":
            cite = element.find(".//cite")
            attribution = text_of(cite) if cite is not None else ""
            if cite is not None:
                cite.drop_tree()
            if quote := text_of(element):
                body.add("quote", {"quote": quote, "attribution": attribution})
        elif tag in ("ul", "ol"):
            items = [text_of(li) for li in element.iter("li")]
            if items := [item for item in items if item]:
                body.add("list", {"ordered": tag == "ol", "items": items})
        elif tag == "figure" and "wp-block-gallery" in classes:
            self.gallery(element, body)
        elif tag == "figure" and "wp-block-embed" in classes:
            if url := embed_url(text_of(element)):
                body.add("embed", url)
            else:
                self.keep(element, body, gutenberg)
        elif (
            tag in ("figure", "img")
            and (img := element if tag == "img" else element.find(".//img")) is not None
        ):
            caption = element.find(".//figcaption") if tag == "figure" else None
            self.image(img, text_of(caption) if caption is not None else "", body)
        else:
            self.keep(element, body, gutenberg)

    def picture(self, img) -> Picture | None:
        match = _WP_IMAGE_CLASS.search(img.get("class", ""))
        found = self.images.by_id(int(match.group(1))) if match else None
        return found or self.images.by_url(img.get("src", ""))

    def image(self, img, caption: str, body: Body):
        picture = self.picture(img)
        if picture is None:
            body.missing_images.append(img.get("src", ""))
            return
        text, credit = split_credit(caption or picture.caption)
        body.add(
            "image",
            {"image": picture.image.pk, "caption": text[:255], "credit": (credit or picture.credit)[:255]},
        )

    def gallery(self, element, body: Body):
        pictures = []
        if ids := element.get("data-ids"):
            for wp_id in re.findall(r"\d+", ids):
                if (picture := self.images.by_id(int(wp_id))) is not None:
                    pictures.append((picture, picture.caption))
                else:
                    body.missing_images.append(f"attachment {wp_id}")
        for img in element.iter("img"):
            picture = self.picture(img)
            if picture is None:
                body.missing_images.append(img.get("src", ""))
                continue
            figure = img.getparent()
            caption = figure.find("figcaption") if figure is not None and figure.tag == "figure" else None
            pictures.append((picture, text_of(caption) if caption is not None else picture.caption))
        if pictures:
            items = []
            for picture, caption in pictures:
                text, credit = split_credit(caption)
                items.append(
                    {
                        "image": picture.image.pk,
                        "caption": text[:255],
                        "credit": (credit or picture.credit)[:255],
                    }
                )
            body.add("gallery", items)

    def keep(self, element, body: Body, gutenberg: str | None):
        markup = sanitise_html(lxml_html.tostring(element, encoding="unicode"))
        label = f"wp:{gutenberg}" if gutenberg else f"<{element.tag}>"
        if "wp-shortcode" in element.get("class", ""):
            label = text_of(element)[:60]
        else:
            body.unknown.append(label)
        if markup:
            body.add("html", markup)
