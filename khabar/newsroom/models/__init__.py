from .agencies import Agency
from .authors import Author
from .pages import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    HomePage,
    MonthArchivePage,
    RelatedArticle,
    SectionPage,
    YearArchivePage,
)
from .site_settings import NewsroomSettings

__all__ = [
    "Agency",
    "ArticleAuthor",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "HomePage",
    "MonthArchivePage",
    "NewsroomSettings",
    "RelatedArticle",
    "SectionPage",
    "YearArchivePage",
]
