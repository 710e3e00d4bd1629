"""The wire desk in the Wagtail admin: this file only registers; the parts are in ``wagtail_admin``."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import WireItem, WireLog
from .wagtail_admin.permissions import ReadOnlyPolicy
from .wagtail_admin.viewsets import WireDeskGroup

register_permission_policy(WireItem, ReadOnlyPolicy(WireItem))
register_permission_policy(WireLog, ReadOnlyPolicy(WireLog))


@hooks.register("register_admin_viewset")
def register_wire_desk():
    return WireDeskGroup()
