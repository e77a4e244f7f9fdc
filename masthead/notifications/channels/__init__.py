"""Delivery channels: one small plugin per way of reaching a reader (see base.Channel)."""

from masthead.notifications.channels.base import (
    Channel,
    DeliveryError,
    Message,
    PermanentError,
    RetryableError,
)
from masthead.notifications.channels.email import EmailChannel
from masthead.notifications.channels.webpush import WebPushChannel

__all__ = [
    "Channel",
    "DeliveryError",
    "EmailChannel",
    "Message",
    "PermanentError",
    "RetryableError",
    "WebPushChannel",
]
