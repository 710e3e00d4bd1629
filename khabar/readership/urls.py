from django.urls import path

from . import views

app_name = "readership"

urlpatterns = [path("read/<int:article_id>/", views.view_beacon, name="beacon")]
