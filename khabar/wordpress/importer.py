"""Bring a WordPress site's export into the newsroom: authors, sections, topics, pictures,
posts and pages, comments, and redirects from every old address.

The file is read twice, streaming (``wxr.read``): the first pass creates authors,
sections, topics and pictures (and counts the posts, for the progress line); the second
creates the stories and pages with their comments, each with its row in the import map
(``ImportedObject``), committed ``BATCH`` posts at a time (a post that fails is rolled back
alone). A second run finds every object in the map: what has not changed in WordPress is
left alone, what has is updated; a run cut short goes on where it stopped.

A new published post is written live in one save, the way WordPress had it, rather than
saved as a draft and then published: publishing fires the per-page hand-offs (cache,
search) that the import makes once per batch instead.
"""

import hashlib
import json
import mimetypes
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.models import PageViewRestriction

from khabar.comments.models import ReaderComment, Status
from khabar.core.markup import plain_text
from khabar.core.pagecache import invalidate
from khabar.newsroom.archive import archive_for
from khabar.newsroom.importing.lookups import DEFAULT_SECTION, Lookups, unique_slug
from khabar.newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    InfoPage,
    copy_published_at_to_links,
)
from khabar.search.index import enqueue_reindex
from khabar.wire.fetch import FetchError, fetch

from . import wxr
from .content import Converter, Picture, split_credit
from .models import ImportedObject

Kind = ImportedObject.Kind
UNCATEGORISED = {"uncategorized", "غير-مصنف"}
COMMENT_STATUS = {"1": Status.APPROVED, "0": Status.PENDING, "spam": Status.SPAM, "trash": Status.REJECTED}
IMPORTED_STATUSES = {"publish", "draft", "pending", "future", "private"}
# Posts per transaction in the second pass: fewer commits, and one cache and search hand-off per batch.
BATCH = 100


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: {kind.value: Counter() for kind in Kind})
    redirects: int = 0
    failures: list = field(default_factory=list)
    kept_as_html: Counter = field(default_factory=Counter)

    def count(self, kind, outcome):
        self.counts[kind][outcome] += 1

    def fail(self, kind, wp_id, title, reason):
        self.failures.append({"kind": kind, "id": wp_id, "title": title, "reason": reason})

    def as_dict(self):
        return {
            "counts": {kind: dict(counter) for kind, counter in self.counts.items()},
            "redirects": self.redirects,
            "failures": self.failures,
            "kept_as_html": dict(self.kept_as_html),
        }


class _DryImage:
    pk = None


class Pictures:
    """WordPress attachments as Wagtail images, found by attachment id or by file address."""

    def __init__(self, run):
        self.run = run
        self._by_id = {}
        self._by_path = {}

    @staticmethod
    def uploads_path(url):
        path = unquote(urlsplit(url).path)
        marker = "/wp-content/uploads/"
        return path.split(marker, 1)[1] if marker in path else ""

    def remember(self, wp_id, path, picture):
        self._by_id[wp_id] = picture
        if path:
            self._by_path[path] = picture

    def by_id(self, wp_id):
        if wp_id not in self._by_id:
            self._by_id[wp_id] = self.run.picture_from_map(wp_id)
        return self._by_id[wp_id]

    def by_url(self, url):
        path = self.uploads_path(url)
        if not path:
            return None
        if path in self._by_path:
            return self._by_path[path]
        # WordPress links resized copies: souq-300x169.jpg is souq.jpg.
        stem, dot, ext = path.rpartition(".")
        base = stem.rsplit("-", 1)[0] + dot + ext if stem.rsplit("-", 1)[-1].count("x") == 1 else path
        return self._by_path.get(base)


class WordPressImport:
    def __init__(self, path, *, media_dir=None, dry_run=False, progress=None):
        self.path = Path(path)
        self.media_dir = Path(media_dir) if media_dir else None
        self.dry_run = dry_run
        self.progress = progress or (lambda done, total: None)
        self.report = Report()
        self.site = ""
        self.channel = None
        self.lookups = Lookups()
        self.pictures = Pictures(self)
        self.converter = Converter(self.pictures)
        self._map = {}
        self._authors = {}
        self._sections = {}
        self._topics = {}
        self._changed_tags, self._new_live = set(), []
        self.article_type = ContentType.objects.get_for_model(ArticlePage)

    # The import map -------------------------------------------------------------------------

    def mapped(self, kind, key):
        key = str(key)
        if (kind, key) not in self._map:
            self._map[(kind, key)] = ImportedObject.objects.filter(
                site=self.site, kind=kind, wp_key=key
            ).first()
        return self._map[(kind, key)]

    def remember(self, kind, key, object_id, extra=None):
        key = str(key)
        values = {"object_id": object_id, "extra": extra or {}}
        if (kind, key) in self._map and self._map[(kind, key)] is None:  # looked up: not in the map yet
            row = ImportedObject.objects.create(site=self.site, kind=kind, wp_key=key, **values)
        else:
            row, _ = ImportedObject.objects.update_or_create(
                site=self.site, kind=kind, wp_key=key, defaults=values
            )
        self._map[(kind, key)] = row
        return row

    def look_up(self, kind, keys):
        """Fill the map's cache for ``keys`` in one query (``mapped`` asks one key at a time)."""
        keys = [str(key) for key in keys if (kind, str(key)) not in self._map]
        found = {
            row.wp_key: row
            for row in ImportedObject.objects.filter(site=self.site, kind=kind, wp_key__in=keys)
        }
        for key in keys:
            self._map[(kind, key)] = found.get(key)

    # The run ----------------------------------------------------------------------------------

    def run(self):
        with transaction.atomic():
            self._first_pass()
            if self.dry_run:
                self._second_pass()
                transaction.set_rollback(True)
                return self.report
        self._second_pass()
        return self.report

    def _first_pass(self):
        self.total = 0
        for record in wxr.read(self.path):
            if isinstance(record, wxr.Channel):
                self.channel = record
                self.site = (record.base_blog_url or record.base_site_url or record.link or "wordpress")[:200]
                for old, feed in (
                    ("/feed/", "feed-rss"),
                    ("/feed/rss2/", "feed-rss"),
                    ("/feed/atom/", "feed-atom"),
                ):
                    self.redirect(old, link=reverse(f"newsroom:{feed}"))
            elif isinstance(record, wxr.Author):
                self.author(record)
            elif isinstance(record, wxr.Term):
                self.term(record)
            elif isinstance(record, wxr.Post):
                if record.post_type == "attachment":
                    self.attachment(record)
                elif record.post_type in ("post", "page"):
                    self.total += 1

    def _second_pass(self):
        done = 0
        batch = []
        for record in wxr.read(self.path):
            if not isinstance(record, wxr.Post) or record.post_type == "attachment":
                continue
            if record.post_type not in ("post", "page"):
                self.report.fail(record.post_type, record.wp_id, record.title, "نوع محتوى غير مدعوم")
                continue
            batch.append(record)
            if len(batch) == BATCH:
                done = self._write_batch(batch, done)
                batch = []
        if batch:
            self._write_batch(batch, done)

    def _write_batch(self, records, done):
        self._changed_tags, self._new_live = set(), []
        with transaction.atomic():
            for record in records:
                try:
                    with transaction.atomic():
                        self.post(record)
                except Exception as error:  # one bad post must not stop the move; it is reported
                    self.report.fail(
                        record.post_type, record.wp_id, record.title, f"{type(error).__name__}: {error}"
                    )
                    self._forget_cached_rows()
                done += 1
                self.progress(done, self.total)
            # The hand-offs that publishing each page would have made, once for the batch.
            invalidate(*self._changed_tags)
            enqueue_reindex(self._new_live)
        return done

    def _forget_cached_rows(self):
        """Rows a failed post created were rolled back with it: look everything up afresh."""
        self._map.clear()
        self._topics.clear()
        self._sections.clear()
        self.lookups = Lookups()

    # Authors, sections, topics ------------------------------------------------------------------

    def author(self, record: wxr.Author):
        name = (
            record.display_name
            or " ".join(filter(None, (record.first_name, record.last_name)))
            or record.login
        )
        row = self.mapped(Kind.AUTHOR, record.login)
        author = Author.objects.filter(pk=row.object_id).first() if row else None
        if author is None:
            taken = set(Author.objects.values_list("slug", flat=True))
            slug = unique_slug(slugify(record.login, allow_unicode=True)[:120], taken, fallback="author")
            author = Author.objects.create(name=name[:120], slug=slug)
            self.report.count(Kind.AUTHOR, "created")
        elif author.name != name[:120]:
            author.name = name[:120]
            author.save(update_fields=["name"])
            self.report.count(Kind.AUTHOR, "updated")
        else:
            self.report.count(Kind.AUTHOR, "unchanged")
        self.remember(Kind.AUTHOR, record.login, author.pk)
        self._authors[record.login] = author
        self.redirect(f"/author/{record.login}/", link=author.get_absolute_url())
        self.redirect(f"/?author={record.wp_id}", link=author.get_absolute_url())
        self.redirect(
            f"/author/{record.login}/feed/", link=reverse("newsroom:author-rss", args=[author.slug])
        )

    def term(self, record: wxr.Term):
        if record.kind == "category":
            section = self.section_for(record)
            self._sections[record.slug] = section
            self.redirect(f"/category/{record.slug}/", page=section)
            self.redirect(f"/?cat={record.wp_id}", page=section)
            self.redirect(
                f"/category/{record.slug}/feed/", link=reverse("newsroom:section-rss", args=[section.pk])
            )
        else:
            tag = self.topic_for(record.name, record.slug)
            topic_url = reverse("newsroom:topic", args=[tag.slug])
            self.redirect(f"/tag/{record.slug}/", link=topic_url)
            self.redirect(f"/?tag={record.slug}", link=topic_url)
            self.redirect(f"/tag/{record.slug}/feed/", link=reverse("newsroom:topic-rss", args=[tag.slug]))

    def section_for(self, term):
        if term.slug in self._sections:
            return self._sections[term.slug]
        name = DEFAULT_SECTION if term.slug in UNCATEGORISED or not term.name else term.name[:255]
        existed = self.mapped(Kind.CATEGORY, term.slug)
        section = self.lookups.section(name)
        self.remember(Kind.CATEGORY, term.slug, section.pk)
        self.report.count(Kind.CATEGORY, "unchanged" if existed else "created")
        self._sections[term.slug] = section
        return section

    def topic_for(self, name, slug=""):
        key = slug or name
        if key not in self._topics:
            existed = self.mapped(Kind.TAG, key)
            tag = Tag.objects.filter(pk=existed.object_id).first() if existed else None
            if tag is None:
                tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name[:100])
                self.report.count(Kind.TAG, "created")
            else:
                self.report.count(Kind.TAG, "unchanged")
            self.remember(Kind.TAG, key, tag.pk)
            self._topics[key] = tag
        return self._topics[key]

    # Pictures -------------------------------------------------------------------------------------

    def attachment(self, record: wxr.Post):
        if not (record.meta.get("_wp_attached_file") or record.attachment_url):
            return
        path = record.meta.get("_wp_attached_file") or Pictures.uploads_path(record.attachment_url)
        caption, credit = split_credit(plain_text(record.excerpt))
        alt = record.meta.get("_wp_attachment_image_alt", "").strip()
        extra = {"caption": caption, "credit": credit, "alt": alt, "path": path}
        row = self.mapped(Kind.ATTACHMENT, record.wp_id)
        image = Image.objects.filter(pk=row.object_id).first() if row else None
        if image is None:
            data = self.image_bytes(path, record.attachment_url)
            if data is None:
                self.report.fail(Kind.ATTACHMENT, record.wp_id, record.title, "لم يُعثر على ملف الصورة")
                return
            if self.dry_run:
                self.pictures.remember(record.wp_id, path, Picture(_DryImage(), caption, credit, alt))
                self.report.count(Kind.ATTACHMENT, "created")
                return
            name = PurePosixPath(path or urlsplit(record.attachment_url).path).name or "image.jpg"
            if not (mimetypes.guess_type(name)[0] or "").startswith("image/"):
                self.report.fail(Kind.ATTACHMENT, record.wp_id, record.title, "المرفق ليس صورة")
                return
            try:
                image = Image(
                    title=(record.title or name)[:255],
                    description=alt[:255],
                    file=ImageFile(BytesIO(data), name=name),
                )
                image.save()
            except Exception as error:  # an unreadable picture file
                self.report.fail(Kind.ATTACHMENT, record.wp_id, record.title, f"صورة غير صالحة: {error}")
                return
            self.report.count(Kind.ATTACHMENT, "created")
        else:
            if (image.description or "") != alt[:255]:
                image.description = alt[:255]
                image.save(update_fields=["description"])
            self.report.count(Kind.ATTACHMENT, "unchanged" if row.extra == extra else "updated")
        self.remember(Kind.ATTACHMENT, record.wp_id, image.pk, extra)
        self.pictures.remember(record.wp_id, path, Picture(image, caption, credit, alt))
        if path:
            self.redirect(f"/wp-content/uploads/{path}", link=image.file.url)

    def picture_from_map(self, wp_id):
        row = self.mapped(Kind.ATTACHMENT, wp_id)
        image = Image.objects.filter(pk=row.object_id).first() if row else None
        if image is None:
            return None
        extra = row.extra
        return Picture(image, extra.get("caption", ""), extra.get("credit", ""), extra.get("alt", ""))

    def image_bytes(self, path, url):
        if self.media_dir and path:
            local = (self.media_dir / path).resolve()
            if local.is_relative_to(self.media_dir.resolve()) and local.is_file():
                return local.read_bytes()
        if urlsplit(url).scheme in ("http", "https"):
            try:
                return fetch(url).data
            except FetchError:
                return None
        return None

    # Posts and pages ------------------------------------------------------------------------------

    @staticmethod
    def digest(record):
        payload = [
            record.title,
            record.content,
            record.excerpt,
            record.slug,
            record.status,
            record.password,
            str(record.date_gmt),
            str(record.modified_gmt),
            [c.slug for c in record.categories],
            [t.name for t in record.tags],
            record.meta.get("_thumbnail_id", ""),
            record.creator,
            [(c.wp_id, c.approved, c.content) for c in record.comments],
        ]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()

    def post(self, record: wxr.Post):
        if record.status not in IMPORTED_STATUSES:
            self.report.fail(
                record.post_type, record.wp_id, record.title, f"حالة غير مستوردة: {record.status}"
            )
            return
        kind = Kind.POST if record.post_type == "post" else Kind.PAGE
        digest = self.digest(record)
        row = self.mapped(kind, record.wp_id)
        model = ArticlePage if kind == Kind.POST else InfoPage
        page = model.objects.filter(pk=row.object_id).first() if row else None
        if page is not None and row.extra.get("digest") == digest:
            self.report.count(kind, "unchanged")
            readers = [c for c in record.comments if c.kind in ("", "comment")]
            self.report.counts[Kind.COMMENT]["unchanged"] += len(readers)
            return
        body = self.converter.convert(record.content)
        for label in body.unknown:
            self.report.kept_as_html[label] += 1
        for src in body.missing_images:
            self.report.fail("image", record.wp_id, record.title, f"صورة غير موجودة في التصدير: {src}")
        if kind == Kind.POST:
            page, created = self.article(record, page, body)
        else:
            page, created = self.info_page(record, page, body)
        self.report.count(kind, "created" if created else "updated")
        self.remember(kind, record.wp_id, page.pk, {"digest": digest})
        self.restrict(page, record.password)
        old = urlsplit(record.link).path
        if old and old != "/":
            self.redirect(old, page=page)
        self.redirect(f"/?p={record.wp_id}", page=page)
        if kind == Kind.PAGE:
            self.redirect(f"/?page_id={record.wp_id}", page=page)
        elif old and old != "/":
            self.redirect(old.rstrip("/") + "/feed/", page=page)
        if kind == Kind.POST:
            self.comments(record, page)

    def _fill(self, page, record, body):
        page.title = (record.title or "بلا عنوان")[:255]
        page.draft_title = page.title
        page.body = body.blocks
        if record.excerpt:
            page.standfirst = plain_text(record.excerpt)

    def article(self, record, page, body):
        categories = record.categories
        section = self.section_for(categories[0]) if categories else self.lookups.section(DEFAULT_SECTION)
        created = page is None
        when = record.date_gmt or record.modified_gmt
        if created:
            archive = archive_for(section, when) if when else section
            taken = set(archive.get_children().values_list("slug", flat=True))
            base = slugify(record.slug or record.title, allow_unicode=True)[:80].strip("-")
            page = ArticlePage(slug=unique_slug(base, taken, fallback=f"wp-{record.wp_id}"), live=False)
        self._fill(page, record, body)
        if thumb := record.meta.get("_thumbnail_id", "").strip():
            picture = self.pictures.by_id(int(thumb)) if thumb.isdigit() else None
            if picture is not None and picture.image.pk:
                page.lead_image = picture.image
                page.lead_image_caption = picture.caption[:300]
                page.lead_image_credit = picture.credit[:120]
                page.lead_image_alt = (picture.alt or picture.caption or page.title)[:250]
        page.comments_open = record.comment_status == "open"
        if not created:
            page.article_authors.clear()
        if author := self._authors.get(record.creator):
            page.article_authors.add(ArticleAuthor(author=author))
        page.tags.set([t.name for t in record.tags] + [c.name for c in categories[1:]])
        for topic in record.tags:
            self.topic_for(topic.name, topic.slug)
        if created and record.status == "publish":
            self.add_live(archive, page, record)
        else:
            if created:
                archive.add_child(instance=page)
            self.publish(page, record)
        return page, created

    def add_live(self, parent, page, record):
        """A new published post, written live at once. Like ``import-articles``, it writes no revision:
        the page is its published state, and its first edit in the admin makes revision 1."""
        first = record.date_gmt or record.modified_gmt or timezone.now()
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = first
        page.last_published_at = max(filter(None, (record.modified_gmt, first)))
        parent.add_child(instance=page)
        self._new_live.append(page.pk)
        self._changed_tags.update(
            {
                "listing",
                f"section:{page.section_id}",
                *(f"author:{link.author_id}" for link in page.article_authors.all()),
                *(f"topic:{tag.pk}" for tag in page.tags.all()),
            }
        )

    def info_page(self, record, page, body):
        created = page is None
        if created:
            home = HomePage.objects.first()
            taken = set(home.get_children().values_list("slug", flat=True))
            base = slugify(record.slug or record.title, allow_unicode=True)[:80].strip("-")
            page = InfoPage(slug=unique_slug(base, taken, fallback=f"page-{record.wp_id}"), live=False)
            self._fill(page, record, body)
            home.add_child(instance=page)
        else:
            self._fill(page, record, body)
        self.publish(page, record)
        return page, created

    def publish(self, page, record):
        revision = page.save_revision(log_action=False, clean=False)
        if record.status == "publish":
            revision.publish(log_action=False, skip_permission_checks=True)
            page.refresh_from_db()
            first = record.date_gmt or page.first_published_at
            last = max(filter(None, (record.modified_gmt, first)))
            type(page).objects.filter(pk=page.pk).update(first_published_at=first, last_published_at=last)
            if isinstance(page, ArticlePage):
                ArticlePage.objects.filter(pk=page.pk).update(published_at=first)
                copy_published_at_to_links([page.pk])

    def restrict(self, page, password):
        restrictions = PageViewRestriction.objects.filter(page=page)
        if password:
            restriction = restrictions.first() or PageViewRestriction(page=page)
            restriction.restriction_type = PageViewRestriction.PASSWORD
            restriction.password = password
            restriction.save()
        else:
            restrictions.filter(restriction_type=PageViewRestriction.PASSWORD).delete()

    # Comments ---------------------------------------------------------------------------------------

    def comments(self, record, article):
        threads = {}  # WordPress comment id → (comment here, its top-level comment here)
        self.look_up(Kind.COMMENT, [comment.wp_id for comment in record.comments])
        for comment in sorted(record.comments, key=lambda c: (c.date_gmt is None, c.date_gmt, c.wp_id)):
            if comment.kind not in ("", "comment"):
                self.report.fail(
                    Kind.COMMENT, comment.wp_id, record.title, f"إشارة ({comment.kind}) لا تعليق قارئ"
                )
                continue
            status = COMMENT_STATUS.get(comment.approved, Status.PENDING)
            row = self.mapped(Kind.COMMENT, comment.wp_id)
            existing = ReaderComment.objects.filter(pk=row.object_id).first() if row else None
            if existing is not None:
                if existing.status != status or existing.comment != comment.content.strip():
                    existing.status, existing.comment = status, comment.content.strip()
                    existing.save()
                    self.report.count(Kind.COMMENT, "updated")
                else:
                    self.report.count(Kind.COMMENT, "unchanged")
                threads[comment.wp_id] = (existing, threads.get(comment.parent, (existing, existing))[1])
                continue
            parent, top = threads.get(comment.parent, (None, None))
            new = ReaderComment(
                content_type=self.article_type,
                object_pk=str(article.pk),
                site_id=settings.SITE_ID,
                article=article,
                user_name=(comment.author or "قارئ")[:50],
                user_email=comment.author_email[:254],
                user_url=comment.author_url
                if urlsplit(comment.author_url).scheme in ("http", "https")
                else "",
                comment=comment.content.strip()[: settings.COMMENT_MAX_LENGTH * 4],
                submit_date=comment.date_gmt or article.first_published_at,
                status=status,
            )
            if parent is not None:
                # Replies go one level deep here: a reply to a reply joins its thread's first level.
                new.parent_id = parent.pk if parent.level == 0 else top.pk
            new.save()
            self.report.count(Kind.COMMENT, "created")
            self.remember(Kind.COMMENT, comment.wp_id, new.pk)
            threads[comment.wp_id] = (new, top or new)

    # Redirects --------------------------------------------------------------------------------------

    def redirect(self, old_path, *, page=None, link=""):
        if self.dry_run and page is not None and page.pk is None:
            return
        path = Redirect.normalise_path(iri_to_uri(unquote(old_path)))
        if not path or path == "/":
            return
        values = {
            "redirect_page": page,
            "redirect_link": "" if page is not None else link,
            "is_permanent": True,
        }
        _, created = Redirect.objects.update_or_create(old_path=path, site=None, defaults=values)
        if created:
            self.report.redirects += 1
