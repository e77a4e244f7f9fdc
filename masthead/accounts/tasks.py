"""Background jobs: thin wrappers over services, taking ids only."""

from __future__ import annotations

from django.tasks import task

from masthead.accounts import mail, services

SCHEDULE = [
    ("masthead.accounts.tasks.purge_expired_accounts", 3600),
    ("masthead.accounts.tasks.delete_expired_exports", 3600),
    ("masthead.accounts.tasks.drop_stale_mail", 3600),
    ("masthead.accounts.tasks.retry_unsent_mail", 60),
]


@task()
def send_queued_mail(mail_id: int) -> None:
    mail.send_queued(mail_id)


@task()
def retry_unsent_mail() -> int:
    return mail.retry_unsent()


@task()
def purge_expired_accounts() -> int:
    return services.purge_expired_accounts()


@task()
def build_data_export(export_id: int) -> None:
    services.build_data_export(export_id)


@task()
def delete_expired_exports() -> int:
    return services.delete_expired_exports()


@task()
def drop_stale_mail() -> int:
    return services.drop_stale_mail()
