"""Helpers for comment tests: solve ALTCHA challenges the way the widget does, read the form fragment."""

import altcha
import lxml.html
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from khabar.comments.models import CommentPolicy


@pytest.fixture(autouse=True)
def quick_comments(settings):
    # Small proofs of work and no minimum fill time unless a test asks for them.
    settings.ALTCHA_COST = 5
    settings.ALTCHA_COUNTER_MIN = 1
    settings.ALTCHA_COUNTER_MAX = 30
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    settings.COMMENTS_RATE_LIMITS = {"ip": (100, 600), "session": (100, 600)}


@pytest.fixture
def policy(db):
    policy = CommentPolicy.load()
    policy.mode = CommentPolicy.Mode.ALL
    policy.save()
    return policy


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderator", password="pw")
    group = Group.objects.create(name="Comment moderators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="moderate_readercomment"),
    )
    user.groups.add(group)
    return user


def solve(client):
    """Fetch a challenge from the site and solve it as the widget's worker does; the `altcha` field value."""
    response = client.get(reverse("comments:challenge"))
    assert response.status_code == 200
    challenge = altcha.Challenge.from_dict(response.json())
    solution = altcha.solve_challenge(challenge)
    return altcha.Payload(challenge, solution).to_base64()


def form_fields(client, article):
    """The hidden and default fields of the comment form fragment, as a browser would submit them."""
    response = client.get(reverse("comments:form", args=[article.pk]), HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content.decode())
    return {i.get("name"): i.get("value") or "" for i in doc.xpath("//form[@class='comment-form']//input")}


def post(client, article, *, altcha_payload="solve", **fields):
    data = form_fields(client, article)
    data.update({"name": "قارئ", "email": "", "comment": "تعليق مفيد على الخبر"}, **fields)
    data["altcha"] = solve(client) if altcha_payload == "solve" else altcha_payload
    return client.post(reverse("comments:post", args=[article.pk]), data, HTTP_X_REQUESTED_WITH="fetch"), data
