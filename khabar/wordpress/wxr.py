"""Read a WordPress eXtended RSS export (WXR 1.0–1.2) as a stream of records.

WordPress's Tools → Export writes one RSS file: the site's authors, categories and
tags first, then one ``<item>`` per post, page or attachment with its post meta and
comments inside. The file of a large archive runs to gigabytes, so it is read with
lxml's ``iterparse`` and every record is cleared once it has been yielded: memory
stays flat whatever the number of posts. The parser is hardened like the wire's
(no entities, no DTD, no network); a document that declares entities is refused.
No Django here.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from khabar.wire.parsers.safexml import PARSER_OPTIONS, declares_entities

WP_NAMESPACES = [f"http://wordpress.org/export/{version}/" for version in ("1.2", "1.1", "1.0")]
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
EXCERPT_NAMESPACES = [f"http://wordpress.org/export/{version}/excerpt/" for version in ("1.2", "1.1", "1.0")]
# How much of the file's start is searched for an entity declaration (the DTD precedes the root).
HEAD = 64 * 1024


class WxrError(Exception):
    """The file is not a WordPress export lxml can read safely; the message says why."""


@dataclass
class Author:
    wp_id: int
    login: str
    display_name: str
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    kind: str  # "category" or "post_tag"
    wp_id: int
    slug: str
    name: str
    parent: str = ""
    description: str = ""


@dataclass
class Comment:
    wp_id: int
    author: str
    author_email: str
    author_url: str
    date_gmt: dt.datetime | None
    content: str
    approved: str  # "1", "0", "spam", "trash"
    kind: str  # "" or "comment" for readers' comments; "pingback", "trackback" …
    parent: int


@dataclass
class Post:
    wp_id: int
    post_type: str  # "post", "page", "attachment", or a custom type
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    slug: str
    status: str
    date_gmt: dt.datetime | None
    modified_gmt: dt.datetime | None
    parent: int = 0
    password: str = ""
    comment_status: str = "open"
    attachment_url: str = ""
    categories: list[Term] = field(default_factory=list)
    tags: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)


@dataclass
class Channel:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


def _gmt(value: str) -> dt.datetime | None:
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


class _Reader:
    """Names of the export's WordPress namespace, whichever WXR version wrote it."""

    def __init__(self, wp: str, excerpt: str):
        self.wp = wp
        self.excerpt = excerpt

    def text(self, element, name: str, namespace: str | None = None) -> str:
        child = element.find(f"{{{namespace if namespace is not None else self.wp}}}{name}")
        return child.text or "" if child is not None else ""

    def number(self, element, name: str) -> int:
        try:
            return int(self.text(element, name).strip() or 0)
        except ValueError:
            return 0

    def author(self, element) -> Author:
        return Author(
            wp_id=self.number(element, "author_id"),
            login=self.text(element, "author_login"),
            display_name=self.text(element, "author_display_name").strip(),
            first_name=self.text(element, "author_first_name").strip(),
            last_name=self.text(element, "author_last_name").strip(),
        )

    def category(self, element) -> Term:
        return Term(
            kind="category",
            wp_id=self.number(element, "term_id"),
            slug=unquote(self.text(element, "category_nicename")),
            name=self.text(element, "cat_name").strip(),
            parent=unquote(self.text(element, "category_parent")),
            description=self.text(element, "category_description").strip(),
        )

    def tag(self, element) -> Term:
        return Term(
            kind="post_tag",
            wp_id=self.number(element, "term_id"),
            slug=unquote(self.text(element, "tag_slug")),
            name=self.text(element, "tag_name").strip(),
            description=self.text(element, "tag_description").strip(),
        )

    def comment(self, element) -> Comment:
        return Comment(
            wp_id=self.number(element, "comment_id"),
            author=self.text(element, "comment_author").strip(),
            author_email=self.text(element, "comment_author_email").strip(),
            author_url=self.text(element, "comment_author_url").strip(),
            date_gmt=_gmt(self.text(element, "comment_date_gmt")) or _gmt(self.text(element, "comment_date")),
            content=self.text(element, "comment_content"),
            approved=self.text(element, "comment_approved").strip(),
            kind=self.text(element, "comment_type").strip(),
            parent=self.number(element, "comment_parent"),
        )

    def post(self, element) -> Post:
        post = Post(
            wp_id=self.number(element, "post_id"),
            post_type=self.text(element, "post_type").strip(),
            title=(element.findtext("title") or "").strip(),
            link=(element.findtext("link") or "").strip(),
            creator=element.findtext(DC_CREATOR) or "",
            content=element.findtext(CONTENT) or "",
            excerpt=self.text(element, "encoded", self.excerpt),
            slug=unquote(self.text(element, "post_name")),
            status=self.text(element, "status").strip(),
            date_gmt=_gmt(self.text(element, "post_date_gmt")) or _gmt(self.text(element, "post_date")),
            modified_gmt=_gmt(self.text(element, "post_modified_gmt")),
            parent=self.number(element, "post_parent"),
            password=self.text(element, "post_password"),
            comment_status=self.text(element, "comment_status").strip() or "open",
            attachment_url=self.text(element, "attachment_url").strip(),
        )
        for category in element.iterfind("category"):
            term = Term(
                kind=category.get("domain", ""),
                wp_id=0,
                slug=unquote(category.get("nicename", "")),
                name=(category.text or "").strip(),
            )
            if term.kind == "category":
                post.categories.append(term)
            elif term.kind == "post_tag":
                post.tags.append(term)
        for meta in element.iterfind(f"{{{self.wp}}}postmeta"):
            post.meta[self.text(meta, "meta_key")] = self.text(meta, "meta_value")
        post.comments = [self.comment(c) for c in element.iterfind(f"{{{self.wp}}}comment")]
        return post


def _check_head(path) -> None:
    with open(path, "rb") as file:
        head = file.read(HEAD)
    if declares_entities(head):
        raise WxrError("XML entity declarations are refused (possible XXE or entity-expansion bomb)")


def read(path) -> Iterator[Channel | Author | Term | Post]:
    """The export's channel, authors, terms and posts, in file order, one at a time."""
    _check_head(path)
    reader = None
    channel = Channel()
    channel_sent = False
    wanted = {"item", *(f"{{{ns}}}{name}" for ns in WP_NAMESPACES for name in ("author", "category", "tag"))}
    wanted |= {f"{{{ns}}}{name}" for ns in WP_NAMESPACES for name in ("base_site_url", "base_blog_url")}
    try:
        for _event, element in etree.iterparse(str(path), events=("end",), **PARSER_OPTIONS):
            tag = element.tag
            if tag not in wanted:
                if tag in ("title", "link") and element.getparent() is not None:
                    if element.getparent().tag == "channel":
                        setattr(channel, tag, (element.text or "").strip())
                continue
            namespace = tag[1 : tag.index("}")] if tag.startswith("{") else None
            if reader is None and namespace in WP_NAMESPACES:
                reader = _Reader(namespace, EXCERPT_NAMESPACES[WP_NAMESPACES.index(namespace)])
            local = tag.rsplit("}", 1)[-1]
            if local in ("base_site_url", "base_blog_url"):
                setattr(channel, local, (element.text or "").strip())
                continue
            if element.getparent() is not None and element.getparent().tag == "item":
                continue  # a post's own wp:… children are read with the post
            if not channel_sent and (local in ("author", "category", "tag") or tag == "item"):
                channel_sent = True
                yield channel
            if reader is None:
                reader = _Reader(WP_NAMESPACES[0], EXCERPT_NAMESPACES[0])
            if tag == "item":
                yield reader.post(element)
            elif local == "author":
                yield reader.author(element)
            elif local == "category":
                yield reader.category(element)
            elif local == "tag":
                yield reader.tag(element)
            # Free what has been read: the element and the siblings before it.
            element.clear()
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise WxrError(f"malformed XML: {exc}") from None
    except OSError as exc:
        raise WxrError(f"cannot read the file: {exc}") from None
    if reader is None:
        raise WxrError("not a WordPress export (no WXR namespace found)")
    if not channel_sent:
        yield channel
