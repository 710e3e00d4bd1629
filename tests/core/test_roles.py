"""The four roles the migrations create, and what each may not do."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

TRANSLATORS, EDITORS, MODERATORS, ADMINISTRATORS = "المترجمون", "المحررون", "مشرفو التعليقات", "مديرو الموقع"


@pytest.fixture
def member(client):
    def make(role):
        user = get_user_model().objects.create_user(f"user-{len(role)}-{role[:3]}", password="role-pass-1")
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return user

    return make


def settings_url():
    from wagtail.models import Site

    return f"/admin/settings/newsroom/newsroomsettings/{Site.objects.get(is_default_site=True).pk}/"


def test_every_role_exists():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        TRANSLATORS,
        EDITORS,
        MODERATORS,
        ADMINISTRATORS,
    }


def test_a_translator_cannot_publish(member, make_article):
    article = make_article()
    translator = member(TRANSLATORS)
    permissions = article.permissions_for_user(translator)
    assert permissions.can_edit() and not permissions.can_publish()
    assert not translator.has_perm("auth.change_user")


def test_a_moderator_moderates_comments_but_cannot_edit_stories(client, member, make_article):
    article = make_article()
    moderator = member(MODERATORS)
    assert moderator.has_perm("comments.moderate_readercomment")
    assert not article.permissions_for_user(moderator).can_edit()
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code in (302, 403)
    assert client.get("/admin/").status_code == 200


def test_an_editor_publishes_but_cannot_manage_users_or_settings(client, member, make_article, home):
    article = make_article()
    editor = member(EDITORS)
    assert article.permissions_for_user(editor).can_publish()
    assert not editor.has_perm("auth.change_user") and not editor.has_perm("auth.add_group")
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get("/admin/groups/").status_code in (302, 403)
    assert client.get(settings_url()).status_code in (302, 403)


def test_an_administrator_manages_users_settings_and_pages(client, member, make_article, home):
    article = make_article()
    administrator = member(ADMINISTRATORS)
    assert not administrator.is_superuser
    assert article.permissions_for_user(administrator).can_publish()
    assert client.get("/admin/users/").status_code == 200
    assert client.get(settings_url()).status_code == 200
    assert administrator.has_perm("comments.moderate_readercomment")
