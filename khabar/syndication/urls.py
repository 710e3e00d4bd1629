"""``/api/ninjs/…`` and ``/api/newsml/…``: one pair of routes per registered format."""

from django.urls import path

from . import views  # the formats registered themselves when the app was ready (apps.py)
from .formats import FORMATS

app_name = "syndication"

urlpatterns = [
    route
    for name in FORMATS
    for route in (
        path(f"{name}/", views.stories, {"fmt": name}, name=f"{name}-list"),
        path(f"{name}/<int:pk>", views.story, {"fmt": name}, name=f"{name}-item"),
    )
]
