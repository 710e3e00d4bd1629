"""Policy, word lists, replies, reports, page cache invalidation, card counts and the admin queue."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from khabar.comments.models import CommentPolicy, Decision, ReaderComment, Status
from khabar.comments.moderation import decide
from khabar.comments.templatetags.comments_tags import count_phrase, ugc_text
from khabar.comments.wordlist import WordList, squash

from .conftest import post

pytestmark = pytest.mark.django_db


def approved(article, text="تعليق منشور", name="قارئ", email="", parent=None):
    comment = ReaderComment(
        content_object=article, article=article, site_id=1, user_name=name, user_email=email, comment=text
    )
    if parent is not None:
        comment.parent_id = parent.pk
    comment.save()
    decide(comment, Status.APPROVED)
    return comment


@pytest.mark.parametrize(
    "dodge",
    ["حمار", "ح.م.ا.ر", "حِمَارٌ", "ح م ا ر", "حمـــار", "ح-م-ا-ر", "والحمار", "ح. م. ا. ر", "حم\u200bار"],
)
def test_banned_words_survive_harakat_and_separators(dodge):
    assert WordList(["حمار"]).first_match(f"أنت {dodge} حقًا") == "حمار"


def test_word_lists_do_not_match_innocent_text():
    words = WordList(["حمار", "كلب"])
    assert words.first_match("كل بيت له باب") is None
    assert words.first_match("خبر عن الحماية المدنية") is None
    assert squash("") == "" and not WordList(["", "  "])


def test_policy_banned_rejects_suspect_holds(client, make_article, policy):
    policy.mode = CommentPolicy.Mode.LINKS
    policy.banned_words = "حمار\n"
    policy.suspect_words = "رشوة"
    policy.save()
    article = make_article()
    response, _ = post(client, article, comment="يا ح.م.ا.ر")
    assert "يخالف سياسة التعليقات" in response.content.decode()
    response, _ = post(client, article, comment="هذه رِشـوة واضحة")
    assert "سيظهر بعد مراجعته" in response.content.decode()
    response, _ = post(client, article, comment="تعليق عادي بلا روابط")
    assert "نُشر تعليقك" in response.content.decode()
    statuses = list(ReaderComment.objects.order_by("pk").values_list("status", "hold_reason"))
    assert statuses == [
        (Status.REJECTED, "banned:حمار"),
        (Status.PENDING, "suspect:رشوة"),
        (Status.APPROVED, ""),
    ]


def test_links_mode_and_maximum_links(client, make_article, policy):
    policy.mode = CommentPolicy.Mode.LINKS
    policy.max_links = 1
    policy.save()
    article = make_article()
    response, _ = post(client, article, comment="انظر https://example.com/a")
    assert ReaderComment.objects.get().status == Status.PENDING
    response, _ = post(client, article, comment="https://a.example/ و https://b.example/")
    assert response.status_code == 400
    assert "روابط أكثر من المسموح" in response.content.decode()
    assert ReaderComment.objects.count() == 1


def test_first_time_mode_trusts_known_addresses(client, make_article, policy):
    policy.mode = CommentPolicy.Mode.FIRST_TIME
    policy.save()
    article = make_article()
    post(client, article, email="reader@example.com", comment="أول مرة")
    first = ReaderComment.objects.get()
    assert (first.status, first.hold_reason) == (Status.PENDING, "first_time")
    decide(first, Status.APPROVED)
    post(client, article, email="READER@example.com", comment="مرة ثانية")
    assert ReaderComment.objects.latest("pk").status == Status.APPROVED
    post(client, article, email="", comment="بلا بريد")
    assert ReaderComment.objects.latest("pk").status == Status.PENDING


def test_replies_are_one_level_deep(client, make_article, policy):
    article = make_article()
    parent = approved(article)
    response, _ = post(client, article, reply_to=str(parent.pk), comment="رد على التعليق")
    assert response.status_code == 201
    reply = ReaderComment.objects.latest("pk")
    assert (reply.parent_id, reply.level, reply.thread_id) == (parent.pk, 1, parent.pk)
    decide(reply, Status.APPROVED)
    response, _ = post(client, article, reply_to=str(reply.pk), comment="رد على الرد")
    assert response.status_code == 400
    assert "لا يمكن الرد على هذا التعليق" in response.content.decode()
    other = approved(make_article(slug="other"))
    response, _ = post(client, article, reply_to=str(other.pk), comment="رد على خبر آخر")
    assert response.status_code == 400


def test_approving_a_parent_again_does_not_publish_a_pending_reply(make_article):
    article = make_article()
    parent = approved(article)
    reply = ReaderComment(content_object=article, article=article, site_id=1, user_name="ب", comment="رد")
    reply.parent_id = parent.pk
    reply.save()
    decide(parent, Status.REPORTED)
    decide(parent, Status.APPROVED)
    reply.refresh_from_db()
    assert (reply.status, reply.is_public) == (Status.PENDING, False)


def test_page_shows_threads_in_both_orders_and_is_invalidated_on_approval(client, make_article):
    article = make_article()
    old = approved(article, "التعليق الأقدم")
    approved(article, "رد على الأقدم", parent=old)
    new = approved(article, "التعليق الأحدث")
    first = client.get(article.url)
    assert first["X-Khabar-Cache"] == "miss"
    html = first.content.decode()
    assert "csrfmiddlewaretoken" not in html and not first.cookies
    assert html.index("التعليق الأحدث") < html.index("التعليق الأقدم") < html.index("رد على الأقدم")
    assert 'التعليقات <span class="comment-total">(3)</span>' in html
    oldest = client.get(article.url + "?comments=oldest").content.decode()
    assert oldest.index("التعليق الأقدم") < oldest.index("رد على الأقدم") < oldest.index("التعليق الأحدث")
    assert client.get(article.url)["X-Khabar-Cache"] == "hit"

    pending = ReaderComment(content_object=article, article=article, site_id=1, user_name="ج", comment="جديد")
    pending.save()
    assert client.get(article.url)["X-Khabar-Cache"] == "hit"  # a pending comment changes nothing
    decide(pending, Status.APPROVED)
    again = client.get(article.url)
    assert again["X-Khabar-Cache"] == "miss" and "جديد" in again.content.decode()
    decide(new, Status.REJECTED)
    assert "التعليق الأحدث" not in client.get(article.url).content.decode()


def test_enough_reports_hide_a_comment_until_review(make_article, policy):
    policy.reports_to_hide = 2
    policy.save()
    article = make_article()
    comment = approved(article, "تعليق مزعج")
    url = reverse("comments:report", args=[comment.pk])
    reader = Client(REMOTE_ADDR="10.0.0.1")
    assert "سيراجع فريق التحرير" in reader.post(url, {"reason": "abusive"}).content.decode()
    reader.post(url, {"reason": "spam"})  # the same reader counts once
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (Status.APPROVED, 1)
    assert Client(REMOTE_ADDR="10.0.0.1").post(url, {"reason": "nonsense"}).status_code == 400
    Client(REMOTE_ADDR="10.0.0.2").post(url, {"reason": "offensive"})
    comment.refresh_from_db()
    assert comment.status == Status.REPORTED
    assert Decision.objects.filter(comment=comment, to_status=Status.REPORTED, moderator=None).exists()
    assert "تعليق مزعج" not in Client().get(article.url).content.decode()


def test_ugc_text_escapes_and_marks_links():
    html = ugc_text("<b>مرحبا</b> https://example.com/x?a=1&b=2 javascript:alert(1)\nسطر")
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<a href="https://example.com/x?a=1&amp;b=2" rel="nofollow ugc noopener">' in html
    assert 'href="javascript' not in html and "<br>" in html
    forged = ugc_text('rel="nofollow" onmouseover="x"')
    assert "<a" not in forged and "&quot;" in forged


@pytest.mark.parametrize(
    "n, phrase",
    [
        (1, "تعليق واحد"),
        (2, "تعليقان"),
        (3, "3 تعليقات"),
        (10, "10 تعليقات"),
        (11, "11 تعليقًا"),
        (100, "100 تعليق"),
        (103, "103 تعليقات"),
    ],
)
def test_count_phrase(n, phrase):
    assert count_phrase(n) == phrase


def test_card_counts_keep_listing_queries_bounded(
    client, make_article, section, django_assert_max_num_queries
):
    articles = [make_article(title=f"خبر رقم {i}", slug=f"s{i}") for i in range(3)]
    approved(articles[0])
    approved(articles[0])
    approved(articles[1])
    with django_assert_max_num_queries(60) as few:
        html = client.get(section.url).content.decode()
    assert "تعليقان" in html and "تعليق واحد" in html
    for i in range(3, 12):
        approved(make_article(title=f"خبر رقم {i}", slug=f"s{i}"))
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        html = client.get(section.url).content.decode()
    assert html.count("تعليق واحد") == 10
    comment_queries = [q for q in many.captured_queries if "comments_readercomment" in q["sql"]]
    assert len(comment_queries) == 1


def test_admin_queue_filters_bulk_moderates_and_logs(client, make_article, moderator):
    article = make_article(title="خبر الموازنة")
    other = make_article(title="خبر آخر", slug="other")
    first = ReaderComment.objects.create(
        content_object=article,
        article=article,
        site_id=1,
        user_name="أ",
        user_email="a@example.com",
        comment="الأول",
    )
    second = ReaderComment.objects.create(
        content_object=article, article=article, site_id=1, user_name="ب", comment="الثاني"
    )
    third = ReaderComment.objects.create(
        content_object=other, article=other, site_id=1, user_name="ج", comment="الثالث"
    )
    client.force_login(moderator)
    queue = client.get(reverse("comments_queue"), {"article": "الموازنة", "period": "day"}).content.decode()
    assert "الأول" in queue and "الثاني" in queue and "الثالث" not in queue
    response = client.post(
        reverse("comments_queue"), {"action": "approve", "comment": [first.pk, second.pk]}, follow=True
    )
    assert response.status_code == 200
    assert set(ReaderComment.objects.filter(status=Status.APPROVED).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    client.post(reverse("comments_queue"), {"action": "spam", "comment": [third.pk]})
    third.refresh_from_db()
    assert third.status == Status.SPAM
    log = Decision.objects.filter(moderator=moderator).values_list("comment_id", "from_status", "to_status")
    assert set(log) == {
        (first.pk, Status.PENDING, Status.APPROVED),
        (second.pk, Status.PENDING, Status.APPROVED),
        (third.pk, Status.PENDING, Status.SPAM),
    }
    approved_tab = client.get(reverse("comments_queue"), {"status": "approved"}).content.decode()
    assert "الأول" in approved_tab and "الثالث" not in approved_tab
    history = client.get(reverse("comments_history"), {"email": "A@example.com"}).content.decode()
    assert "الأول" in history and "moderator" in history and "الثاني" not in history


def test_admin_queue_needs_the_moderation_permission(client, make_article):
    editor = User.objects.create_user("editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    # Wagtail answers a refused admin view by sending the user back to the dashboard.
    for name in ("comments_queue", "comments_history"):
        response = client.get(reverse(name))
        assert (response.status_code, response["Location"]) == (302, "/admin/")
