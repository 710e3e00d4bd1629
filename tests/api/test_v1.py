"""/api/v1/: what readers can see, in a stable order, paginated, with Arabic errors and bounded queries."""

import pytest
from wagtail.models import Site

from khabar.api.v1 import MAX_LIMIT

from .conftest import T0

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content.decode()
    return [item["id"] for item in response.json()["results"]]


def test_articles_are_the_public_stories_newest_first(client, newsroom):
    stories, private, hidden = newsroom
    response = client.get("/api/v1/articles")
    assert ids(response) == [story.pk for story in reversed(stories)]
    body = response.json()
    assert {key: body[key] for key in ("count", "page", "pages", "limit", "next", "previous")} == {
        "count": 4,
        "page": 1,
        "pages": 1,
        "limit": 20,
        "next": None,
        "previous": None,
    }
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "خبر رقم 3" in response.content.decode()  # Arabic as it is, not \u escapes


def test_article_fields_and_absolute_urls(client, newsroom, agency, author):
    stories, _private, _hidden = newsroom
    root = Site.objects.get(is_default_site=True).root_url
    newest = client.get("/api/v1/articles").json()["results"][0]
    assert newest["id"] == stories[3].pk
    assert newest["url"] == root + stories[3].url
    assert newest["headline"] == "خبر رقم 3"
    assert newest["published_at"] == "2026-11-23T09:00:00Z"
    assert newest["section"] == {"id": stories[3].section_id, "title": "اقتصاد", "url": root + "/economy/"}
    assert newest["authors"] == [
        {"id": author.pk, "name": author.name, "slug": author.slug, "url": root + "/authors/sara-almansouri/"}
    ]
    assert [topic["name"] for topic in newest["topics"]] == ["النفط"]
    assert newest["topics"][0]["url"].startswith(root + "/topics/")
    assert newest["agency"] == {
        "name": "Associated Press",
        "arabic_name": agency.arabic_name,
        "credit": agency.credit,
    }
    assert newest["byline"] == author.name
    assert newest["dateline"].startswith("موسكو")
    picture = newest["lead_image"]
    assert picture["url"].startswith(root + "/media/") and picture["width"] * 675 == picture["height"] * 1200
    assert (picture["alt"], picture["caption"]) == ("ميناء عند الغروب", "ميناء جدة")


def test_article_detail_has_the_body(client, newsroom):
    stories, _private, _hidden = newsroom
    detail = client.get(f"/api/v1/articles/{stories[0].pk}").json()
    assert detail["headline"] == "خبر رقم 0"
    assert [block["type"] for block in detail["body"]] == ["paragraph", "subheading", "paragraph"]
    assert detail["body"][0] == {
        "type": "paragraph",
        "html": "<p>صادق مجلس الاتحاد الروسي يوم الأربعاء على معاهدة للتعاون العسكري.</p>",
    }
    assert detail["body"][1] == {"type": "subheading", "text": "ردود فعل دولية"}
    assert detail["notes"] == []


def test_private_and_unpublished_stories_never_show(client, newsroom):
    stories, private, hidden = newsroom
    listed = set(ids(client.get("/api/v1/articles", {"limit": MAX_LIMIT})))
    assert private.pk not in listed and hidden.pk not in listed
    for story in (private, hidden):
        response = client.get(f"/api/v1/articles/{story.pk}")
        assert response.status_code == 404
        assert response.json() == {"error": "لا يوجد خبر منشور بهذا الرقم."}
    # The restricted section is no section to readers, nor a filter; its topic is no topic.
    assert "closed" not in [s["slug"] for s in client.get("/api/v1/sections").json()["results"]]
    assert client.get("/api/v1/articles", {"section": "closed"}).status_code == 404
    assert "سر" not in [t["name"] for t in client.get("/api/v1/topics").json()["results"]]
    assert "سري" not in client.get("/api/v1/articles", {"limit": MAX_LIMIT}).content.decode()
    stories[1].unpublish()
    assert stories[1].pk not in ids(client.get("/api/v1/articles"))
    assert client.get(f"/api/v1/articles/{stories[1].pk}").status_code == 404


def test_filters(client, newsroom, second_section, second_author):
    stories, _private, _hidden = newsroom
    pks = [story.pk for story in stories]
    assert ids(client.get("/api/v1/articles", {"section": "economy"})) == [pks[3], pks[1]]
    assert ids(client.get("/api/v1/articles", {"section": "politics"})) == [pks[2], pks[0]]
    assert ids(client.get("/api/v1/articles", {"topic": "روسيا"})) == [pks[1], pks[0]]
    assert ids(client.get("/api/v1/articles", {"author": "sara-almansouri"})) == pks[::-1]
    assert ids(client.get("/api/v1/articles", {"author": "ahmad"})) == []
    # A date covers its whole day; a moment is included.
    assert ids(client.get("/api/v1/articles", {"since": "2026-11-21", "until": "2026-11-22"})) == [
        pks[2],
        pks[1],
    ]
    assert ids(client.get("/api/v1/articles", {"until": "2026-11-21T09:00:00Z"})) == [pks[1], pks[0]]
    assert ids(client.get("/api/v1/articles", {"since": "2026-11-21T09:00:01+00:00"})) == [pks[3], pks[2]]
    # A moment without an offset is in TIME_ZONE (UTC here); with one, it is converted.
    assert ids(client.get("/api/v1/articles", {"since": "2026-11-23T11:00:00+03:00"})) == [pks[3]]
    assert ids(client.get("/api/v1/articles", {"since": "2026-11-23T09:00:00"})) == [pks[3]]
    # Dates beyond the archive's widest span are its edges, as in /api/search.
    assert (
        ids(client.get("/api/v1/articles", {"since": "0001-01-01", "until": "9999-12-31T23:59:59-12:00"}))
        == pks[::-1]
    )
    both = {"section": "economy", "topic": "النفط", "since": T0.date().isoformat()}
    assert ids(client.get("/api/v1/articles", both)) == [pks[3]]


def test_pagination_is_stable_and_bounded(client, newsroom):
    stories, _private, _hidden = newsroom
    root = Site.objects.get(is_default_site=True).root_url
    first = client.get("/api/v1/articles", {"limit": 3, "section": "economy"})
    assert first.json()["count"] == 2 and first.json()["next"] is None
    first = client.get("/api/v1/articles", {"limit": 3}).json()
    assert (first["count"], first["pages"], len(first["results"])) == (4, 2, 3)
    assert first["next"] == root + "/api/v1/articles?limit=3&page=2"
    second = client.get(first["next"].removeprefix(root)).json()
    assert [a["id"] for a in first["results"] + second["results"]] == [s.pk for s in reversed(stories)]
    assert second["previous"] == root + "/api/v1/articles?limit=3&page=1"
    # Two stories at the same time keep one order: the newer id first.
    twin = stories[0]
    type(twin).objects.filter(pk=stories[1].pk).update(published_at=twin.published_at)
    order = ids(client.get("/api/v1/articles", {"since": "2026-11-20", "until": "2026-11-21", "x": 1}))
    assert order == sorted(order, reverse=True)


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"limit": 0}, 400, "قيمة limit يجب أن تكون عددًا صحيحًا بين 1 و100."),
        ({"limit": 10_000}, 400, "قيمة limit يجب أن تكون عددًا صحيحًا بين 1 و100."),
        ({"limit": "كثير"}, 400, "قيمة limit يجب أن تكون عددًا صحيحًا بين 1 و100."),
        ({"page": 0}, 400, "قيمة page يجب أن تكون عددًا صحيحًا من 1 فصاعدًا."),
        ({"page": 99}, 404, "لا توجد صفحة بهذا الرقم؛ عدد الصفحات 1."),
        ({"page": 10**30}, 404, "لا توجد صفحة بهذا الرقم؛ عدد الصفحات 1."),
        ({"since": "أمس"}, 400, None),
        ({"until": "2026-13-45"}, 400, None),
        ({"since": "2026-11-23", "until": "2026-11-21"}, 400, "قيمة since يجب ألا تكون بعد until."),
        ({"section": "nowhere"}, 404, "لا يوجد قسم منشور بهذا الاسم المختصر."),
        ({"author": "nobody"}, 404, "لا يوجد كاتب بهذا الاسم المختصر."),
        ({"topic": "لا-شيء"}, 404, "لا يوجد موضوع بهذا الاسم المختصر."),
        ({"section": "a b/../c"}, 400, None),
        ({"section": "x\x00"}, 400, None),
    ],
)
def test_bad_input_is_an_arabic_4xx(client, newsroom, params, status, message):
    response = client.get("/api/v1/articles", params)
    assert response.status_code == status, response.content.decode()
    error = response.json()["error"]
    assert error == message if message else error.startswith(f"قيمة {next(iter(params))} ")


@pytest.mark.parametrize(
    "path", ["/api/v1/articles/0", "/api/v1/articles/99999999999", "/api/v1/articles/1.5"]
)
def test_bad_article_ids(client, newsroom, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    if response["Content-Type"].startswith("application/json"):
        assert response.json()["error"].startswith(("رقم الخبر", "لا يوجد"))


def test_sections_authors_topics(client, newsroom, section, second_section, author, second_author):
    root = Site.objects.get(is_default_site=True).root_url
    sections = client.get("/api/v1/sections").json()
    assert [(s["slug"], s["title"], s["url"]) for s in sections["results"]] == [
        ("politics", "سياسة", root + "/politics/"),
        ("economy", "اقتصاد", root + "/economy/"),
    ]
    authors = client.get("/api/v1/authors").json()["results"]
    assert [a["slug"] for a in authors] == ["ahmad", "sara-almansouri"]  # by name: أحمد before سارة
    assert authors[1] | {"id": 0} == {
        "id": 0,
        "name": author.name,
        "slug": author.slug,
        "role": author.role,
        "bio": "",
        "url": root + "/authors/sara-almansouri/",
    }
    topics = client.get("/api/v1/topics").json()["results"]
    assert [t["name"] for t in topics] == ["النفط", "روسيا"]


def test_answers_are_cached_until_a_change(
    client, newsroom, make_article, author, django_capture_on_commit_callbacks
):
    assert client.get("/api/v1/articles")["X-Khabar-Cache"] == "miss"
    cached = client.get("/api/v1/articles")
    assert cached["X-Khabar-Cache"] == "hit" and "listing" in cached["xkey"].split()
    with django_capture_on_commit_callbacks(execute=True):
        fresh = make_article("خبر جديد", slug="fresh")
    assert ids(client.get("/api/v1/articles"))[0] == fresh.pk
    # Renaming an author renews the lists that show the name.
    assert client.get("/api/v1/authors")["X-Khabar-Cache"] == "miss"
    assert client.get("/api/v1/authors")["X-Khabar-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "سارة م."
        author.save()
    assert author.name in [a["name"] for a in client.get("/api/v1/authors").json()["results"]]
    assert client.get("/api/v1/articles").json()["results"][0]["authors"][0]["name"] == author.name
    detail = client.get(f"/api/v1/articles/{fresh.pk}")
    assert {f"page:{fresh.pk}", f"author:{author.pk}"} <= set(detail["xkey"].split())
    # Errors are never cached.
    assert "xkey" not in client.get("/api/v1/articles", {"limit": 0})


@pytest.mark.parametrize("n", [2, 12])
def test_list_queries_do_not_grow_with_the_page(
    client, make_article, make_image, author, second_author, n, django_assert_max_num_queries
):
    for i in range(n):
        story = make_article(
            f"خبر {i}", slug=f"s{i}", topics=[f"موضوع {i}", "عام"], authors=[author, second_author]
        )
        story.lead_image = make_image()
        story.lead_image_alt = "صورة"
        story.save_revision().publish()
    client.get("/api/v1/articles", {"limit": n, "warm": 1})  # renditions are made once, on the first view
    # The section look-up, the count, the stories, their authors, topics and notes, the pictures and
    # their renditions, and the versions of the answer's cache tags.
    with django_assert_max_num_queries(10):
        assert len(ids(client.get("/api/v1/articles", {"limit": n, "section": "politics"}))) == n
    for path in ("/api/v1/sections", "/api/v1/authors", "/api/v1/topics"):
        with django_assert_max_num_queries(4):
            client.get(path, {"limit": n})


def test_openapi_schema_and_no_docs_page(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/sections",
        "/api/v1/authors",
        "/api/v1/topics",
    }
    # Ninja's docs page would load its scripts from a CDN: there is none, and no redirect to a page either.
    for address in ("/api/v1/docs", "/api/v1/docs/", "/api/v1/no/such/thing"):
        response = client.get(address)
        assert response.status_code == 404, address
        assert response.json() == {"error": "لا يوجد شيء بهذا العنوان."}


def test_search_api_still_answers(client, newsroom):
    assert client.get("/api/search", {"q": "خبر"}).status_code == 200
