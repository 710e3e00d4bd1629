"""Readers' comments for the demo newsroom (`khabar load-demo`): a short discussion on two stories,
one reply, and one comment waiting for a moderator, so a newcomer sees both sides of comments."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from khabar.newsroom.models.pages import live_articles

from .models import ReaderComment, Status

DISCUSSION = [
    # (story index among the newest, name, text, status, reply to the previous comment)
    (0, "سلمى", "تغطية واضحة، شكرًا. هل من موعد لإتاحة النموذج للجامعات؟", Status.APPROVED, False),
    (0, "فريق التحرير", "بحسب الباحثين، خلال الربع الأول من العام المقبل.", Status.APPROVED, True),
    (1, "أبو كريم", "نتمنى متابعة الموضوع في الأيام المقبلة.", Status.APPROVED, False),
    (1, "زائر", "تعليق ينتظر مراجعة المشرفين.", Status.PENDING, False),
]


def load_demo_comments(now=None):
    """Add the demo discussion once (nothing when any comment exists); returns how many were added."""
    if ReaderComment.objects.exists():
        return 0
    now = now or timezone.now()
    stories = list(live_articles()[:2])
    if len(stories) < 2:
        return 0
    content_type = ContentType.objects.get_for_model(stories[0])
    previous = None
    for n, (index, name, text, status, reply) in enumerate(DISCUSSION):
        article = stories[index]
        comment = ReaderComment(
            content_type=content_type,
            object_pk=str(article.pk),
            site_id=settings.SITE_ID,
            article=article,
            user_name=name,
            comment=text,
            submit_date=now - timedelta(minutes=40 - 10 * n),
            status=status,
        )
        if reply and previous is not None:
            comment.parent_id = previous.pk
        comment.save()
        previous = comment
    return len(DISCUSSION)
