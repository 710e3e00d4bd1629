"""Public comment endpoints.

The article page (cached for every anonymous reader) carries no CSRF token and no
form: a small self-hosted script fetches the form from :func:`comment_form`, a
per-reader, never-cached fragment that sets the CSRF cookie and the session, and
posts it back with ``fetch``. Answers are Arabic fragments the script shows in
place; without the script the same views answer with a small Arabic page.
"""

import logging

from django.db import DatabaseError, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from khabar.core.cache_backends import CacheUnavailable
from khabar.newsroom.models import ArticlePage, public_pages
from khabar.proxy import client_ip

from . import captcha, ratelimit
from .forms import ReaderCommentForm
from .models import CommentPolicy, CommentReport, ReaderComment, Status
from .moderation import decide, report
from .policy import comments_open, judge

CAPTCHA_REFUSALS = {
    "missing": "أكمل التحقق «أنا لست روبوتًا» قبل إرسال التعليق.",
    "malformed": "تعذّر قراءة التحقق. أعد التحقق ثم أرسل التعليق.",
    "invalid": "لم ينجح التحقق. أعد التحقق ثم أرسل التعليق.",
    "expired": "انتهت صلاحية التحقق. أعد التحقق ثم أرسل التعليق.",
    "replayed": "استُخدم هذا التحقق من قبل. أعد التحقق ثم أرسل التعليق.",
}
# The rate limits live in the cache: while it is down, posts and reports are refused.
UNAVAILABLE = "لا يمكن استقبال التعليقات الآن بسبب عطل مؤقت. نرجو المحاولة مجددًا بعد قليل."
RATE_LIMITED = "أرسلت طلبات كثيرة في وقت قصير. نرجو الانتظار بضع دقائق ثم المحاولة مجددًا."
CLOSED = "التعليقات مغلقة على هذا الخبر."
NOT_SAVED = "تعذّر حفظ تعليقك الآن. لم يُحتسب التحقق ولم يضع نصك: أعد الإرسال بعد قليل."
logger = logging.getLogger(__name__)


def _article(pk):
    article = public_pages(ArticlePage.objects.live()).filter(pk=pk).select_related("section").first()
    if article is None:
        raise Http404
    return article


def _answer(request, template, context, status=200):
    """A fragment for the script, or a whole Arabic page for a plain form post."""
    if request.headers.get("X-Requested-With") != "fetch":
        context = {**context, "fragment": template}
        template = "reader_comments/answer_page.html"
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _message(request, article, text, status=200, kind="error"):
    return _answer(
        request, "reader_comments/message.html", {"article": article, "text": text, "kind": kind}, status
    )


# Told to the script on every answer given before the ALTCHA solution is spent: the reader's solved
# check is still good, so the widget keeps it instead of making them solve it again.
CHECK_KEPT_HEADER = "X-Comment-Check"


def _check_kept(response):
    response[CHECK_KEPT_HEADER] = "kept"
    return response


@require_GET
def challenge(request):
    """A fresh ALTCHA challenge for the widget."""
    response = JsonResponse(captcha.new_challenge())
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_GET
def comment_form(request, article_pk):
    with translation.override("ar"):
        article = _article(article_pk)
        if not request.session.session_key:
            request.session.save()  # a session of its own for the per-session rate limit
        is_open = comments_open(article)
        form = ReaderCommentForm(article) if is_open else None
        return _answer(
            request, "reader_comments/form.html", {"article": article, "form": form, "open": is_open}
        )


@csrf_exempt  # checked by _post_comment, once the cheapest refusal has had its say
@require_POST
def post_comment(request, article_pk):
    # A flood of refused posts must cost readers as little as possible: the rate limit (one cache
    # increment, no session load, no database) comes before the CSRF check, the body and the article.
    with translation.override("ar"):
        try:
            allowed = ratelimit.allow(request, "post")
        except CacheUnavailable:
            return _check_kept(_refused(request, UNAVAILABLE, status=503))
        if not allowed:
            return _check_kept(_refused(request, RATE_LIMITED, status=429))
        try:
            return _post_comment(request, article_pk)
        except DatabaseError:
            # The database went away before the save (a PostgreSQL restart): nothing was spent or saved.
            logger.exception("a comment on article %s could not be read or saved", article_pk)
            return _check_kept(_refused(request, NOT_SAVED, status=503))


def _refused(request, text, status):
    """A refusal that costs no query: the fragment, or a bare Arabic page without the site's masthead."""
    if request.headers.get("X-Requested-With") == "fetch":
        return _message(request, None, text, status)
    context = {"text": text, "kind": "error"}
    response = render(request, "reader_comments/refused_page.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_protect
def _post_comment(request, article_pk):
    with translation.override("ar"):
        article = _article(article_pk)
        policy = CommentPolicy.load()
        if not comments_open(article, policy):
            return _message(request, article, CLOSED, status=403)
        form = ReaderCommentForm(article, data=request.POST)
        valid = form.is_valid()
        if refusal := form.refusal():
            return _check_kept(_message(request, article, refusal, status=400))
        if too_long := [e for e in form.errors.as_data().get("comment", []) if e.code == "max_length"]:
            # The message alone, not the form: a form would echo the whole text back.
            return _check_kept(_message(request, article, too_long[0].messages[0], status=400))
        if not valid or not form.check_links(policy.max_links):
            return _check_kept(
                _answer(
                    request,
                    "reader_comments/form.html",
                    {"article": article, "form": form, "open": True},
                    status=400,
                )
            )
        try:
            captcha.verify(form.cleaned_data["altcha"])
        except captcha.Refused as refused:
            return _message(request, article, CAPTCHA_REFUSALS[refused.reason], status=400)

        comment = form.get_comment_object()
        if comment.duplicate_of is not None:
            return _message(request, article, "وصلنا هذا التعليق من قبل.", status=200, kind="info")
        comment.ip_address = client_ip(request) or None
        status, reason = judge(comment, policy)
        comment.status = Status.PENDING
        comment.hold_reason = reason if status != Status.APPROVED else ""
        try:
            # The check is spent in the transaction that saves the comment: both or neither.
            with transaction.atomic():
                captcha.spend(form.cleaned_data["altcha"])
                comment.save()
                decide(comment, status, note=reason)
        except captcha.Refused as refused:
            return _message(request, article, CAPTCHA_REFUSALS[refused.reason], status=400)
        except DatabaseError:
            logger.exception("a comment on article %s could not be saved", article.pk)
            return _check_kept(_message(request, article, NOT_SAVED, status=503))  # spend rolled back
        return _answer(
            request, "reader_comments/posted.html", {"article": article, "comment": comment}, status=201
        )


@require_POST
def report_comment(request, comment_pk):
    with translation.override("ar"):
        try:
            allowed = ratelimit.allow(request, "report")  # before any query, as for posts
        except CacheUnavailable:
            return _refused(request, UNAVAILABLE, status=503)
        if not allowed:
            return _refused(request, RATE_LIMITED, status=429)
        comment = get_object_or_404(
            ReaderComment.objects.select_related("article"),
            pk=comment_pk,
            status=Status.APPROVED,
            article__in=public_pages(ArticlePage.objects.live()),
        )
        reason = request.POST.get("reason", "")
        if reason not in CommentReport.Reason.values:
            return _message(request, comment.article, "اختر سبب الإبلاغ.", status=400)
        report(comment, reason, ratelimit.reporter_key(request))
        return _message(
            request, comment.article, "شكرًا لك. سيراجع فريق التحرير هذا التعليق.", status=200, kind="info"
        )
