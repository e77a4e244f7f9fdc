"""The interface every delivery channel implements.

A channel turns a :class:`Message` into one delivery to one recipient. It knows nothing of
topics, batches or retries: it either returns (delivered), raises :class:`PermanentError` (this
recipient will never accept it: forget the address), or raises :class:`RetryableError` (try
again later, not before ``retry_after`` seconds when the far side said so).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar


class DeliveryError(Exception):
    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class PermanentError(DeliveryError):
    """The recipient is gone or refuses for good (push 404/410, a rejected address)."""


class RetryableError(DeliveryError):
    """A passing trouble (push 429/5xx, network, an SMTP server that is down)."""

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message, status=status)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Message:
    """What to say. Channels pick what they can use: push shows title/body and opens `url`;
    e-mail renders `template` (``<template>.txt`` and ``.html``) with `context`, or a generic one.
    """

    title: str
    body: str = ""
    url: str = ""
    tag: str = ""
    template: str = "notifications/mail/message"
    context: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


class Channel[Recipient](ABC):
    name: ClassVar[str]

    @abstractmethod
    def send(self, recipient: Recipient, message: Message) -> None:
        """Deliver or raise PermanentError / RetryableError."""
