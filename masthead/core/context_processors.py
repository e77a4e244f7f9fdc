from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "RADIO_STREAM_URL": settings.RADIO_STREAM_URL,
        "RADIO_STATION_NAME": settings.RADIO_STATION_NAME,
    }
