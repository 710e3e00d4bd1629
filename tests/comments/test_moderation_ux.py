"""Comments from both sides: row actions and waiting counts for moderators; a reader who posts too
fast keeps the solved check; names and texts isolated from bidirectional controls."""

import lxml.html
import pytest
from django.test import RequestFactory
from django.urls import reverse

from khabar.comments.models import Decision, ReaderComment, Status
from khabar.comments.moderation import decide, waiting_counts
from khabar.comments.views import CHECK_KEPT_HEADER
from khabar.comments.wagtail_hooks import comment_menu_item

from .conftest import form_fields, solve

pytestmark = pytest.mark.django_db


def comment(article, text="تعليق", name="قارئ", status=Status.PENDING):
    return ReaderComment.objects.create(
        content_object=article, article=article, site_id=1, user_name=name, comment=text, status=status
    )


def test_each_row_approves_or_rejects_its_own_comment(client, make_article, moderator):
    article = make_article()
    first, second, third = comment(article, "الأول"), comment(article, "الثاني"), comment(article, "الثالث")
    client.force_login(moderator)
    html = client.get(reverse("comments_queue")).content.decode()
    for pk in (first.pk, second.pk, third.pk):
        assert f'name="decide" value="approve:{pk}"' in html and f'name="decide" value="reject:{pk}"' in html

    # A row's button decides that row only, even with other rows ticked.
    client.post(reverse("comments_queue"), {"decide": f"approve:{first.pk}", "comment": [second.pk]})
    client.post(reverse("comments_queue"), {"decide": f"reject:{third.pk}"})
    statuses = dict(ReaderComment.objects.values_list("pk", "status"))
    assert statuses == {first.pk: Status.APPROVED, second.pk: Status.PENDING, third.pk: Status.REJECTED}
    log = set(Decision.objects.filter(moderator=moderator).values_list("comment_id", "to_status"))
    assert log == {(first.pk, Status.APPROVED), (third.pk, Status.REJECTED)}


def test_a_row_action_with_an_unknown_verb_changes_nothing(client, make_article, moderator):
    waiting = comment(make_article())
    client.force_login(moderator)
    client.post(reverse("comments_queue"), {"decide": f"publish:{waiting.pk}"})
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING


def test_waiting_counts_take_one_query(make_article, django_assert_num_queries):
    article = make_article()
    for _ in range(3):
        comment(article)
    hidden = comment(article, status=Status.APPROVED)
    decide(hidden, Status.REPORTED)
    comment(article, status=Status.APPROVED)
    with django_assert_num_queries(1):
        assert waiting_counts() == {Status.PENDING: 3, Status.REPORTED: 1}


def test_the_menu_shows_how_many_comments_wait(make_article, moderator):
    request = RequestFactory().get("/admin/")
    request.user = moderator
    item = comment_menu_item()
    assert item.render_component(request).label == str(item.label)
    article = make_article()
    comment(article), comment(article)
    assert item.render_component(request).label == f"{item.label} (2)"


def test_the_dashboard_shows_the_waiting_counts_to_moderators_only(client, make_article, moderator):
    article = make_article()
    comment(article), comment(article)
    client.force_login(moderator)
    doc = lxml.html.fromstring(client.get("/admin/").content.decode())
    panel = doc.xpath("//*[@data-waiting-comments]")[0]
    links = {a.get("href"): a.text_content().strip() for a in panel.xpath(".//a")}
    assert links[reverse("comments_queue") + "?status=pending"] == "تعليقات بانتظار المراجعة: 2"
    assert links[reverse("comments_queue") + "?status=reported"] == "تعليقات أخفتها بلاغات القرّاء: 0"

    from django.contrib.auth.models import User

    editor = User.objects.create_superuser("editor-without-queue", password="pw")
    editor.is_superuser = False
    editor.save()
    client.force_login(editor)
    assert b"data-waiting-comments" not in client.get("/admin/", follow=True).content


def test_posting_too_fast_keeps_the_solved_check_and_says_to_wait(client, make_article, policy, settings):
    article = make_article()
    data = form_fields(client, article)
    data.update(name="قارئ", email="", comment="تعليق سريع", altcha=solve(client))
    settings.COMMENTS_MIN_FILL_SECONDS = 60
    url = reverse("comments:post", args=[article.pk])
    too_fast = client.post(url, data, HTTP_X_REQUESTED_WITH="fetch")
    assert too_fast.status_code == 400 and too_fast[CHECK_KEPT_HEADER] == "kept"
    assert "انتظر لحظة" in too_fast.content.decode() and "ما زال صالحًا" in too_fast.content.decode()
    # The same solution is accepted once the moment has passed: it was never spent.
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    accepted = client.post(url, data, HTTP_X_REQUESTED_WITH="fetch")
    assert accepted.status_code == 201 and CHECK_KEPT_HEADER not in accepted
    assert ReaderComment.objects.count() == 1


def test_a_spent_check_is_not_reported_as_kept(client, make_article, policy):
    article = make_article()
    data = form_fields(client, article)
    data.update(name="قارئ", email="", comment="تعليق", altcha="not base64 at all")
    refused = client.post(reverse("comments:post", args=[article.pk]), data, HTTP_X_REQUESTED_WITH="fetch")
    assert refused.status_code == 400 and CHECK_KEPT_HEADER not in refused
    assert not ReaderComment.objects.exists()


OVERRIDE = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: would reverse the text after it


def test_names_and_texts_are_isolated_on_the_article_page(client, make_article):
    article = make_article()
    comment(article, f"نص {OVERRIDE}evil", name=f"{OVERRIDE}Mallory", status=Status.APPROVED)
    doc = lxml.html.fromstring(client.get(article.url).content.decode())
    author = doc.xpath("//*[contains(@class, 'comment-author')]")[0]
    assert author.xpath("./bdi") and OVERRIDE + "Mallory" in author.xpath("./bdi")[0].text_content()
    text = doc.xpath("//*[contains(@class, 'comment-text')]")[0]
    assert text.get("dir") == "auto"
    reply = doc.xpath("//*[contains(@class, 'comment-reply')]")[0]
    assert reply.get("data-reply-name") == OVERRIDE + "Mallory"


def test_names_and_texts_are_isolated_in_the_queue(client, make_article, moderator):
    comment(make_article(), f"نص {OVERRIDE}evil", name=f"{OVERRIDE}Mallory")
    client.force_login(moderator)
    doc = lxml.html.fromstring(client.get(reverse("comments_queue")).content.decode())
    row = doc.xpath("//table[contains(@class, 'listing')]/tbody/tr")[0]
    assert any(OVERRIDE + "Mallory" in bdi.text_content() for bdi in row.xpath(".//bdi"))
    assert row.xpath(".//td[@dir='auto']")
