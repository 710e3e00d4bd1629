from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("altcha/challenge/", views.challenge, name="challenge"),
    path("article/<int:article_pk>/form/", views.comment_form, name="form"),
    path("article/<int:article_pk>/post/", views.post_comment, name="post"),
    path("<int:comment_pk>/report/", views.report_comment, name="report"),
]
