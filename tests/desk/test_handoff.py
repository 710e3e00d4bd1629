"""The one hand-off from the wire to the desk: the service, its admin route and ``khabar desk translate``."""

import json
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from khabar.desk.handoff import start_translation
from khabar.desk.models import Segment, Translation
from khabar.newsroom.models import ArticlePage
from khabar.wire.ingest import ingest_bytes
from khabar.wire.models import ItemUse, WireItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def ninjs_item(glossary):
    """An AP story as ninjs 2 sends it: a uri that is an identifier, a summary, a web link."""
    data = {
        "uri": "http://ninjs.example.com/newsitems/20130709simp123",
        "version": "1",
        "language": "en",
        "headlines": [{"role": "main", "value": "Russia ratifies military treaty"}],
        "descriptions": [{"role": "summary", "value": "Lawmakers backed the pact with Moscow's ally."}],
        "copyrightholder": "The Associated Press",
        "links": [{"rel": "canonical", "href": "https://apnews.com/article/russia-treaty"}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": "<p>MOSCOW (AP) — Russia's Federation Council ratified the treaty.</p><p>More.</p>",
            }
        ],
    }
    ingest_bytes(json.dumps(data).encode())
    return WireItem.objects.get()


def test_the_service_credits_the_agency_translates_the_dateline_and_keeps_identifiers_out(
    ninjs_item, admin_user, section
):
    handoff = start_translation(ninjs_item, section, admin_user)
    article = ArticlePage.objects.get(pk=handoff.article.pk)
    assert handoff.created and handoff.translation.item == ninjs_item
    assert article.agency.name == "Associated Press"  # from the dateline and the copyright holder
    assert article.dateline_city == "موسكو"  # through the glossary
    assert article.source_url == "https://apnews.com/article/russia-treaty"  # not the ninjs uri
    assert article.source_title == "Russia ratifies military treaty"  # kept as the newsroom's record
    assert article.byline_text == "أسوشيتد برس" and article.translator == admin_user.username
    segments = list(handoff.translation.segments.order_by("position"))
    assert [s.kind for s in segments] == ["headline", "standfirst", "paragraph", "paragraph"]
    assert segments[1].source == "Lawmakers backed the pact with Moscow's ally."
    assert segments[2].target == "موسكو (أ.ب) — "
    assert ItemUse.objects.get(article=article).item == ninjs_item


def test_an_identifier_uri_is_never_a_source_link(glossary, admin_user, section):
    data = {"uri": "http://ninjs.example.com/newsitems/1", "headline": "Talks", "language": "en",
            "body_text": "Officials met."}  # fmt: skip
    ingest_bytes(json.dumps(data).encode())
    article = start_translation(WireItem.objects.get(), section, admin_user).article
    assert WireItem.objects.get().link == "" and article.source_url == ""


def test_the_standfirst_segment_is_saved_into_the_standfirst(client, admin_user, ninjs_item, section):
    translation = start_translation(ninjs_item, section, admin_user).translation
    standfirst = translation.segments.get(kind=Segment.Kind.STANDFIRST)
    client.force_login(admin_user)
    client.post(
        reverse("desk_editor", args=[translation.pk]),
        {f"target-{standfirst.pk}": "أيّد النواب الاتفاق.", f"status-{standfirst.pk}": "edited"},
    )
    draft = ArticlePage.objects.get(pk=translation.article_id).get_latest_revision_as_object()
    assert draft.standfirst == "أيّد النواب الاتفاق."
    assert all("أيّد النواب" not in str(block.value) for block in draft.body)  # not a body paragraph


def test_starting_twice_returns_the_first_translation(wire_item, admin_user, section):
    first = start_translation(wire_item, section, admin_user)
    again = start_translation(wire_item, section, admin_user)
    assert (first.created, again.created) == (True, False)
    assert again.translation.pk == first.translation.pk and again.article.pk == first.article.pk
    assert Translation.objects.count() == ArticlePage.objects.count() == ItemUse.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="two connections at once: PostgreSQL")
def test_two_desks_pressing_translate_at_once_make_one_article(glossary, agency, section):
    item = WireItem.objects.create(
        uri="urn:race:1", version="1", language="en", headline="Race", body_html="<p>MOSCOW (AP) — Go.</p>"
    )
    users = [get_user_model().objects.create_user(f"t{i}", password="x") for i in range(2)]
    barrier, results, errors = threading.Barrier(2), [], []

    def press(user):
        try:
            barrier.wait(timeout=30)
            results.append(start_translation(item, section, user).created)
        except Exception as exc:  # reported below, so a failure in a thread fails the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [False, True]
    assert (
        Translation.objects.filter(item=item).count() == 1 and ItemUse.objects.filter(item=item).count() == 1
    )


def test_the_route_asks_for_the_section_then_opens_the_desk_editor(client, admin_user, wire_item, section):
    client.force_login(admin_user)
    url = reverse("desk_translate_item", args=[wire_item.pk])
    form = client.get(url).content.decode()
    assert section.title in form and "Credit AP. No archiving." in form
    assert "أسوشيتد برس (أ.ب)" in form  # who the story will be credited to
    response = client.post(url, {"section": section.pk})
    translation = Translation.objects.get()
    assert response["Location"] == f"/admin/desk/translation/{translation.pk}/"
    assert client.get(url)["Location"] == response["Location"]  # pressed again: the same translation
    assert client.post(url, {"section": section.pk})["Location"] == response["Location"]
    assert Translation.objects.count() == 1


def test_the_route_needs_desk_rights(client, wire_item, section):
    clerk = get_user_model().objects.create_user("clerk", password="x")
    client.force_login(clerk)
    assert client.post(
        reverse("desk_translate_item", args=[wire_item.pk]), {"section": section.pk}
    ).status_code in (
        302,
        403,
    )
    assert not Translation.objects.exists()


def test_a_javascript_link_from_ap_media_is_not_stored_and_translate_answers(
    client, admin_user, section, glossary
):
    feed = {"api_version": "2", "data": {"items": [{"item": {
        "uri": "https://api.ap.org/media/v/content/evil", "headline": "Talks", "version": 0, "language": "en",
        "headline_extended": "MOSCOW (AP) — Officials met.",
        "renditions": {"nitf": {"href": "javascript:alert(document.cookie)"}},
    }}]}}  # fmt: skip
    ingest_bytes(json.dumps(feed).encode())
    item = WireItem.objects.get()
    assert item.link == ""
    client.force_login(admin_user)
    response = client.post(reverse("desk_translate_item", args=[item.pk]), {"section": section.pk})
    assert response.status_code == 302
    translation = Translation.objects.get()
    html = client.get(response["Location"]).content.decode()
    assert "javascript:" not in html and translation.article.source_url == ""


def test_command_starts_then_returns_the_translation(run, wire_item, section):
    code, out, err = run("desk", "translate", wire_item.uri, "--section", section.slug, "--json")
    assert code == 0, err
    result = json.loads(out)
    translation = Translation.objects.get()
    article = translation.article
    assert result == {
        "translation": translation.pk,
        "created": True,
        "article": {
            "id": article.pk,
            "title": "Russia ratifies military treaty",
            "agency": "Associated Press",
            "byline": "أسوشيتد برس",
            "dateline_city": "موسكو",
            "source_url": "https://apnews.com/article/1",
            "standfirst": "",
        },
        "edit_url": f"http://127.0.0.1:8000/admin/desk/translation/{translation.pk}/",
    }
    code, out, _ = run("desk", "translate", wire_item.uri, "--section", section.slug, "--json")
    assert (
        code == 0 and json.loads(out)["created"] is False and json.loads(out)["translation"] == translation.pk
    )


@pytest.mark.parametrize("case", ["unknown item", "killed item", "unknown section"])
def test_command_refuses_with_arabic_and_english(run, wire_item, section, case):
    uri, slug = wire_item.uri, section.slug
    if case == "unknown item":
        uri = "urn:nothing"
    elif case == "killed item":
        WireItem.objects.filter(pk=wire_item.pk).update(pubstatus="canceled")
    else:
        slug = "no-such-section"
    code, out, err = run("desk", "translate", uri, "--section", slug, "--json")
    assert code == 2 and out == ""
    arabic, english = err.strip().splitlines()
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic) and english.isascii()
    assert not Translation.objects.exists() and not ArticlePage.objects.exists()
