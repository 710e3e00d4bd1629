from django.urls import path, re_path

from . import feeds, sitemaps, views

app_name = "newsroom"

urlpatterns = [
    path("authors/<str:slug>/", views.author_detail, name="author"),
    path("topics/<str:slug>/", views.topic_detail, name="topic"),
    path("feeds/rss/", feeds.LatestRss(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestAtom(), name="feed-atom"),
    path("feeds/section/<int:pk>/rss/", feeds.SectionRss(), name="section-rss"),
    path("feeds/section/<int:pk>/atom/", feeds.SectionAtom(), name="section-atom"),
    path("feeds/author/<str:slug>/rss/", feeds.AuthorRss(), name="author-rss"),
    path("feeds/author/<str:slug>/atom/", feeds.AuthorAtom(), name="author-atom"),
    path("feeds/topic/<str:slug>/rss/", feeds.TopicRss(), name="topic-rss"),
    path("feeds/topic/<str:slug>/atom/", feeds.TopicAtom(), name="topic-atom"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    re_path(
        r"^sitemap-articles-(?P<year>[0-9]{4})-W(?P<week>0[1-9]|[1-4][0-9]|5[0-3])\.xml$",
        sitemaps.sitemap_week,
        name="sitemap-week",
    ),
    re_path(
        r"^sitemap-articles-(?P<year>[0-9]{4})-(?P<month>0[1-9]|1[0-2])\.xml$",
        sitemaps.sitemap_month,
        name="sitemap-month",
    ),
    path("sitemap-<str:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news-sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("manifest.webmanifest", views.web_manifest, name="manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
]
