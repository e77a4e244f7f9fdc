from django.urls import path

from masthead.accounts import views

app_name = "accounts"

urlpatterns = [
    path("privacy/", views.privacy_policy, name="privacy"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/avatar/", views.avatar_upload, name="avatar_upload"),
    path("accounts/avatar/remove/", views.avatar_remove, name="avatar_remove"),
    path("accounts/avatar/default/<int:user_id>.svg", views.default_avatar, name="default_avatar"),
    path("accounts/consent/", views.consent, name="consent"),
    path("accounts/delete/", views.delete_account, name="delete"),
    path("accounts/restore/<str:token>/", views.restore, name="restore"),
    path("accounts/export/", views.data_export, name="export"),
    path("accounts/export/<str:token>/", views.export_download, name="export_download"),
]
