"""Splitting a wire story into segments, and writing segments back as an article body."""

import html

import lxml.html
from lxml import etree

from .models import Segment

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "li", "blockquote", "pre", "div"} | _HEADINGS


def source_blocks(body_html: str) -> list[tuple[str, str]]:
    """(kind, text) for each paragraph or subheading of an agency story's HTML body."""
    if not body_html.strip():
        return []
    try:
        fragments = lxml.html.fragments_fromstring(body_html)
    except (etree.ParserError, ValueError):
        fragments = []
    blocks = []

    def add(kind, text):
        text = " ".join(text.split())
        if text:
            blocks.append((kind, text))

    for fragment in fragments:
        if isinstance(fragment, str):
            add(Segment.Kind.PARAGRAPH, fragment)
            continue
        if fragment.tag in (etree.Comment, etree.ProcessingInstruction):
            continue
        inner = [el for el in fragment.iter() if el is not fragment and el.tag in _BLOCKS]
        if fragment.tag in _BLOCKS and not inner:
            kind = Segment.Kind.SUBHEADING if fragment.tag in _HEADINGS else Segment.Kind.PARAGRAPH
            add(kind, fragment.text_content())
        elif inner:
            for el in inner:
                if not any(child.tag in _BLOCKS for child in el.iterdescendants()):
                    kind = Segment.Kind.SUBHEADING if el.tag in _HEADINGS else Segment.Kind.PARAGRAPH
                    add(kind, el.text_content())
        else:
            add(Segment.Kind.PARAGRAPH, fragment.text_content())
    if not blocks:
        add(Segment.Kind.PARAGRAPH, lxml.html.fromstring(f"<div>{body_html}</div>").text_content())
    return blocks


def body_segments(segments) -> list:
    """The segments of the story text: not the headline, not the standfirst."""
    return [s for s in segments if s.kind not in (Segment.Kind.HEADLINE, Segment.Kind.STANDFIRST)]


def article_body(segments) -> list[tuple[str, str]]:
    """StreamField data for the article: paragraph blocks, subheadings kept; empty segments left out."""
    body = []
    for segment in body_segments(segments):
        text = " ".join(segment.target.split())
        if not text:
            continue
        if segment.kind == Segment.Kind.SUBHEADING:
            body.append(("subheading", text))
        else:
            body.append(("paragraph", f"<p>{html.escape(text, quote=False)}</p>"))
    return body


def checked_pairs(segments) -> tuple[list[str], list[str]]:
    """The body paragraphs the copy checks compare (headline and standfirst are not the story text)."""
    body = body_segments(segments)
    return [s.source for s in body], [s.target for s in body]
