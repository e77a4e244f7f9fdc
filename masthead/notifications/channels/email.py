"""E-mail: plain text and HTML from templates, over the site's default mailer."""

from __future__ import annotations

import smtplib
from typing import ClassVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from masthead.notifications.channels.base import Channel, Message, PermanentError, RetryableError


class EmailChannel(Channel[str]):
    name: ClassVar[str] = "email"

    def send(self, recipient: str, message: Message) -> None:
        context = {
            "SITE_NAME": settings.SITE_NAME,
            "SITE_URL": settings.SITE_URL,
            "message": message,
            **message.context,
        }
        text = render_to_string(f"{message.template}.txt", context)
        html = render_to_string(f"{message.template}.html", context)
        mail = EmailMultiAlternatives(
            subject=message.title,
            body=text,
            to=[recipient],
            headers=message.headers,
        )
        mail.attach_alternative(html, "text/html")
        try:
            mail.send()
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentError(f"the mail server refused the address: {error}") from None
        except (smtplib.SMTPException, OSError) as error:
            raise RetryableError(f"the mail server failed: {error!r}") from None
