from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views
from .models import Status
from .moderation import waiting_counts


@hooks.register("register_admin_urls")
def comment_admin_urls():
    return [
        path("comments/", admin_views.queue, name="comments_queue"),
        path("comments/history/", admin_views.history, name="comments_history"),
    ]


def _is_moderator(request):
    return request.user.has_perm("comments.moderate_readercomment")


class ModeratorMenuItem(MenuItem):
    """«التعليقات (3)»: the menu says how many comments wait for a decision."""

    def is_shown(self, request):
        return _is_moderator(request)

    def render_component(self, request):
        component = super().render_component(request)
        if pending := waiting_counts()[Status.PENDING]:
            component.label = f"{self.label} ({pending})"
        return component


class WaitingCommentsPanel(Component):
    """The dashboard's count of comments held for review and hidden by reports, with links."""

    name = "waiting_comments"
    template_name = "reader_comments/admin/waiting_panel.html"
    order = 90  # above Wagtail's own panels: comments go stale the fastest

    def get_context_data(self, parent_context=None):
        counts = waiting_counts()
        return {
            "pending": counts[Status.PENDING],
            "reported": counts[Status.REPORTED],
            "queue_url": reverse("comments_queue"),
        }


@hooks.register("register_admin_menu_item")
def comment_menu_item():
    return ModeratorMenuItem(_("Comments"), reverse("comments_queue"), icon_name="comment", order=250)


@hooks.register("construct_homepage_panels")
def waiting_comments_panel(request, panels):
    if _is_moderator(request):
        panels.append(WaitingCommentsPanel())
