from .agencies import Agency
from .authors import Author
from .curation import TopStory
from .info import InfoPage
from .notes import ArticleNote
from .pages import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    HomePage,
    MonthArchivePage,
    RelatedArticle,
    SectionPage,
    YearArchivePage,
    by_author,
    by_topic,
    copy_published_at_to_links,
    live_articles,
    public_pages,
)
from .site_settings import NewsroomSettings

__all__ = [
    "Agency",
    "ArticleAuthor",
    "ArticleNote",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "HomePage",
    "InfoPage",
    "MonthArchivePage",
    "NewsroomSettings",
    "RelatedArticle",
    "SectionPage",
    "TopStory",
    "YearArchivePage",
    "by_author",
    "by_topic",
    "copy_published_at_to_links",
    "live_articles",
    "public_pages",
]
