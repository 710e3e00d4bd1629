"""Public pages that are not Wagtail pages: authors, topics, the web app manifest."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from taggit.models import Tag

from khabar.core.pagecache import tag_request

from .branding import ICON_SIZES
from .models import Author, NewsroomSettings
from .models.pages import by_author, by_topic, paginate
from .pictures import attach_lead_pictures


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    tag_request(request, f"author:{author.pk}", "listing", "settings")
    articles = paginate(request, by_author(author))
    attach_lead_pictures(articles)
    return render(request, "newsroom/author_page.html", {"author": author, "articles": articles})


def topic_detail(request, slug):
    topic = get_object_or_404(Tag, slug=slug)
    tag_request(request, f"topic:{topic.pk}", "listing", "settings")
    articles = paginate(request, by_topic(topic))
    attach_lead_pictures(articles)
    return render(request, "newsroom/topic_page.html", {"topic": topic, "articles": articles})


def web_manifest(request):
    """The web app manifest, named from the newsroom settings (Arabic, right to left)."""
    newsroom = NewsroomSettings.for_request(request)
    tag_request(request, "settings")
    icons = [
        {"src": static(f"khabar/img/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in ICON_SIZES
    ]
    manifest = {
        "name": f"{newsroom.publication_name}: {newsroom.tagline}"
        if newsroom.tagline
        else newsroom.publication_name,
        "short_name": newsroom.publication_name,
        "description": newsroom.tagline,
        "lang": "ar",
        "dir": "rtl",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#9b1c1c",
        "icons": icons,
    }
    return JsonResponse(
        manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links to."""
    return redirect(static("khabar/img/favicon.ico"), permanent=True)
