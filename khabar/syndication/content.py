"""One story as every output format sees it, loaded for a whole page of stories in a fixed number of queries.

The formats (``ninjs``, ``newsml_g2``) only arrange these fields; what a partner may receive, and what
it is told about rights, is decided here and in :mod:`khabar.syndication.rights`.
"""

import datetime as dt
import mimetypes
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from khabar.core.markup import plain_text
from khabar.newsroom.blocks import sanitise_html
from khabar.newsroom.models import ArticleAuthor, ArticlePage
from khabar.newsroom.models.pages import public_pages
from khabar.newsroom.pictures import attach_lead_pictures, body_image_alt

from .rights import Rights, rights_of, syndicable


@dataclass(frozen=True)
class Named:
    """A person, section or topic: a name and the address of its page on the site."""

    name: str
    url: str


@dataclass(frozen=True)
class Picture:
    uri: str
    href: str
    mime: str
    width: int
    height: int
    caption: str
    credit: str
    alt: str


@dataclass
class Story:
    pk: int
    guid: str
    url: str
    version: int
    headline: str
    standfirst: str
    byline: str
    authors: list[Named]
    first_created: dt.datetime
    version_created: dt.datetime
    located: str
    dateline: str
    section: Named | None
    topics: list[Named]
    body_html: str
    rights: Rights
    breaking: bool
    publisher: str
    picture: Picture | None = None
    words: int = field(default=0)


def syndicated_articles(partner=None):
    """Live, public, first-published articles a partner may receive (its sections, the rights rule)."""
    articles = (
        public_pages(ArticlePage.objects.live())
        .filter(published_at__isnull=False)
        .filter(syndicable())
        .select_related(
            "section",
            "agency__syndication_licence",
            "wire_use__item__agency__syndication_licence",
        )
    )
    if partner is not None and (sections := partner.section_ids):
        articles = articles.filter(section_id__in=sections)
    return articles


def load_stories(articles, request, publisher: str) -> list[Story]:
    """``Story`` objects for ``articles`` (a list), with their authors, topics and pictures in bulk."""
    articles = list(articles)
    if not articles:
        return []
    prefetch_related_objects(
        articles,
        Prefetch(
            "article_authors", queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order")
        ),
        "tags",
    )
    attach_lead_pictures(articles)
    images = _body_images(articles)
    return [_story(article, request, publisher, images) for article in articles]


def _root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _story(article, request, publisher, images) -> Story:
    url = article.get_full_url(request)
    root = _root(url)
    authors = [
        Named(link.author.name, root + link.author.get_absolute_url())
        for link in article.article_authors.all()
    ]
    byline = "، ".join(person.name for person in authors) or (
        article.agency.byline if article.agency_id else publisher
    )
    section = Named(article.section.title, root + article.section.url) if article.section_id else None
    topics = [
        Named(tag.name, root + reverse("newsroom:topic", kwargs={"slug": tag.slug}))
        for tag in article.tags.all()
    ]
    body, words = _body_html(article.body.raw_data, images, root)
    story = Story(
        pk=article.pk,
        guid=f"urn:khabar:{urlsplit(root).hostname}:article:{article.pk}",
        url=url,
        version=article.live_revision_id or 1,
        headline=article.title,
        standfirst=article.standfirst,
        byline=byline,
        authors=authors,
        first_created=article.first_published_at,
        version_created=article.last_published_at or article.first_published_at,
        located=article.dateline_city,
        dateline=article.dateline,
        section=section,
        topics=topics,
        body_html=body,
        rights=rights_of(article, publisher),
        breaking=article.is_breaking(),
        publisher=publisher,
        words=words,
    )
    if picture := article.lead_picture:
        image = picture.image
        story.picture = Picture(
            uri=f"{story.guid}:picture:{image.pk}",
            href=root + image.file.url,
            mime=mimetypes.guess_type(image.file.name)[0] or "image/jpeg",
            width=image.width,
            height=image.height,
            caption=picture.caption,
            credit=picture.credit,
            alt=picture.alt,
        )
    return story


def _items(raw_list):
    """A ListBlock's stored items, in its newer (``{"type": "item", "value": …}``) or older shape."""
    for entry in raw_list or ():
        if isinstance(entry, dict) and entry.get("type") == "item" and "value" in entry:
            yield entry["value"]
        else:
            yield entry


def _body_images(articles):
    """Every image the bodies show, in one query."""
    wanted = set()
    for article in articles:
        for block in article.body.raw_data:
            if block.get("type") == "image" and isinstance(block.get("value"), dict):
                wanted.add(block["value"].get("image"))
            elif block.get("type") == "gallery":
                wanted.update(
                    item.get("image") for item in _items(block.get("value")) if isinstance(item, dict)
                )
    wanted.discard(None)
    return get_image_model().objects.in_bulk(wanted) if wanted else {}


def _figure(value, images, root) -> str:
    image = images.get(value.get("image"))
    if image is None:
        return ""
    caption, credit = value.get("caption") or "", value.get("credit") or ""
    text = f"{caption} ({credit})" if caption and credit else caption or credit
    figcaption = f"<figcaption>{escape(text)}</figcaption>" if text else ""
    return (
        f'<figure><img src="{escape(root + image.file.url)}" alt="{escape(body_image_alt(caption))}" '
        f'width="{image.width}" height="{image.height}"/>{figcaption}</figure>'
    )


def _body_html(raw_body, images, root) -> tuple[str, int]:
    """The body as HTML a partner can publish: rich text expanded and sanitised, every other block plain."""
    parts = []
    for block in raw_body or ():
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph" and value:
            html = sanitise_html(expand_db_html(value))
            parts.append(html)
        elif kind == "subheading" and value:
            parts.append(f"<h2>{escape(value)}</h2>")
        elif kind == "quote" and isinstance(value, dict) and value.get("quote"):
            attribution = value.get("attribution") or ""
            cite = f"<p>— {escape(attribution)}</p>" if attribution else ""
            parts.append(f"<blockquote><p>{escape(value['quote'])}</p>{cite}</blockquote>")
        elif kind == "image" and isinstance(value, dict):
            parts.append(_figure(value, images, root))
        elif kind == "gallery":
            parts.extend(_figure(item, images, root) for item in _items(value) if isinstance(item, dict))
        elif kind == "embed" and value:
            url = value if isinstance(value, str) else str(value.get("url", ""))
            if url.startswith(("http://", "https://")):
                parts.append(f'<p><a href="{escape(url)}">{escape(url)}</a></p>')
        elif kind == "list" and isinstance(value, dict):
            tag = "ol" if value.get("ordered") else "ul"
            items = "".join(f"<li>{escape(str(item))}</li>" for item in _items(value.get("items")) if item)
            if items:
                parts.append(f"<{tag}>{items}</{tag}>")
        elif kind == "html" and value:
            parts.append(sanitise_html(value))
    html = "".join(part for part in parts if part)
    return html, len(plain_text(html).split())
