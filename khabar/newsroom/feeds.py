"""RSS 2.0 and Atom feeds for the whole site, each section, author and topic.

Every link is absolute and built from the Wagtail Site (the same root as the
canonical links), never from django.contrib.sites, whose default domain is
example.com.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from taggit.models import Tag
from wagtail.models import Site

from khabar.core.pagecache import tag_request

from . import breaking
from .models import Author, NewsroomSettings, SectionPage
from .models.pages import by_author, by_topic, live_articles, public_pages

FEED_SIZE = 30
BREAKING_CATEGORY = "عاجل"


class ArabicRss(Rss201rev2Feed):
    content_type = "application/rss+xml; charset=utf-8"


class ArabicAtom(Atom1Feed):
    content_type = "application/atom+xml; charset=utf-8"


class LatestRss(Feed):
    """The latest stories of the whole site."""

    feed_type = ArabicRss
    language = "ar"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.site = Site.find_for_request(request)
        self.settings = NewsroomSettings.for_request(request)
        tag_request(request, "listing", "settings")
        self.breaking = {story["pk"] for story in breaking.for_request(request)}
        return super().__call__(request, *args, **kwargs)

    def title(self, obj=None):
        return self.settings.publication_name

    def subtitle(self, obj=None):
        return self.settings.tagline

    description = subtitle

    def absolute(self, path):
        return self.site.root_url.rstrip("/") + path

    def link(self, obj=None):
        return self.absolute("/")

    def feed_url(self, obj=None):
        return self.absolute(self.request.path)

    def articles(self, obj):
        return live_articles()

    def items(self, obj=None):
        return (
            self.articles(obj)
            .select_related("agency")
            .prefetch_related("article_authors__author", "tags", "notes")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst or item.search_description

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        # A correction or update note dates the story's last change too.
        return item.updated_at or item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        names = [link.author.name for link in item.article_authors.all()]
        return "، ".join(names) or (item.agency.byline if item.agency_id else self.settings.publication_name)

    def item_categories(self, item):
        marker = [BREAKING_CATEGORY] if item.pk in self.breaking else []
        return marker + [tag.name for tag in item.tags.all()]


class LatestAtom(LatestRss):
    feed_type = ArabicAtom


class SectionRss(LatestRss):
    def get_object(self, request, pk):
        return get_object_or_404(public_pages(SectionPage.objects.live()), pk=pk)

    def title(self, obj=None):
        return f"{obj.title} — {self.settings.publication_name}"

    def link(self, obj=None):
        return obj.get_full_url(self.request)

    def articles(self, obj):
        tag_request(self.request, f"section:{obj.pk}")
        return live_articles().filter(section=obj)


class SectionAtom(SectionRss):
    feed_type = ArabicAtom


class AuthorRss(LatestRss):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} — {self.settings.publication_name}"

    def link(self, obj=None):
        return self.absolute(obj.get_absolute_url())

    def articles(self, obj):
        tag_request(self.request, f"author:{obj.pk}")
        return by_author(obj)


class AuthorAtom(AuthorRss):
    feed_type = ArabicAtom


class TopicRss(LatestRss):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj=None):
        return f"{obj.name} — {self.settings.publication_name}"

    def link(self, obj=None):
        return self.absolute(reverse("newsroom:topic", kwargs={"slug": obj.slug}))

    def articles(self, obj):
        tag_request(self.request, f"topic:{obj.pk}")
        return by_topic(obj)


class TopicAtom(TopicRss):
    feed_type = ArabicAtom
