"""The page tree: Home → Section → year → month → Article.

Articles are filed under year and month archive pages so that no parent ever
holds hundreds of thousands of children; URLs read /section/2026/11/slug/.
"""

import hashlib
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.db import models
from django.db.models import (
    BooleanField,
    F,
    OuterRef,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.expressions import Expression, RawSQL
from django.http import Http404
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult

from khabar.arabic.dateline import format_dateline
from khabar.arabic.dates import GREGORIAN_MONTHS
from khabar.core.pagecache import kept, shared_tag, tag_request

from ..blocks import ArticleBodyBlock
from ..pictures import ARABIC_LETTER, attach_lead_pictures, lead_picture_of
from ..seo import news_article
from ..slugs import headline_slug, is_provisional, unique_slug
from .site_settings import NewsroomSettings

PAGE_SIZE = 20
# Any publication changes the lists of stories; almost every page shows one, so its version is read
# with the other shared tags' (one query).
LISTING = shared_tag("listing")
# The authors and topics: search's names and menus, read on every search.
AUTHORS, TOPICS = shared_tag("authors"), shared_tag("topics")
TOP_STORIES = 6  # editors' picks under the home page's lead
SIDE_LATEST = 5  # in the article's side column
RELATED = 4  # related stories under an article


class ListingPage(PaginatorPage):
    """One page of a listing, read without counting the listing.

    A count of a section, author or topic reads every one of its stories, so its cost grows with the
    archive; one row past the page says whether there is an older page, whatever the archive's size.
    """

    def __init__(self, queryset, number, per_page):
        start = (number - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
        super().__init__(rows[:per_page], number, paginator=None)
        self._more = len(rows) > per_page

    def __repr__(self):
        return f"<ListingPage {self.number}>"

    def has_next(self):
        return self._more

    def has_previous(self):
        return self.number > 1

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def paginate(request, queryset, per_page=PAGE_SIZE):
    """A page of ``queryset`` from ``?page=`` (page 1 when it is not a number; 404 past the end)."""
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    page = ListingPage(queryset, number, per_page)
    if number > 1 and not page.object_list:
        raise Http404("no such page of this listing")
    return page


def newest_cards(request, section_id=None):
    """The cards of the site's newest stories and of the section's, in one query (with their sections
    and pictures): ``(SIDE_LATEST + RELATED + 1 of the site, RELATED + 1 of the section)``.

    Kept in the cache until a story is published or changed (the "listing" tag): every story of a section
    shows the same side column and takes its related stories from the same list.
    """

    site_count, section_count = SIDE_LATEST + RELATED + 1, RELATED + 1  # the story itself may be among them

    def cards():
        newest = [live_articles().values("pk")[:site_count]]
        if section_id is not None:
            newest.append(live_articles().filter(section_id=section_id).values("pk")[:section_count])
        stories = live_articles().select_related(None).filter(pk__in=union_all(newest))
        stories = attach_lead_pictures(with_sections(list(stories), request))
        same_section = [story for story in stories if story.section_id == section_id][:section_count]
        return (stories[:site_count], same_section), [LISTING]

    return kept(f"newest-cards:{section_id or ''}", cards, request)


class Unrestricted(Expression):
    """True for a page under no view restriction: ``NOT EXISTS`` a restriction whose page's path
    starts the page's path.

    One correlated sub-query, so a listing costs no extra query however many restrictions there are.
    It reads the restrictions (a handful of rows) and each one's page by key: joined to the page table
    instead, SQLite read every page of the tree for every story it listed. Written as SQL here because
    every listing of every page carries it, and the same sub-query built with the ORM (``Exists`` of a
    ``Subquery``) cost more to compile than the rest of the listing's query.
    """

    conditional = True

    def __init__(self, path="path"):
        super().__init__(output_field=BooleanField())
        self.path = F(path) if isinstance(path, str) else path

    def get_source_expressions(self):
        return [self.path]

    def set_source_expressions(self, exprs):
        (self.path,) = exprs

    def as_sql(self, compiler, connection):
        path, params = compiler.compile(self.path)
        quote = connection.ops.quote_name
        restricted_path = (
            f"(SELECT khabar_rp.{quote('path')} FROM {quote(Page._meta.db_table)} khabar_rp"
            f" WHERE khabar_rp.{quote('id')} = khabar_r.{quote('page_id')} LIMIT 1)"
        )
        sql = (
            f"NOT EXISTS(SELECT 1 FROM {quote(PageViewRestriction._meta.db_table)} khabar_r"
            f" WHERE {restricted_path} = SUBSTR({path}, 1, LENGTH({restricted_path})) LIMIT 1)"
        )
        return sql, params


def public_pages(queryset):
    """``queryset`` without the pages under a view restriction (password, login or groups)."""
    return queryset.filter(Unrestricted())


def view_restrictions_exist(request):
    """Whether any page of the site is private (password, login or groups), kept in the cache.

    Creating or deleting a restriction invalidates the "settings" tag (``signals.py``), so a page is
    never taken for public after one is added. Most sites have none: their pages skip the check.
    """
    return kept("view-restrictions", lambda: (PageViewRestriction.objects.exists(), ["settings"]), request)


def union_all(querysets):
    """``SELECT … UNION ALL SELECT …`` of sliced, ordered one-column querysets, as a sub-query.

    Django refuses LIMIT inside a compound statement on SQLite; wrapped as derived tables, both
    SQLite and PostgreSQL accept it. ``pk__in=union_all(…)`` keeps each part its own index scan where an
    OR of ``IN`` sub-queries makes PostgreSQL filter the whole table.
    """
    sql, params = [], []
    for number, queryset in enumerate(querysets):
        part_sql, part_params = queryset.query.sql_with_params()
        sql.append(f"SELECT * FROM ({part_sql}) AS part{number}")
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(sql), params)


def descendants(queryset, page):
    """``queryset`` narrowed to the pages under ``page``, as a range of the indexed ``path``.

    Wagtail's ``descendant_of`` is a ``LIKE 'path%'``, which SQLite answers by reading every page;
    a range of the same paths is an index range scan on both engines (``path`` compares byte by byte:
    SQLite's default collation, and Wagtail gives the column the "C" collation on PostgreSQL).
    Tree paths are digits and capital letters, so every descendant sorts before ``path + "~"``.
    """
    return queryset.filter(path__gt=page.path, path__lt=page.path + "~")


def section_pages():
    """The live sections readers may see, as a queryset found from the section table's ids.

    Joined on the section table instead, SQLite without statistics read every page of the tree to
    keep the live ones and then looked for a section row beside each.
    """
    ids = SectionPage.objects.order_by().values("pk")
    return public_pages(SectionPage.objects.live().filter(pk__in=ids))


def public_sections(request=None):
    """The live sections readers may see, in tree order: the masthead of every page and the home's blocks.

    Kept in the cache until a section or the home page is published, unpublished, moved or deleted
    (the "settings" tag). The query reads the section table and its pages by key, sorted here: an
    ``ORDER BY path`` made SQLite walk every page of the tree in path order to find the six sections.
    """
    if request is not None and hasattr(request, "_public_sections"):
        return request._public_sections

    def find():
        found = section_pages().only("id", "title", "url_path", "path", "depth").order_by()
        return sorted(found, key=lambda section: section.path), ["settings"]

    sections = kept("public-sections", find, request)
    if request is not None:
        request._public_sections = sections
    return sections


def with_sections(stories, request):
    """Give each story its section from :func:`public_sections` (cached) rather than a join per story.

    For stories read without ``select_related("section")``: a section page built for every row cost
    more than the rest of the row. A story whose section is not among them gets it in one query.
    """
    sections = {section.pk: section for section in public_sections(request)}
    missing = {story.section_id for story in stories if story.section_id not in sections} - {None}
    if missing:
        sections.update(SectionPage.objects.in_bulk(missing))
    for story in stories:
        if (section := sections.get(story.section_id)) is not None:
            story.section = section
    return stories


def live_articles():
    """Published articles anyone may read, newest first, with what a listing card shows."""
    return (
        public_pages(ArticlePage.objects.live())
        .filter(published_at__isnull=False)
        .select_related("section", "agency")
        .order_by("-published_at", "-pk")
    )


def lead_story_field(help_text):
    """The story an editor puts at the top of a front (the home page or a section)."""
    return models.ForeignKey(
        "newsroom.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


@lru_cache(maxsize=10_000)
def serve_path(path, urlconf, script_prefix):
    """The address Wagtail's page view answers at for a page ``path`` below its site's root."""
    page_path = reverse("wagtail_serve", args=(path,), urlconf=urlconf)
    if not settings.WAGTAIL_APPEND_SLASH and page_path != "/":
        page_path = page_path.rstrip("/")
    return page_path


class CacheTaggedPage(Page):
    """A page whose anonymous views are cached until one of its tags changes."""

    class Meta:
        abstract = True

    def cache_tags(self):
        return [f"page:{self.pk}", "settings"]

    @property
    def meta_description(self):
        """The page's meta description (a template looking up a field the page lacks costs a ``dir()``)."""
        return self.search_description

    def get_url_parts(self, request=None):
        # Wagtail reverses its serve URL for every link to a page (a page shows dozens); on a
        # single site that is a function of the page's path alone, kept here once worked out.
        sites = self._get_relevant_site_root_paths(request)
        if len({site[0] for site in sites}) != 1 or settings.WAGTAIL_I18N_ENABLED:
            return super().get_url_parts(request)
        site_id, root_path, root_url, _language = sites[0]
        try:
            path = serve_path(
                self.url_path[len(root_path) :], get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
            )
        except NoReverseMatch:
            return super().get_url_parts(request)
        return site_id, root_url, path

    def get_view_restrictions(self):
        if self.__dict__.get("view_restrictions_exist") is False:  # known by the serve hook (wagtail_hooks)
            return PageViewRestriction.objects.none()
        # Wagtail's own takes two queries (the ancestors' alias_of, then the restrictions).
        # One suffices: restrictions on this page, its ancestors, or the sources of those that are aliases.
        # Both are sub-queries of page ids found by path: a join to the page table made SQLite read
        # the whole path index on every view.
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        pages = Page.objects.filter(path__in=paths).values("pk")
        alias_sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of_id")
        return PageViewRestriction.objects.filter(Q(page_id__in=pages) | Q(page_id__in=alias_sources))

    def serve(self, request, *args, **kwargs):
        tag_request(request, *self.cache_tags())
        return super().serve(request, *args, **kwargs)


class HomePage(CacheTaggedPage):
    max_count = 1
    subpage_types = ["newsroom.SectionPage", "newsroom.InfoPage"]
    intro = models.CharField(_("intro"), max_length=250, blank=True)
    lead_story = lead_story_field(_("When empty, or when the story is not live, the newest story leads."))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("lead_story"),
        InlinePanel("top_stories", label=_("top stories"), max_num=TOP_STORIES),
    ]

    @property
    def meta_description(self):
        return self.search_description or self.intro

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from ..front import home_front  # front.py builds on these models

        def blocks(preview=False):
            front = home_front(self, preview, request)
            attach_lead_pictures(front.stories())
            return front, [LISTING, f"page:{self.pk}"]  # the editors' picks are the home page's revision

        tag_request(request, LISTING)
        if getattr(request, "is_preview", False):
            front = blocks(preview=True)[0]
        else:
            front = kept(f"home-front:{self.pk}", blocks, request)
        context["front"] = front
        # Listed in the context so the cards' comment counts are read for all of them at once.
        context["front_stories"] = front.stories()
        return context

    def route(self, request, path_components):
        # An archive or a filed story (/section/2026/11/slug/) in one query, with what its page
        # shows, instead of one query per level of the tree and one per deferred field.
        model = {2: YearArchivePage, 3: MonthArchivePage, 4: ArticlePage}.get(len(path_components))
        if model is not None:
            # url_path has no index of its own; the slug (indexed) narrows the search first.
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            if model is ArticlePage:
                page = ArticlePage.for_view(request, url_path, path_components[-1])
            else:
                page = model.objects.live().filter(slug=path_components[-1], url_path=url_path).first()
            if page is not None:
                return RouteResult(page)
        return super().route(request, path_components)


class SectionPage(CacheTaggedPage):
    """A desk of the newsroom (سياسة، اقتصاد، …): lists its articles, newest first."""

    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.YearArchivePage", "newsroom.ArticlePage"]
    intro = models.CharField(_("intro"), max_length=250, blank=True)
    lead_story = lead_story_field(
        _("When empty, or when the story is not live, the section's newest story leads.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("lead_story")]

    @property
    def meta_description(self):
        return self.search_description or self.intro

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from ..front import chosen_section_lead  # front.py builds on these models

        stories = live_articles().filter(section=self)
        if chosen := chosen_section_lead(self):
            stories = stories.exclude(pk=chosen.pk)
        context["articles"] = articles = paginate(request, stories)
        # Without a choice the newest story leads: the first of page one, shown once, as the lead.
        attach_lead_pictures([*articles, *([chosen] if chosen else [])])
        context["lead"] = lead = chosen or (articles[0] if articles.number == 1 and articles else None)
        tag_request(request, f"section:{self.pk}", lead and f"page:{lead.pk}")
        return context


class YearArchivePage(CacheTaggedPage):
    """Folder page: the articles of one section and one year (slug «2026»)."""

    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = ["newsroom.MonthArchivePage"]

    class Meta:
        verbose_name = _("year archive")

    def archive_articles(self):
        """The stories filed under this archive, newest first.

        Narrowed also to the archive's section and period, so the newest of an old month are a range
        of the (section, published_at) index rather than a sort of everything filed under it.
        Stories are filed by the local month of their first publication (``archive.archive_for``).
        """
        stories = descendants(live_articles(), self)
        period = self.period()
        if period is None:
            return stories
        levels = 2 if isinstance(self, MonthArchivePage) else 1
        section = Page.objects.filter(path=self.path[: -levels * self.steplen]).values("pk")[:1]
        return stories.filter(
            section_id=Subquery(section), published_at__gte=period[0], published_at__lt=period[1]
        )

    def period(self):
        """``(start, end)`` of the archive's year or month in the site's time zone, read from its URL."""
        parts = self.url_path.strip("/").split("/")
        try:
            if isinstance(self, MonthArchivePage):
                year, month = int(parts[-2]), int(parts[-1])
                start = datetime(year, month, 1)
                end = datetime(year + month // 12, month % 12 + 1, 1)
            else:
                start, end = datetime(int(parts[-1]), 1, 1), datetime(int(parts[-1]) + 1, 1, 1)
        except (ValueError, IndexError):
            return None
        return timezone.make_aware(start), timezone.make_aware(end)

    def archive_title(self):
        """«أرشيف 2026», or «أرشيف نوفمبر 2026» for a month, read from the URL (…/2026/11/)."""
        parts = self.url_path.strip("/").split("/")
        if isinstance(self, MonthArchivePage) and parts[-1].isdigit() and 1 <= int(parts[-1]) <= 12:
            return f"أرشيف {GREGORIAN_MONTHS[int(parts[-1]) - 1]} {parts[-2]}"
        return f"أرشيف {parts[-1]}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag_request(request, "listing")
        context["articles"] = articles = paginate(request, self.archive_articles())
        attach_lead_pictures(articles)
        return context


class MonthArchivePage(YearArchivePage):
    """Folder page: one month of a section's year (slug «11»); articles live here."""

    parent_page_types = ["newsroom.YearArchivePage"]
    subpage_types = ["newsroom.ArticlePage"]
    template = "newsroom/year_archive_page.html"

    class Meta:
        verbose_name = _("month archive")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )
    # The story's published_at, copied here (``copy_published_at_to_links``): a topic's newest
    # stories are then a range of (tag, published_at) instead of a sort of all the topic's stories.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["tag", "-published_at", "-content_object"], name="articletag_tag_published_idx"
            )
        ]


class ArticlePage(CacheTaggedPage):
    """An Arabic news story, usually translated from an agency story."""

    parent_page_types = ["newsroom.MonthArchivePage", "newsroom.SectionPage"]
    subpage_types = []

    standfirst = models.TextField(_("standfirst"), blank=True)
    dateline_city = models.CharField(
        _("dateline city"), max_length=80, blank=True, help_text=_("e.g. «موسكو»")
    )
    agency = models.ForeignKey(
        "newsroom.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    source_url = models.URLField(_("link to the original story"), max_length=500, blank=True, db_index=True)
    source_title = models.CharField(
        _("title of the original story"),
        max_length=300,
        blank=True,
        help_text=_("Kept for the newsroom; readers never see it."),
    )
    translator = models.CharField(
        _("translator"),
        max_length=120,
        blank=True,
        help_text=_("Credited under the byline when the newsroom settings say so."),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(_("lead image caption"), max_length=300, blank=True)
    lead_image_credit = models.CharField(
        _("lead image credit"), max_length=120, blank=True, help_text=_("e.g. «أ.ب»")
    )
    lead_image_alt = models.CharField(
        _("lead image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, in Arabic, for readers who cannot see it"),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    # Denormalised from the page tree so that section listings need one indexed filter.
    section = models.ForeignKey(
        "newsroom.SectionPage",
        verbose_name=_("section"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="section_articles",
    )
    comments_open = models.BooleanField(_("comments open"), default=True)
    # first_published_at copied onto the article's own table, beside section: "a section's
    # newest stories" is then one index range scan instead of a sort of the whole section.
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("topics"))
    breaking_until = models.DateTimeField(
        _("breaking news until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Marks the story «عاجل»: a banner on every page of the site from publication until this time. "
            "Leave empty for an ordinary story."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("breaking_until"),
        FieldPanel("standfirst"),
        InlinePanel("article_authors", label=_("authors")),
        FieldPanel("translator"),
        MultiFieldPanel(
            [
                FieldPanel("dateline_city"),
                FieldPanel("agency"),
                FieldPanel("source_url"),
                FieldPanel("source_title"),
            ],
            heading=_("dateline and source"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
                FieldPanel("lead_image_alt"),
            ],
            heading=_("lead image"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel("related_links", label=_("related articles")),
        InlinePanel("notes", label=_("corrections and updates")),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("comments_open")]
    search_fields = Page.search_fields + [index.SearchField("standfirst"), index.SearchField("body")]

    @property
    def meta_description(self):
        return self.search_description or self.standfirst

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["section", "-published_at"], name="article_section_published_idx"),
            models.Index(fields=["-published_at"], name="article_published_idx"),
            # The banner's "breaking until later than now" reads the few marked stories, not the archive.
            models.Index(
                fields=["breaking_until"],
                condition=Q(breaking_until__isnull=False),
                name="article_breaking_idx",
            ),
        ]

    @classmethod
    def for_view(cls, request, url_path, slug):
        """The live story at ``url_path`` with everything its page shows of it, kept in the cache.

        Kept while the story, its section, agency, authors and topics are unchanged (its cache tags):
        the spike after a publication re-renders every page that lists it, not the stories themselves.
        """

        def find():
            # url_path has no index of its own; the slug (indexed) narrows the search first.
            pages = cls.objects.live().filter(slug=slug, url_path=url_path)
            page = pages.select_related("agency", "section", "lead_image").first()
            if page is None:
                return None, None  # a miss is not kept: any address could fill the cache
            page.prefetch_renditions()
            page.dated_notes, page.lead_picture, page.related_ids  # noqa: B018 (cached with the page)
            return page, page.cache_tags()

        return kept(f"article:{hashlib.sha256(url_path.encode()).hexdigest()}", find, request)

    def cache_tags(self):
        return [
            *super().cache_tags(),
            f"section:{self.section_id}",
            f"agency:{self.agency_id}",
            *(f"author:{author.pk}" for author in self.byline_authors),
            *(f"topic:{tag.pk}" for tag in self.topics),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prefetch_renditions()
        related, latest = self.cards_beside(request)
        context["related"] = related
        shown = {self.pk, *(article.pk for article in related)}
        # The side column's latest stories: any publication changes it (the "listing" tag).
        context["side_latest"] = [story for story in latest if story.pk not in shown][:SIDE_LATEST]
        context["ld"] = news_article(self, request, NewsroomSettings.for_request(request).publication_name)
        tag_request(request, "listing", *(f"page:{article.pk}" for article in related))
        return context

    @property
    def dateline(self):
        return format_dateline(self.dateline_city, self.agency.credit if self.agency_id else "")

    @property
    def updated_at(self):
        """The last publication or the newest note, when it came after the first publication."""
        first = self.first_published_at
        last = max(
            filter(None, [self.last_published_at, *(note.noted_at for note in self.dated_notes)]),
            default=None,
        )
        if first and last and (last - first).total_seconds() > 60:
            return last
        return None

    @property
    def byline_text(self) -> str:
        """Who signs the story: its authors, else its agency (agency copy is never the house's)."""
        names = [author.name for author in self.byline_authors]
        if names:
            return "، ".join(names)
        return self.agency.byline if self.agency_id else ""

    @cached_property
    def dated_notes(self):
        """Corrections and updates, oldest first (a draft's are held in memory)."""
        return sorted(self.notes.all(), key=lambda note: note.noted_at)

    def is_breaking(self, now=None):
        return self.breaking_until is not None and self.breaking_until > (now or timezone.now())

    @cached_property
    def byline_authors(self):
        return [link.author for link in self.article_authors.select_related("author__photo")]

    def prefetch_renditions(self):
        """Load the renditions of the lead image, every author photo and body image in one query."""
        images = [author.photo for author in self.byline_authors if author.photo_id]
        if self.lead_image_id:
            images.append(self.lead_image)
        for block in self.body:
            if block.block_type == "image" and block.value["image"]:
                images.append(block.value["image"])
            elif block.block_type == "gallery":
                images += [item["image"] for item in block.value if item["image"]]
        if images:
            prefetch_related_objects(images, "renditions")

    @cached_property
    def topics(self):
        return list(self.tags.all())

    def cards_beside(self, request):
        """The related stories' cards (the editors' choices, then the section's newest) and the side
        column's newest stories, with their sections and pictures.

        Read from lists kept in the cache until a story is published or changed (the "listing" tag) and
        shared by every story that shows them: the site's newest and each section's newest. Only the
        editors' choices, for a story that has any, are its own.
        """
        latest, same_section = newest_cards(request, self.section_id)
        if getattr(request, "is_preview", False) or not self.pk:
            return attach_lead_pictures(with_sections(self.draft_related(RELATED), request)), latest
        related = [story for story in self.chosen_cards(request) if story.pk != self.pk][:RELATED]
        taken = {self.pk, *(story.pk for story in related)}
        related += [story for story in same_section if story.pk not in taken][: RELATED - len(related)]
        return related, latest

    @cached_property
    def related_ids(self):
        """The editors' choice of related stories, in their order."""
        return list(
            RelatedArticle.objects.filter(article_id=self.pk)
            .order_by("sort_order")
            .values_list("related_id", flat=True)
        )

    def chosen_cards(self, request):
        """The cards of the editors' related stories that are live, in their order."""
        if not self.related_ids:
            return []

        def cards():
            found = live_articles().select_related(None).in_bulk(self.related_ids)
            stories = with_sections([found[pk] for pk in self.related_ids if pk in found], request)
            return attach_lead_pictures(stories), [LISTING, f"page:{self.pk}"]

        return kept(f"chosen-cards:{self.pk}", cards, request)

    def draft_related(self, limit):
        """A preview's related stories: the draft's choices (held in memory), then the section's newest."""
        chosen_ids = [link.related_id for link in self.related_links.all()]
        chosen = {a.pk: a for a in live_articles().filter(pk__in=chosen_ids)} if chosen_ids else {}
        related = [chosen[pk] for pk in chosen_ids if pk in chosen][:limit]
        if len(related) < limit and self.section_id:
            more = live_articles().filter(section_id=self.section_id).exclude(pk__in=[self.pk, *chosen])
            related += list(more[: limit - len(related)])
        return related

    @cached_property
    def lead_picture(self):
        """The picture for cards, OpenGraph and JSON-LD: the lead image, else the body's first image.

        Listings set it for all their cards at once (``pictures.attach_lead_pictures``).
        """
        return lead_picture_of(self)

    def clean(self):
        super().clean()
        if self.lead_image_id and not ARABIC_LETTER.search(self.lead_image_alt):
            raise ValidationError(
                {"lead_image_alt": _("Describe the lead image in Arabic for readers who cannot see it.")}
            )

    def first_paragraph_index(self):
        for i, block in enumerate(self.body):
            if block.block_type == "paragraph":
                return i
        return None

    def full_clean(self, *args, **kwargs):
        if not self.section_id:
            self.section = self.find_section()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.section = self.find_section() or self.section
        self.published_at = self.first_published_at
        update_fields = kwargs.get("update_fields")
        first_publication = self.live and self.pk and (update_fields is None or "slug" in update_fields)
        provisional = self.slug if first_publication and is_provisional(self.slug) else None
        if provisional:
            self.slug = self.headline_slug()
        super().save(*args, **kwargs)
        if provisional and self.slug != provisional:
            # The drafts keep the new slug too, so the next publication does not bring the old one back.
            for revision in self.revisions.all():
                if revision.content.get("slug") == provisional:
                    revision.content["slug"] = self.slug
                    revision.save(update_fields=["content"])
        if update_fields is None or "published_at" in update_fields:
            copy_published_at_to_links([self.pk])

    def headline_slug(self) -> str:
        """The Arabic headline's slug, unique among the stories of the same month."""
        taken = set(self.get_parent().get_children().exclude(pk=self.pk).values_list("slug", flat=True))
        return unique_slug(headline_slug(self.title), taken, fallback=f"story-{self.pk}")

    def find_section(self):
        if not self.path:
            return None
        return SectionPage.objects.filter(path__in=self._ancestor_paths()).first()

    def _ancestor_paths(self):
        step = self.steplen
        return [self.path[:i] for i in range(step, len(self.path), step)]

    def get_sitemap_urls(self, request=None):
        return [{"location": self.get_full_url(request), "lastmod": self.last_published_at or timezone.now()}]


class ArticleAuthor(Orderable):
    article = ParentalKey(ArticlePage, related_name="article_authors", on_delete=models.CASCADE)
    author = models.ForeignKey(
        "newsroom.Author", verbose_name=_("author"), on_delete=models.CASCADE, related_name="+"
    )
    # As on ArticleTag: an author's newest stories are a range of (author, published_at).
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")]
        indexes = [
            models.Index(fields=["author", "-published_at", "-article"], name="articleauthor_published_idx")
        ]


def copy_published_at_to_links(article_ids):
    """Copy the stories' ``published_at`` onto their byline and topic rows, which sort listings by it.

    Called after anything that writes a story's ``published_at`` or its bylines and topics
    (``ArticlePage.save`` does it for itself; code that updates the column directly calls it).
    """
    for model, column in ((ArticleAuthor, "article_id"), (ArticleTag, "content_object_id")):
        story = ArticlePage.objects.filter(pk=OuterRef(column)).values("published_at")[:1]
        model.objects.filter(**{f"{column}__in": article_ids}).update(published_at=Subquery(story))


def by_author(author):
    """An author's live stories, newest first, read as a range of the byline rows' index."""
    return (
        live_articles()
        .filter(article_authors__author=author)
        .order_by("-article_authors__published_at", "-article_authors__article")
    )


def by_topic(tag):
    """A topic's live stories, newest first, read as a range of the topic rows' index."""
    return (
        live_articles()
        .filter(tagged_items__tag=tag)
        .order_by("-tagged_items__published_at", "-tagged_items__content_object")
    )


class RelatedArticle(Orderable):
    article = ParentalKey(ArticlePage, related_name="related_links", on_delete=models.CASCADE)
    related = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
