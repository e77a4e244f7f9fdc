from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from masthead.discussion.api import api
from masthead.notifications.views import service_worker

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("data/", include("masthead.datadesk.urls")),
    path("moderation/", include("masthead.moderation.urls")),
    path("api/", api.urls),
    path("", include("masthead.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("masthead.discussion.urls")),
    path("notifications/", include("masthead.notifications.urls")),
    path("sw.js", service_worker, name="service_worker"),
    path("", include("masthead.newsroom.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A database outage answers 503 with Retry-After instead of 500 (see masthead.core.errors).
handler400 = "masthead.core.errors.bad_request"
handler500 = "masthead.core.errors.server_error"
