import pytest


@pytest.mark.django_db
def test_article_page_renders_dateline_byline_and_source(client, make_article):
    article = make_article(topics=["روسيا"])
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert '<p><span class="dateline">موسكو (أ.ب) —</span> صادق' in html
    assert "بقلم" in html and "سارة المنصوري" in html
    assert "رابط المصدر" in html and 'href="https://apnews.com/article/1"' in html
    assert article.url.startswith("/politics/")
