"""Comments on article pages and counts on article cards."""

import hashlib

from django import template
from django.core.paginator import Page as PaginatorPage
from django.db.models import Count
from django.utils.functional import LazyObject
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from khabar.arabic import digits
from khabar.core.pagecache import kept
from khabar.newsroom.models import ArticlePage

from ..models import ReaderComment

register = template.Library()

UGC_REL = ' rel="nofollow ugc noopener"'


@register.filter(is_safe=True)
def ugc_text(text):
    """A reader's plain text, escaped, with its links clickable and marked as user content.

    Django's ``urlize`` escapes the text and only ever makes http(s), www. and mailto
    links, so ``javascript:`` and other schemes stay plain text.
    """
    html = urlize(text, nofollow=True, autoescape=True)
    # The text is escaped, so the only unescaped rel="nofollow" is the one urlize writes.
    return mark_safe(html.replace(' rel="nofollow"', UGC_REL).replace("\n", "<br>"))


@register.inclusion_tag("reader_comments/section.html", takes_context=True)
def article_comments(context, page):
    request = context.get("request")
    order = "oldest" if request is not None and request.GET.get("comments") == "oldest" else "newest"

    def published():
        found = ReaderComment.objects.published().filter(article=page).order_by("submit_date", "pk")
        return list(found.select_related(None)), [f"page:{page.pk}"]

    # An approved (or withdrawn) comment changes its article's "page:" tag (signals.py).
    comments = kept(f"comments:{page.pk}", published, request) if page.pk else published()[0]
    replies = {}
    top = []
    for comment in comments:
        if comment.parent_id and comment.parent_id != comment.pk:
            replies.setdefault(comment.parent_id, []).append(comment)
        else:
            top.append(comment)
    if order == "newest":
        top.reverse()
    threads = [{"comment": comment, "replies": replies.get(comment.pk, [])} for comment in top]
    return {
        "page": page,
        "threads": threads,
        "total": sum(1 + len(t["replies"]) for t in threads),
        "order": order,
        "settings": context.get("settings"),
        "request": request,
    }


def _articles_in(value, depth=0):
    """Article pages found in a context value: an article, a list of them, a page of results, (section, list) pairs."""
    if isinstance(value, LazyObject):
        return  # e.g. the csrf_token: evaluating it would set a CSRF cookie on a page shared by everyone
    if isinstance(value, ArticlePage):
        yield value
    elif depth < 3 and isinstance(value, list | tuple | PaginatorPage):
        for item in value:
            yield from _articles_in(item, depth + 1)


def _counts_for(context, article):
    """Approved-comment counts for every card the page shows, in one query per render.

    Listings (home, sections, archives, authors, topics, related stories) put their
    articles in the context; the first card looks them all up at once.
    """
    request = context.get("request")
    counts = getattr(request, "_comment_counts", None)
    if counts is None or article.pk not in counts:
        pks = {article.pk}
        for layer in context.dicts:
            for name, value in layer.items():
                # The page itself is never one of its cards; left out, the stories beside every story
                # of a section share one set of counts.
                if name not in ("page", "self"):
                    pks.update(a.pk for a in _articles_in(value))

        def count():
            found = (
                ReaderComment.objects.published()
                .filter(article_id__in=pks)
                .values_list("article_id")
                .annotate(n=Count("pk"))
                .order_by()
            )
            # Every comment readers can see, or stop seeing, changes the "listing" tag (signals.py).
            return dict(found), ["listing"]

        key = "comment-counts:" + hashlib.sha256(",".join(map(str, sorted(pks))).encode()).hexdigest()
        found = kept(key, count, request)
        counts = {**(counts or {}), **{pk: found.get(pk, 0) for pk in pks}}
        if request is not None:
            request._comment_counts = counts
    return counts[article.pk]


def count_phrase(n):
    """«تعليق واحد», «تعليقان», «5 تعليقات», «11 تعليقًا», «100 تعليق» (Arabic number agreement)."""
    if n == 1:
        return "تعليق واحد"
    if n == 2:
        return "تعليقان"
    rest = n % 100
    if 3 <= rest <= 10:
        return f"{n} تعليقات"
    if 11 <= rest <= 99:
        return f"{n} تعليقًا"
    return f"{n} تعليق"


@register.simple_tag(takes_context=True)
def comment_count(context, article):
    """«N تعليقات» for a card, empty when the article has none."""
    n = _counts_for(context, article)
    if not n:
        return ""
    try:
        style = context["settings"]["newsroom"]["NewsroomSettings"].digits
    except (KeyError, TypeError, AttributeError):
        style = "western"
    return digits.localise(count_phrase(n), style)
