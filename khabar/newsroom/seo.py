"""What an article tells search engines beyond its HTML: schema.org JSON-LD (the page's head also carries
its canonical link and OpenGraph tags, from the templates)."""

from .pictures import SHARE_RENDITION


def news_article(page, request, publisher_name: str) -> dict:
    """schema.org NewsArticle of ``page`` (an ArticlePage) for search engines, without empty fields."""
    url = page.get_full_url(request)
    root = url[: url.index("/", url.index("//") + 2)] if url else ""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": page.title[:110],
        "inLanguage": "ar",
        "datePublished": page.first_published_at.isoformat() if page.first_published_at else None,
        "dateModified": (page.last_published_at or page.first_published_at).isoformat()
        if page.first_published_at
        else None,
        "author": [
            {"@type": "Person", "name": author.name, "url": root + author.get_absolute_url()}
            for author in page.byline_authors
        ]
        or [{"@type": "Organization", "name": page.byline_text or publisher_name, "url": root + "/"}],
        "publisher": {"@type": "Organization", "name": publisher_name, "url": root + "/"},
    }
    if page.standfirst:
        data["description"] = page.standfirst
    if page.section_id:
        data["articleSection"] = page.section.title
    if picture := page.lead_picture:
        data["image"] = [root + picture.image.get_rendition(SHARE_RENDITION).url]
    if page.source_url:
        data["isBasedOn"] = page.source_url
    if corrections := [note for note in page.dated_notes if note.kind == "correction"]:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": note.text, "datePublished": note.noted_at.isoformat()}
            for note in corrections
        ]
    if page.updated_at:
        data["dateModified"] = page.updated_at.isoformat()
    return {key: value for key, value in data.items() if value is not None}
