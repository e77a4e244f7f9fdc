from django.urls import path

from masthead.discussion import views

app_name = "discussion"

urlpatterns = [
    path("articles/<slug:slug>/comments/", views.post_comment, name="post"),
    path("articles/<slug:slug>/discussion/", views.discussion_page, name="page"),
    path("articles/<slug:slug>/comments/new/", views.new_comments, name="new"),
    path("comments/<int:comment_id>/reply/", views.reply_form, name="reply_form"),
    path("comments/<int:comment_id>/edit/", views.edit_form, name="edit_form"),
    path("comments/<int:comment_id>/edit/save/", views.edit_comment, name="edit"),
    path("comments/<int:comment_id>/delete/", views.delete_comment, name="delete"),
    path("comments/<int:comment_id>/like/", views.like_comment, name="like"),
    path("comments/<int:comment_id>/report/", views.report_form, name="report_form"),
    path("comments/<int:comment_id>/report/send/", views.report_comment, name="report"),
    path("community-standards/", views.community_standards, name="standards"),
]
