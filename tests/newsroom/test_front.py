"""The curated fronts: the home page's lead, top stories, latest and section blocks; a section's lead."""

import datetime as dt
import re

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from khabar.newsroom.front import home_front
from khabar.newsroom.models import SectionPage, TopStory

pytestmark = pytest.mark.django_db


def story_links(html):
    """The article links of a page's main content, in order (cards, lead, blocks)."""
    doc = lxml.html.fromstring(html)
    return [a.get("href") for a in doc.cssselect("main .card-title a")]


@pytest.fixture
def newsroom(home, section, second_section, make_article):
    now = timezone.now()
    stories = {}
    for i in range(12):
        stories[f"p{i}"] = make_article(f"سياسة {i}", slug=f"p{i}", published_at=now - dt.timedelta(hours=i))
        stories[f"e{i}"] = make_article(
            f"اقتصاد {i}",
            slug=f"e{i}",
            in_section=second_section,
            published_at=now - dt.timedelta(hours=i, minutes=30),
        )
    return stories


def choose(home, lead=None, top=()):
    home.lead_story = lead
    home.top_stories = [TopStory(article=story, sort_order=i) for i, story in enumerate(top)]
    home.save_revision().publish()


def test_editors_choose_the_lead_and_order_the_top_stories(client, home, newsroom):
    choose(home, lead=newsroom["e7"], top=[newsroom["p9"], newsroom["e3"], newsroom["p2"]])
    front = home_front(home)
    assert front.lead == newsroom["e7"]
    assert front.top == [newsroom["p9"], newsroom["e3"], newsroom["p2"]]
    # Latest: the newest stories the blocks above did not show.
    assert front.latest[:3] == [newsroom["p0"], newsroom["e0"], newsroom["p1"]]
    html = client.get("/").content.decode()
    links = story_links(html)
    assert links[:4] == [newsroom[k].url for k in ("e7", "p9", "e3", "p2")]


def test_no_story_appears_twice_on_the_home_page(client, home, newsroom):
    # The lead picked again among the top stories, a top story picked twice, and picks that are
    # also the newest stories and their sections' newest.
    choose(home, lead=newsroom["p0"], top=[newsroom["p0"], newsroom["e0"], newsroom["e0"], newsroom["p1"]])
    front = home_front(home)
    shown = [story.pk for story in front.stories()]
    assert len(shown) == len(set(shown))
    assert [section.slug for section, _ in front.sections] == ["politics", "economy"]
    assert all(len(stories) == 4 for _, stories in front.sections)

    links = story_links(client.get("/").content.decode())
    assert len(links) == len(set(links)) == len(shown)


def test_without_picks_the_newest_story_leads_and_nothing_repeats(client, home, newsroom):
    front = home_front(home)
    assert front.lead == newsroom["p0"] and front.top == []
    links = story_links(client.get("/").content.decode())
    assert links[0] == newsroom["p0"].url
    assert len(links) == len(set(links))


def test_a_lead_taken_down_gives_way_to_the_newest(client, home, newsroom):
    choose(home, lead=newsroom["e5"], top=[newsroom["p4"]])
    newsroom["e5"].unpublish()
    newsroom["p4"].unpublish()
    front = home_front(home)
    assert front.lead == newsroom["p0"] and front.top == []
    assert newsroom["e5"].url not in client.get("/").content.decode()


def test_the_home_page_follows_the_editors_choice_at_once(client, home, newsroom):
    assert story_links(client.get("/").content.decode())[0] == newsroom["p0"].url
    choose(home, lead=newsroom["e11"])
    assert story_links(client.get("/").content.decode())[0] == newsroom["e11"].url


def test_a_section_page_opens_with_its_lead_shown_once(client, section, newsroom):
    html = client.get("/politics/").content.decode()
    links = story_links(html)
    assert links[0] == newsroom["p0"].url and len(links) == len(set(links))
    assert (
        lxml.html.fromstring(html).cssselect(".lead-story .card-title a")[0].get("href") == newsroom["p0"].url
    )

    section.lead_story = newsroom["p6"]
    section.save_revision().publish()
    links = story_links(client.get("/politics/").content.decode())
    assert links[0] == newsroom["p6"].url and links.count(newsroom["p6"].url) == 1
    assert newsroom["p0"].url in links


@pytest.mark.parametrize("per_section", [3, 30])
def test_home_page_queries_do_not_grow_with_stories_picks_or_sections(
    client, home, make_article, django_assert_max_num_queries, per_section
):
    from khabar.core.pagecache import invalidate

    now = timezone.now()
    picks = []
    for s in range(4):
        target = home.add_child(instance=SectionPage(title=f"قسم {s}", slug=f"sec-{s}"))
        for i in range(per_section):
            story = make_article(
                f"خبر {s}-{i}",
                in_section=target,
                slug=f"q{s}-{i}",
                published_at=now - dt.timedelta(minutes=s + 4 * i),
            )
            if i % 3 == 1:
                picks.append(story)
    choose(home, lead=picks[-1], top=picks[:6])
    assert client.get("/").status_code == 200
    invalidate("listing")
    with django_assert_max_num_queries(12):
        html = client.get("/").content.decode()
    # With three stories a section, the lead, top stories and latest leave some sections nothing new.
    assert html.count('class="section-block"') == (4 if per_section == 30 else 2)


def test_section_blocks_are_read_with_one_limited_query_per_section(home, newsroom):
    """Each section's share is its own LIMIT sub-query (an index range scan), joined by UNION ALL."""
    with CaptureQueriesContext(connection) as queries:
        home_front(home)
    blocks = [q["sql"] for q in queries if "UNION ALL" in q["sql"]]
    assert len(blocks) == 2  # the picks with the newest stories, then the section blocks
    sections_query = next(sql for sql in blocks if '"section_id" = ' in sql)
    assert len(re.findall(r"\) AS part\d+", sections_query)) == 2
    assert " OR " not in sections_query
