from .agencies import Agency
from .authors import Author
from .info import InfoPage
from .pages import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    HomePage,
    MonthArchivePage,
    RelatedArticle,
    SectionPage,
    YearArchivePage,
    live_articles,
    public_pages,
)
from .site_settings import NewsroomSettings

__all__ = [
    "Agency",
    "ArticleAuthor",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "HomePage",
    "InfoPage",
    "MonthArchivePage",
    "NewsroomSettings",
    "RelatedArticle",
    "SectionPage",
    "YearArchivePage",
    "live_articles",
    "public_pages",
]
