"""The site's error pages, in Arabic: 400, 403 for a failed CSRF check, 404 and a 500 that needs neither the
database nor the static files manifest (``handler400``, ``handler404`` and ``handler500`` in ``khabar/urls.py``,
``CSRF_FAILURE_VIEW`` in the settings)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.html import format_html

BAD_REQUEST = "تعذّر قبول هذا الطلب: بياناته غير صالحة أو أكبر من المسموح. لم يُحفظ شيء منه."
CSRF_REFUSED = "تعذّر قبول هذا الطلب: انتهت صلاحية الصفحة أو لم يحفظ المتصفح ملفات تعريف الارتباط. أعد تحميل الصفحة ثم حاول مجددًا."


def bad_request(request, exception=None):
    """Django's 400 (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a bad host, …) in Arabic, echoing nothing
    the request carried; the comment script shows it in place as a message."""
    return _refusal(request, BAD_REQUEST, status=400)


def csrf_failure(request, reason=""):
    """Django's 403 for a post without a valid CSRF cookie and token (a page opened too long ago, cookies
    refused, a form on another site), in Arabic; the reason, written for developers, is not shown."""
    return _refusal(request, CSRF_REFUSED, status=403)


def _refusal(request, message, status):
    if request.headers.get("X-Requested-With") == "fetch":
        response = HttpResponse(
            format_html('<p class="comment-message comment-message--error" role="alert">{}</p>', message),
            status=status,
        )
    else:
        response = render(request, "400.html", {"message": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


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
