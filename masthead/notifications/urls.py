from django.urls import path

from masthead.notifications import views

app_name = "notifications"

urlpatterns = [
    path("push/config/", views.push_config, name="push_config"),
    path("push/subscriptions/", views.push_subscribe, name="push_subscribe"),
    path("push/unsubscribe/", views.push_unsubscribe, name="push_unsubscribe"),
    path("preferences/", views.preferences, name="preferences"),
    path("newsletter/", views.newsletter_subscribe, name="newsletter_subscribe"),
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        views.newsletter_unsubscribe,
        name="newsletter_unsubscribe",
    ),
]
