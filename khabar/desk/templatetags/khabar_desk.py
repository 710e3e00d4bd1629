"""Who did a desk step and when, as the desk shows it: a person's name, an Arabic date and time."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from khabar.arabic.dates import format_datetime

register = template.Library()


@register.filter
def person(user) -> str:
    """The user's full name; a login name (often Latin letters) is marked as content, not interface."""
    if user is None:
        return ""
    if user.get_full_name():
        return format_html('<bdi dir="auto">{}</bdi>', user.get_full_name())
    return format_html('<bdi lang="und" dir="auto">{}</bdi>', user.get_username())


@register.filter
def when(value) -> str:
    return format_datetime(timezone.localtime(value)) if value else ""
