"""The shapes of /api/v1/: what the OpenAPI schema documents and every answer is validated against."""

from datetime import datetime

from ninja import Schema


class Error(Schema):
    error: str


class Link(Schema):
    id: int
    name: str
    slug: str
    url: str


class SectionOut(Schema):
    id: int
    title: str
    slug: str
    intro: str
    url: str


class AuthorOut(Link):
    role: str
    bio: str


class AgencyOut(Schema):
    name: str
    arabic_name: str
    credit: str


class SectionRef(Schema):
    id: int
    title: str
    url: str


class Picture(Schema):
    url: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str


class ArticleOut(Schema):
    id: int
    headline: str
    slug: str
    url: str
    standfirst: str
    dateline: str
    byline: str
    published_at: datetime
    updated_at: datetime | None
    breaking: bool
    section: SectionRef | None
    agency: AgencyOut | None
    authors: list[Link]
    topics: list[Link]
    lead_image: Picture | None


class Block(Schema):
    """One block of the body; which fields it has depends on ``type``."""

    type: str
    html: str | None = None
    text: str | None = None
    attribution: str | None = None
    url: str | None = None
    ordered: bool | None = None
    items: list[str] | None = None
    image: Picture | None = None
    images: list[Picture] | None = None


class Note(Schema):
    kind: str
    label: str
    text: str
    noted_at: datetime


class ArticleDetail(ArticleOut):
    body: list[Block]
    notes: list[Note]


class Paged(Schema):
    count: int
    page: int
    pages: int
    limit: int
    next: str | None
    previous: str | None


class ArticleList(Paged):
    results: list[ArticleOut]


class SectionList(Paged):
    results: list[SectionOut]


class AuthorList(Paged):
    results: list[AuthorOut]


class TopicList(Paged):
    results: list[Link]
