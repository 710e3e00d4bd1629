"""Public pages that are not Wagtail pages: authors, topics, error pages."""

from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.html import format_html
from taggit.models import Tag

from khabar.core.pagecache import tag_request

from .branding import ICON_SIZES
from .models import Author, NewsroomSettings
from .models.pages import live_articles, paginate
from .pictures import attach_lead_pictures


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    tag_request(request, f"author:{author.pk}", "listing", "settings")
    articles = paginate(request, live_articles().filter(article_authors__author=author))
    attach_lead_pictures(articles)
    return render(request, "newsroom/author_page.html", {"author": author, "articles": articles})


def topic_detail(request, slug):
    topic = get_object_or_404(Tag, slug=slug)
    tag_request(request, f"topic:{topic.pk}", "listing", "settings")
    articles = paginate(request, live_articles().filter(tags=topic))
    attach_lead_pictures(articles)
    return render(request, "newsroom/topic_page.html", {"topic": topic, "articles": articles})


BAD_REQUEST = "تعذّر قبول هذا الطلب: بياناته غير صالحة أو أكبر من المسموح. لم يُحفظ شيء منه."


def bad_request(request, exception=None):
    """Django's 400 (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a bad host, …) in Arabic, echoing nothing
    the request carried; the comment script shows it in place as a message."""
    if request.headers.get("X-Requested-With") == "fetch":
        response = HttpResponseBadRequest(
            format_html('<p class="comment-message comment-message--error" role="alert">{}</p>', BAD_REQUEST)
        )
    else:
        response = render(request, "400.html", {"message": BAD_REQUEST}, status=400)
    response["Cache-Control"] = "no-store"
    return response


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


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the error may be the database.
    from django.http import HttpResponseServerError
    from django.template import loader

    try:
        html = loader.get_template("500.html").render()
    except Exception:
        # The template needs the static files manifest; the error may be that it is missing.
        html = _BARE_500
    return HttpResponseServerError(html)


_BARE_500 = (
    '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>خطأ في الخادم</title></head>'
    "<body><h1>حدث خطأ غير متوقع</h1><p>نعتذر، تعذّر عرض هذه الصفحة الآن. حاول مجددًا بعد قليل.</p>"
    '<p><a href="/">العودة إلى الصفحة الرئيسية</a></p></body></html>'
)
