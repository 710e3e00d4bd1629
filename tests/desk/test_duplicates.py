"""The same story from two agencies: offered once on the desk, and a second translation warns."""

import pytest

from khabar.desk.views import waiting_wire_stories
from khabar.wire.models import WireItem

pytestmark = pytest.mark.django_db


def _item(uri, headline, agency=None, cluster=None):
    item = WireItem.objects.create(
        uri=uri,
        version="1",
        agency=agency,
        language="en",
        headline=headline,
        body_html="<p>MOSCOW (AP) — Russia's Federation Council ratified the treaty on Wednesday.</p>",
        pubstatus="usable",
    )
    if cluster is not None:
        WireItem.objects.filter(pk=item.pk).update(cluster_id=cluster.pk if cluster != "self" else item.pk)
        item.refresh_from_db()
    return item


def test_the_desk_offers_a_story_once_and_not_after_it_is_used(client, admin_user, agency, section):
    first = _item("urn:ap:1", "Russia ratifies military treaty", agency, cluster="self")
    twin = _item("urn:reuters:1", "Russia's upper house backs treaty", cluster=first)
    alone = _item("urn:ap:2", "Markets fall")
    items = waiting_wire_stories()
    assert [i.pk for i in items] == [alone.pk, twin.pk]
    assert [o.pk for o in items[1].folded] == [first.pk]
    client.force_login(admin_user)
    html = client.get("/admin/desk/").content.decode()
    assert first.headline in html and "أ.ب" in html  # folded under its twin, by the agency's credit

    from khabar.desk.drafting import open_translation

    open_translation(first, admin_user, section)
    assert [i.pk for i in waiting_wire_stories()] == [alone.pk]  # the twin's story is on the desk


def test_a_second_translation_of_the_same_story_warns_and_links_to_the_first(
    client, admin_user, agency, section
):
    from khabar.desk.drafting import open_translation
    from khabar.desk.models import Translation

    first = _item("urn:ap:1", "Russia ratifies military treaty", agency, cluster="self")
    twin = _item("urn:reuters:1", "Russia's upper house backs treaty", cluster=first)
    translation = open_translation(first, admin_user, section)
    client.force_login(admin_user)
    url = f"/admin/desk/translate/{twin.pk}/"
    html = client.get(url).content.decode()
    assert "هذه القصة على المكتب بالفعل" in html and f"/admin/desk/translation/{translation.pk}/" in html
    # «ترجمة» pressed elsewhere (the desk list's form) lands on the warning, and nothing is made.
    response = client.post(url, {"section": section.pk})
    assert response.status_code == 200 and "هذه القصة على المكتب بالفعل" in response.content.decode()
    assert Translation.objects.count() == 1
    # Confirmed, the translator gets a second article of the story.
    response = client.post(url, {"section": section.pk, "again": "1"})
    assert response.status_code == 302 and Translation.objects.filter(item=twin).exists()


def test_no_warning_for_a_story_not_on_the_desk(client, admin_user, agency, section):
    alone = _item("urn:ap:2", "Markets fall", agency)
    client.force_login(admin_user)
    html = client.get(f"/admin/desk/translate/{alone.pk}/").content.decode()
    assert "هذه القصة على المكتب بالفعل" not in html and "سياسة" in html
