"""The demo newsroom loaded by ``khabar load-demo`` (and so by ``make run``).

The stories in ``stories.json`` were written for Khabar: real-sounding agency
copy about fictional events. They are created the way an editor creates them
in Wagtail (add_child, a revision, publish), so the demo also exercises the
ordinary publishing path that the bulk importer bypasses. Author portraits and
news pictures are drawn by :mod:`.pictures`; nothing is downloaded.
"""

import datetime as dt
import html
import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Site

from ..archive import archive_for
from ..importing.bulk import headline_slug
from ..importing.lookups import Lookups
from ..models import ArticleAuthor, ArticlePage, Author, copy_published_at_to_links
from .pictures import image_file, portrait_file

DATA = Path(__file__).with_name("stories.json")


def load_data():
    return json.loads(DATA.read_text(encoding="utf-8"))


def point_site_at_base_url():
    """The default Site answers at KHABAR_BASE_URL, so canonical links and sitemaps are right."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return None
    site.hostname = base.hostname or "localhost"
    site.port = base.port or (443 if base.scheme == "https" else 80)
    site.site_name = settings.WAGTAIL_SITE_NAME
    site.save()
    return site


def _image(title, make_file):
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image.objects.create(title=title, file=make_file())
    return image


def _author(entry):
    author = Author.objects.filter(slug=entry["slug"]).first()
    if author is None:
        author = Author(slug=entry["slug"])
    author.name, author.role, author.bio = entry["name"], entry["role"], entry["bio"]
    if author.photo_id is None:
        slug, palette = entry["slug"], entry["palette"]
        author.photo = _image(f"صورة {entry['name']}", lambda: portrait_file(slug, palette))
    author.save()
    return author


def _body(blocks, images):
    body = []
    for kind, value in blocks:
        if kind == "paragraph":
            body.append(("paragraph", f"<p>{html.escape(value, quote=False)}</p>"))
        elif kind == "image":
            body.append(("image", {**value, "image": images[value["image"]]}))
        else:
            body.append((kind, value))
    return body


def _publish(story, section, lookups, authors, images, now):
    first = now - dt.timedelta(hours=story["hours_ago"])
    last = now - dt.timedelta(hours=story["updated_hours_ago"]) if "updated_hours_ago" in story else first
    article = ArticlePage(
        title=story["headline"],
        slug=headline_slug(story["headline"]),
        standfirst=story["standfirst"],
        dateline_city=story["city"],
        agency_id=lookups.agency_id(story["agency"]),
        source_url=story["source_url"],
        source_title=story["source_title"],
        body=_body(story["body"], images),
    )
    if lead := story.get("lead"):
        article.lead_image = images[lead["image"]]
        article.lead_image_caption, article.lead_image_credit = lead["caption"], lead["credit"]
        article.lead_image_alt = lead["alt"]
    archive_for(section, first).add_child(instance=article)
    for order, slug in enumerate(story["authors"]):
        ArticleAuthor.objects.create(article=article, author=authors[slug], sort_order=order)
    if story["topics"]:
        article.tags.add(*story["topics"])
    article.save_revision().publish()
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=first, published_at=first, last_published_at=last, latest_revision_created_at=last
    )
    copy_published_at_to_links([article.pk])
    return article


def already_loaded(data=None):
    data = data or load_data()
    titles = [story["headline"] for story in data["stories"]]
    return ArticlePage.objects.filter(title__in=titles).count() == len(titles)


@transaction.atomic
def load_demo(now=None):
    """Create the demo authors, pictures and stories that are missing; returns how many stories were created."""
    data = load_data()
    point_site_at_base_url()
    now = now or timezone.now()
    authors = {entry["slug"]: _author(entry) for entry in data["authors"]}
    images = {
        entry["key"]: _image(
            entry["title"], lambda e=entry: image_file(e["key"], e["palette"], e.get("kind", "scene"))
        )
        for entry in data["images"]
    }
    lookups = Lookups()
    existing = set(ArticlePage.objects.values_list("title", flat=True))
    created = 0
    for story in data["stories"]:
        if story["headline"] in existing:
            continue
        _publish(story, lookups.section(story["section"]), lookups, authors, images, now)
        created += 1
    if created:
        _curate_front(now)
    return created


def _curate_front(now):
    """What an editor would do with the demo: a lead, top stories, a breaking story and a correction."""
    from ..models import ArticleNote, HomePage, TopStory
    from ..models.pages import live_articles

    newest = list(live_articles())
    if len(newest) < 4:
        return
    home = HomePage.objects.get()
    home.lead_story = newest[1]
    home.top_stories = [TopStory(article=story, sort_order=i) for i, story in enumerate(newest[2:5])]
    home.save_revision().publish()

    breaking = ArticlePage.objects.get(pk=newest[0].pk)
    breaking.breaking_until = now + dt.timedelta(hours=12)
    breaking.save_revision().publish()
    corrected = ArticlePage.objects.get(pk=newest[2].pk)
    corrected.notes = [
        ArticleNote(
            kind=ArticleNote.CORRECTION,
            noted_at=now - dt.timedelta(minutes=30),
            text="ذكرت نسخة سابقة من هذا الخبر أن الجلسة عُقدت صباحًا، والصحيح أنها عُقدت بعد الظهر.",
        )
    ]
    corrected.save_revision().publish()
