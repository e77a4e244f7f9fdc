"""Every accounts mail goes out from a task, so a request never waits on SMTP.

Known and unknown addresses take the same path (render, store, enqueue), which keeps sign-up,
log-in and recovery answering in about the same time whoever asks. The task gets only the id of
an OutgoingMail row, never the address, so the task queue's tables hold nothing personal.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

from masthead.accounts.models import OutgoingMail

log = logging.getLogger(__name__)


def queue(message: EmailMessage) -> None:
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        for content, mimetype in message.alternatives:
            if mimetype == "text/html":
                html = str(content)
    text = str(message.body)
    if getattr(message, "content_subtype", "plain") == "html" and not html:
        html, text = text, ""
    for to in message.to:
        row = OutgoingMail.objects.create(to=to, subject=str(message.subject), text=text, html=html)
        _enqueue(row.pk)


def _enqueue(mail_id: int) -> None:
    from masthead.accounts import tasks

    transaction.on_commit(lambda: tasks.send_queued_mail.enqueue(mail_id))


def render(template_prefix: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, text and HTML of `<prefix>_subject.txt`, `_message.txt` and `_message.html`."""
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    text = render_to_string(f"{template_prefix}_message.txt", context).strip()
    html = render_to_string(f"{template_prefix}_message.html", context).strip()
    return f"[{settings.SITE_NAME}] {subject}", text, html


def send_template(template_prefix: str, to: str, context: dict[str, Any]) -> None:
    subject, text, html = render(template_prefix, context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    queue(message)


def send_queued(mail_id: int) -> None:
    row = OutgoingMail.objects.filter(pk=mail_id).first()
    if row is None:
        return  # Already sent by an earlier run of the task.
    message = EmailMultiAlternatives(row.subject, row.text, settings.DEFAULT_FROM_EMAIL, [row.to])
    if row.html:
        message.attach_alternative(row.html, "text/html")
    message.send()
    row.delete()


def retry_unsent(*, older_than: timedelta = timedelta(seconds=60), limit: int = 200) -> int:
    """Send again what is still queued a minute after it was stored: SMTP was down.

    Without this sweep, a mail whose task failed (SMTP unreachable, a worker killed) waited in
    the table until drop_stale_mail deleted it unsent. Sending is at-least-once: a row is
    deleted only after the server accepted it.
    """
    from django.utils import timezone

    due = OutgoingMail.objects.filter(created_at__lt=timezone.now() - older_than).order_by("pk")
    sent = 0
    for mail_id in list(due.values_list("pk", flat=True)[:limit]):
        try:
            send_queued(mail_id)
        except Exception as error:
            log.warning("Mail %s still cannot be sent (%s); will retry", mail_id, error)
            break
        sent += 1
    return sent
