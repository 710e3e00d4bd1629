"""Partner access: tokens, sections, rate limits, the agency-copy rule, paging with since= and a cursor."""

import datetime as dt
import json
import time

import pytest
from django.test import Client
from django.utils import timezone

from khabar.newsroom.models import ArticlePage
from khabar.syndication.models import AgencyLicence, Partner, hash_token
from khabar.wire.models import ItemUse, WireItem

pytestmark = pytest.mark.django_db


def _error(response):
    assert response["Content-Type"].startswith("application/json")
    assert response["Cache-Control"] == "private, no-store"
    return json.loads(response.content)["error"]


def test_a_missing_wrong_or_revoked_token_is_refused_in_arabic(client, make_partner, staff_article):
    article = staff_article()
    partner, token = make_partner()
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer khb_wrong"}, {"HTTP_AUTHORIZATION": f"Token {token}"}):
        response = client.get(f"/api/ninjs/{article.pk}", **headers)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert "رمز الشريك" in _error(response)
    assert client.get("/api/ninjs/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    Partner.objects.filter(pk=partner.pk).update(active=False)
    assert client.get("/api/ninjs/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_only_a_hash_of_the_token_is_stored(make_partner):
    partner, token = make_partner()
    stored = Partner.objects.filter(pk=partner.pk).values().get()
    assert token not in json.dumps(stored, default=str)
    assert stored["token_hash"] == hash_token(token) and token.startswith(stored["token_hint"])


def test_a_partner_gets_only_its_sections(make_partner, staff_article, second_section):
    politics = staff_article("في السياسة")
    economy = staff_article("في الاقتصاد", in_section=second_section)
    _partner, token = make_partner(sections=[second_section])
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get(f"/api/ninjs/{politics.pk}").status_code == 404
    assert api.get(f"/api/ninjs/{economy.pk}").status_code == 200
    assert api.get("/api/ninjs/?section=politics").status_code == 404
    assert "قسم" in _error(api.get("/api/ninjs/?section=no-such-section"))
    items = json.loads(api.get("/api/ninjs/?section=economy").content)["items"]
    assert [item["headlines"][0]["value"] for item in items] == ["في الاقتصاد"]
    assert len(json.loads(api.get("/api/ninjs/").content)["items"]) == 1


def test_agency_copy_needs_a_licence_and_wire_terms_that_allow_it(api, make_article, agency, ninjs_validator):
    story = make_article("خبر وكالة")  # credited to AP
    url = f"/api/ninjs/{story.pk}"
    assert api.get(url).status_code == 404  # default deny
    licence = AgencyLicence.objects.create(agency=agency, redistribute=False, usage_terms="للشركاء فقط")
    assert api.get(url).status_code == 404
    licence.redistribute = True
    licence.save()
    data = json.loads(api.get(url).content)
    ninjs_validator.validate(data)
    assert data["usageterms"] == "للشركاء فقط" and data["copyrightholder"] == "Associated Press"
    item = WireItem.objects.create(
        uri="urn:ap:1", version="1", headline="Treaty", agency=agency, usage="reference",
        copyright_holder="The Associated Press", usage_terms="Not for redistribution",
    )  # fmt: skip
    use = ItemUse.objects.create(item=item, article=story)
    assert api.get(url).status_code == 404  # the wire item is reference only
    WireItem.objects.filter(pk=item.pk).update(
        usage="translate", usage_terms="May be redistributed by subscribers"
    )
    data = json.loads(api.get(url).content)
    assert data["usageterms"] == "May be redistributed by subscribers"
    assert data["copyrightholder"] == "The Associated Press"
    ItemUse.objects.filter(pk=use.pk).update(flagged_at=timezone.now())  # the agency killed its story
    assert api.get(url).status_code == 404
    assert json.loads(api.get("/api/ninjs/").content)["items"] == []


def test_the_rate_limit_is_per_partner(make_partner, staff_article, settings):
    staff_article()
    _partner, token = make_partner("محدود", rate_limit=3)
    _other, other_token = make_partner("آخر", rate_limit=3)
    limited, other = (
        Client(HTTP_AUTHORIZATION=f"Bearer {token}"),
        Client(HTTP_AUTHORIZATION=f"Bearer {other_token}"),
    )
    for _attempt in range(3):  # a minute that ends mid-run restarts the count: run again in the next one
        window = int(time.time() // 60)
        codes = [limited.get("/api/ninjs/").status_code for _ in range(4)]
        if int(time.time() // 60) == window:
            break
    assert codes == [200, 200, 200, 429]
    response = limited.get("/api/ninjs/")
    assert response.status_code == 429 and 0 < int(response["Retry-After"]) <= 60
    assert "الطلبات" in _error(response)
    assert other.get("/api/ninjs/").status_code == 200


def _page(api, url):
    data = json.loads(api.get(url).content)
    return [int(item["altids"][1]["value"]) for item in data["items"]], data


def test_since_and_the_cursor_give_every_change_once_in_order(api, staff_article):
    start = timezone.now() - dt.timedelta(days=1)
    stories = []
    for n in range(5):
        stories.append(staff_article(f"خبر {n}", slug=f"s{n}", published_at=start + dt.timedelta(minutes=n)))
    old = staff_article("خبر قديم", slug="old", published_at=start - dt.timedelta(days=1))
    since = (start - dt.timedelta(seconds=1)).isoformat()
    seen, url = [], f"/api/ninjs/?since={since.replace('+', '%2B')}&limit=2"
    while True:
        ids, data = _page(api, url)
        seen += ids
        url = data["next"]
        if not data["has_more"]:
            break
    assert seen == [story.pk for story in stories] and old.pk not in seen
    assert _page(api, url)[0] == []  # polling next again: nothing new yet
    # A correction republishes story 1: the same next link now brings it, and only it.
    ArticlePage.objects.filter(pk=stories[1].pk).update(last_published_at=timezone.now())
    ids, data = _page(api, url)
    assert ids == [stories[1].pk]
    assert _page(api, data["next"])[0] == []


def test_bad_parameters_are_explained(api):
    for query in ("since=yesterday", "cursor=@@@", "limit=0", "limit=500", "limit=x"):
        response = api.get(f"/api/ninjs/?{query}")
        assert response.status_code == 400, query
        assert _error(response)


def test_queries_stay_bounded_however_many_stories(
    api, staff_article, make_image, author, django_assert_max_num_queries
):
    for n in range(8):
        article = staff_article(f"خبر {n}", slug=f"q{n}", topics=[f"موضوع {n}"], body=[
            ("paragraph", "<p>نص</p>"), ("image", {"image": make_image(), "caption": "صورة", "credit": ""}),
        ])  # fmt: skip
        article.lead_image = make_image()
        article.lead_image_alt = "صورة"
        article.save_revision().publish()
    api.get("/api/ninjs/?limit=2")  # warm the site and settings look-ups
    with django_assert_max_num_queries(12):
        assert len(json.loads(api.get("/api/ninjs/?limit=100").content)["items"]) == 8
    with django_assert_max_num_queries(12):
        assert api.get(f"/api/ninjs/{article.pk}").status_code == 200
