from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def comment_admin_urls():
    return [
        path("comments/", admin_views.queue, name="comments_queue"),
        path("comments/history/", admin_views.history, name="comments_history"),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("comments.moderate_readercomment")


@hooks.register("register_admin_menu_item")
def comment_menu_item():
    return ModeratorMenuItem(_("Comments"), reverse("comments_queue"), icon_name="comment", order=250)
