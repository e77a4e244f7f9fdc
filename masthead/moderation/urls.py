from django.urls import path

from masthead.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("queue/changes/", views.queue_changes, name="queue_changes"),
    path("decide/", views.decide, name="decide"),
    path("comments/<int:comment_id>/edit/", views.edit, name="edit"),
    path("readers/<int:user_id>/", views.reader, name="reader"),
    path("readers/<int:user_id>/block/", views.block, name="block"),
    path("readers/<int:user_id>/lift/", views.lift, name="lift"),
    path("readers/<int:user_id>/premoderation/", views.premoderation, name="premoderation"),
    path("readers/<int:user_id>/delete/", views.delete_account, name="delete_account"),
    path("appeals/", views.appeals, name="appeals"),
    path("appeals/<int:appeal_id>/", views.answer_appeal, name="answer_appeal"),
    path("appeal/", views.appeal, name="appeal"),
    path("audit/", views.audit, name="audit"),
    path("audit.csv", views.audit_csv, name="audit_csv"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
