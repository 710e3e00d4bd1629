"""The article as a reader sees it: headline, byline, dateline, body blocks, source, times, topics, related."""

import datetime as dt

import lxml.html
import pytest

from khabar.newsroom.models import RelatedArticle

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2026, 11, 3, 14, 5, tzinfo=dt.UTC)


def page(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def text(element):
    return " ".join(element.text_content().split())


def test_headline_standfirst_and_byline_with_photos(client, make_article, make_author):
    writers = [make_author("سارة المنصوري", "sara"), make_author("ليلى حداد", "layla", role="محررة")]
    doc = page(client, make_article(authors=writers, published_at=PUBLISHED))

    assert [text(h) for h in doc.cssselect("h1")] == ["مجلس الاتحاد الروسي يصادق على معاهدة"]
    assert text(doc.cssselect(".standfirst")[0]) == "صادق مجلس الاتحاد الروسي على معاهدة للتعاون العسكري."
    bylines = doc.cssselect(".byline .author")
    assert [text(b) for b in bylines] == ["بقلم سارة المنصوري", "بقلم ليلى حداد، محررة"]
    assert [b.cssselect("a")[0].get("href") for b in bylines] == ["/authors/sara/", "/authors/layla/"]
    photos = doc.cssselect(".byline img")
    assert [img.get("alt") for img in photos] == ["صورة سارة المنصوري", "صورة ليلى حداد"]
    assert all(img.get("src").startswith("/media/images/") for img in photos)
    assert "Photo of" not in lxml.html.tostring(doc, encoding="unicode")


def test_author_without_photo_has_no_image(client, make_article, make_author):
    doc = page(client, make_article(authors=[make_author("كاتب بلا صورة", "nophoto", photo=False)]))
    assert text(doc.cssselect(".byline")[0]) == "بقلم كاتب بلا صورة"
    assert not doc.cssselect(".byline img")


def test_house_byline_when_no_person_wrote_it(client, make_article, newsroom_settings):
    newsroom_settings.publication_name = "خبر اليوم"
    newsroom_settings.save()
    doc = page(client, make_article(authors=[], agency_=None))  # agency copy is the agency's: see below
    assert text(doc.cssselect(".byline")[0]) == "بقلم خبر اليوم"
    assert not doc.cssselect(".byline a")


def test_dateline_opens_the_first_paragraph(client, make_article, every_block_body):
    body = [("subheading", "عنوان قبل النص"), *every_block_body]
    doc = page(client, make_article(body=body))
    paragraphs = doc.cssselect(".story-body > p:not(.embed-card)")
    first = paragraphs[0]
    assert first.cssselect("span.dateline")[0].text == "موسكو (أ.ب) —"
    assert text(first).startswith("موسكو (أ.ب) — صادق مجلس الاتحاد")
    assert len(doc.cssselect(".dateline")) == 1


def test_a_paragraph_that_already_opens_with_the_dateline_is_not_given_a_second_one(client, make_article):
    # The desk's translation keeps the dateline the copy checks ask for in the first paragraph.
    body = [("paragraph", "<p>موسكو (أ.ب) — صادق مجلس الاتحاد الروسي على المعاهدة.</p>")]
    first = page(client, make_article(body=body)).cssselect(".story-body > p")[0]
    assert [span.text for span in first.cssselect("span.dateline")] == ["موسكو (أ.ب) —"]
    assert text(first) == "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي على المعاهدة."


def test_dateline_without_agency_or_body(client, make_article):
    doc = page(client, make_article(agency_=None, body=[], city="القاهرة"))
    assert text(doc.cssselect(".story-body .dateline")[0]) == "القاهرة —"


def test_every_body_block_renders(client, make_article, every_block_body):
    doc = page(client, make_article(body=every_block_body))
    body = doc.cssselect(".story-body")[0]
    assert [text(h) for h in body.cssselect("h2")] == ["ردود فعل دولية"]
    quote = body.cssselect("figure.quote")[0]
    assert text(quote.cssselect("blockquote")[0]) == "هذه خطوة تاريخية في علاقاتنا."
    assert text(quote.cssselect("figcaption")[0]) == "— وزير الخارجية"
    figure = body.cssselect("figure.story-image")[0]
    img = figure.cssselect("img")[0]
    assert img.get("alt") == "جلسة مجلس الاتحاد في موسكو"
    assert ".width-1200." in img.get("src")
    assert text(figure.cssselect("figcaption")[0]) == "جلسة مجلس الاتحاد في موسكو (تصوير: أ.ب)"
    # The embed is a link card: no iframe, nothing loaded from the third party.
    assert not doc.cssselect("iframe")
    card = body.cssselect(".embed-card a")[0]
    assert card.get("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert card.get("lang") == "und" and card.get("dir") == "ltr"
    assert "محتوى خارجي" in text(body.cssselect(".embed-card")[0])
    assert [text(p) for p in body.cssselect("p")][-1] == "وقال مسؤولون إن الخطوة تأتي في إطار تعزيز العلاقات."


def test_image_without_caption_gets_arabic_alt_not_its_english_title(client, make_article, make_image):
    picture = make_image(title="DSC_0042 protesters")
    doc = page(client, make_article(body=[("image", {"image": picture, "caption": "", "credit": ""})]))
    img = doc.cssselect(".story-image img")[0]
    assert img.get("alt") == "صورة مرفقة بالخبر"
    assert not doc.cssselect(".story-image figcaption")


def test_source_attribution_links_the_original(client, make_article):
    doc = page(client, make_article())
    source = doc.cssselect("footer.source")[0]
    assert text(source).startswith("المصدر: أ.ب")
    link = source.cssselect("a.source-link")[0]
    assert text(link) == "رابط المصدر" and link.get("href") == "https://apnews.com/article/1"


def test_the_source_english_headline_is_kept_but_not_printed(client, make_article):
    article = make_article()
    article.source_title = "Russia ratifies treaty"
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "Russia ratifies treaty" not in html  # the agency's headline is the newsroom's record only
    assert text(lxml.html.fromstring(html).cssselect("footer.source")[0]) == "المصدر: أ.ب — رابط المصدر"


def test_no_source_section_without_a_source_url(client, make_article):
    doc = page(client, make_article(source_url=""))
    assert not doc.cssselect("footer.source")


def test_times_use_arabic_month_names_and_show_updates(client, make_article):
    article = make_article(published_at=PUBLISHED)
    type(article).objects.filter(pk=article.pk).update(
        last_published_at=PUBLISHED + dt.timedelta(hours=2, minutes=30)
    )
    times = page(client, article).cssselect(".times")[0]
    assert text(times) == "نُشر في 3 نوفمبر 2026، 14:05 · آخر تحديث 3 نوفمبر 2026، 16:35"
    assert [t.get("datetime") for t in times.cssselect("time")] == [
        "2026-11-03T14:05:00+00:00",
        "2026-11-03T16:35:00+00:00",
    ]


def test_no_update_line_when_never_republished(client, make_article):
    times = page(client, make_article(published_at=PUBLISHED)).cssselect(".times")[0]
    assert "آخر تحديث" not in text(times)


def test_arabic_indic_digits_and_hijri_date_follow_the_setting(client, make_article, newsroom_settings):
    article = make_article(published_at=PUBLISHED)
    assert text(page(client, article).cssselect(".times")[0]) == "نُشر في 3 نوفمبر 2026، 14:05"

    newsroom_settings.digits = "arabic-indic"
    newsroom_settings.show_hijri = True
    newsroom_settings.save()
    times = page(client, article).cssselect(".times")[0]
    # 3 November 2026 is 23 Jumada al-Ula 1448 in the Umm al-Qura calendar.
    assert text(times) == "نُشر في ٣ نوفمبر ٢٠٢٦، ١٤:٠٥ (٢٣ جمادى الأولى ١٤٤٨ هـ)"
    # Machine-readable times keep Western digits.
    assert times.cssselect("time")[0].get("datetime") == "2026-11-03T14:05:00+00:00"


def test_section_topics_and_related_articles(client, make_article):
    older = make_article("خبر أقدم في القسم", slug="older", published_at=PUBLISHED - dt.timedelta(days=3))
    newer = make_article("خبر أحدث في القسم", slug="newer", published_at=PUBLISHED - dt.timedelta(days=1))
    chosen = make_article("خبر اختاره المحرر", slug="chosen", published_at=PUBLISHED - dt.timedelta(days=30))
    article = make_article(topics=["روسيا", "الأمم المتحدة"], published_at=PUBLISHED)
    RelatedArticle.objects.create(article=article, related=chosen, sort_order=0)

    doc = page(client, article)
    kicker = doc.cssselect(".kicker a")[0]
    assert text(kicker) == "سياسة" and kicker.get("href") == "/politics/"
    topics = doc.cssselect("nav.topics a")
    assert [text(a) for a in topics] == ["روسيا", "الأمم المتحدة"]
    assert topics[0].get("href") == "/topics/%D8%B1%D9%88%D8%B3%D9%8A%D8%A7/"
    related = [text(a) for a in doc.cssselect("section.related .card-title a")]
    # The editor's choice first, then the section's latest; never the story itself.
    assert related == [chosen.title, newer.title, older.title]


def test_unpublished_related_story_is_not_shown(client, make_article):
    chosen = make_article("خبر مسحوب", slug="gone")
    article = make_article(slug="main")
    RelatedArticle.objects.create(article=article, related=chosen, sort_order=0)
    chosen.unpublish()
    assert "خبر مسحوب" not in lxml.html.tostring(page(client, article), encoding="unicode")


def test_article_url_is_section_year_month_slug(make_article):
    article = make_article(slug="treaty", published_at=PUBLISHED)
    assert article.url == "/politics/2026/11/treaty/"


def test_latin_runs_keep_escaped_apostrophes_inside_one_foreign_span():
    from khabar.newsroom.templatetags.newsroom_tags import mark_foreign

    html = str(mark_foreign("Russia's upper house ratifies treaty"))
    assert html == '<span lang="und" dir="ltr">Russia&#x27;s upper house ratifies treaty</span>'


def test_agency_copy_is_signed_by_the_agency_and_the_translator_credited_when_the_site_wants(
    client, make_article, newsroom_settings
):
    article = make_article(authors=[])
    article.translator = "منى سليم"
    article.save_revision().publish()
    assert text(page(client, article).cssselect(".byline")[0]) == "أسوشيتد برس"  # never «بقلم خبر»
    newsroom_settings.credit_translators = True
    newsroom_settings.save()
    assert text(page(client, article).cssselect(".byline")[0]) == "أسوشيتد برس ترجمة منى سليم"


def test_a_preview_shows_the_drafts_related_stories_and_the_side_column(make_article):
    chosen = make_article("الخبر الذي اختاره المحرر", slug="chosen")
    others = [make_article(f"خبر أحدث {i}", slug=f"newer-{i}") for i in range(6)]  # more than the related
    story = make_article("الخبر قيد المعاينة", slug="previewed")
    story.related_links.add(RelatedArticle(related=chosen, sort_order=0))  # in the draft only
    response = story.make_preview_request()
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content.decode())
    related = [a.text_content() for a in doc.cssselect(".related .card-title a")]
    assert related[0] == "الخبر الذي اختاره المحرر"
    side = [a.text_content() for a in doc.cssselect(".side-latest a")]
    assert side and set(side) <= {other.title for other in others} - set(related)
    assert not RelatedArticle.objects.filter(article=story).exists()  # nothing saved by the preview
