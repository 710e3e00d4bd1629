"""Corrections and updates: dated notes on a published story, on the page, in JSON-LD and in the feeds."""

import datetime as dt
import json

import lxml.html
import pytest
from django.utils import timezone
from lxml import etree

from khabar.newsroom.models import ArticleNote, ArticlePage

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def corrected(make_article):
    article = make_article(
        "وزير الخارجية يزور موسكو", slug="visit", published_at=timezone.now() - dt.timedelta(days=1)
    )
    article = ArticlePage.objects.get(pk=article.pk)
    article.notes = [
        ArticleNote(
            kind="correction",
            noted_at=timezone.now() - dt.timedelta(hours=3),
            text="ذكرت نسخة سابقة أن الزيارة يوم الثلاثاء، والصحيح الأربعاء.",
        ),
        ArticleNote(
            kind="update",
            noted_at=timezone.now() - dt.timedelta(hours=1),
            text="أضيفت تصريحات الوزير بعد اللقاء.",
        ),
    ]
    article.save_revision().publish()
    # Published a day ago: the notes, not the publication, are the story's latest change.
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=article.first_published_at)
    return ArticlePage.objects.get(pk=article.pk)


def test_notes_show_on_the_page_with_their_kind_and_time(client, corrected):
    doc = lxml.html.fromstring(client.get(corrected.url).content.decode())
    notes = doc.cssselect(".notes .note")
    assert [n.cssselect(".note-label")[0].text for n in notes] == ["تصحيح", "تحديث"]
    assert "الأربعاء" in notes[0].text_content()
    assert notes[0].cssselect("time")[0].get("datetime")
    # The newest note is the story's last update.
    updated = doc.cssselect(".times time")[-1].get("datetime")
    assert dt.datetime.fromisoformat(updated) == corrected.dated_notes[-1].noted_at


def test_notes_are_kept_with_the_revision(corrected):
    revision = corrected.latest_revision
    assert [note["kind"] for note in revision.content["notes"]] == ["correction", "update"]
    # A draft's new note waits for publication.
    draft = corrected.latest_revision.as_object()
    draft.notes.add(ArticleNote(kind="correction", text="تصحيح ثانٍ"))
    draft.save_revision()
    assert ArticleNote.objects.filter(article=corrected).count() == 2


def test_json_ld_carries_the_corrections(client, corrected):
    doc = lxml.html.fromstring(client.get(corrected.url).content.decode())
    data = json.loads(doc.cssselect('script[type="application/ld+json"]')[0].text)
    assert [c["text"] for c in data["correction"]] == [corrected.dated_notes[0].text]
    assert data["correction"][0]["@type"] == "CorrectionComment"
    assert dt.datetime.fromisoformat(data["dateModified"]) == corrected.dated_notes[-1].noted_at


def test_the_feeds_updated_time_follows_the_newest_note(client, corrected):
    atom = etree.fromstring(client.get("/feeds/atom/").content)
    entry = next(e for e in atom.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == corrected.title)
    newest_note = corrected.dated_notes[-1].noted_at
    assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == newest_note
