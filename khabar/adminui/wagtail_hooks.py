from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def guide_urls():
    return [
        path("guide/", views.guide, name="khabar_guide"),
        path("guide/pictures/<str:name>", views.guide_picture, name="khabar_guide_picture"),
    ]


@hooks.register("construct_help_menu")
def khabar_help(request, menu_items):
    """The help menu opens Khabar's Arabic guide; Wagtail's own entries link to its website in English."""
    shortcuts = [item for item in menu_items if item.name == "keyboard-shortcuts-trigger"]
    menu_items[:] = [
        MenuItem(
            _("Translator's and editor's guide"),
            reverse("khabar_guide"),
            name="khabar-guide",
            icon_name="help",
            order=1,
        ),
        *shortcuts,
    ]


@hooks.register("insert_global_admin_css")
def khabar_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("adminui/admin.css"))
