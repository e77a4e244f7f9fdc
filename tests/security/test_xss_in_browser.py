"""The XSS corpus rendered in Chromium: no payload runs, and the CSP has nothing to block.

Every payload sets window.__xss or opens a dialog if it runs. The shared `page` fixture also
fails the test on any console error, which is where Chromium reports a script the
Content-Security-Policy refused: so a payload that got into the markup fails the test even
though the CSP stopped it.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests import factories
from tests.security.xss import XSS_PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ran(page) -> bool:
    return bool(page.evaluate("() => window.__xss === 1"))


def test_no_payload_runs_in_comments_names_or_search(page, reader, other_reader):
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    story = factories.article(slug="xss-story", body=["The harbour bridge reopened on Monday."])
    other_reader.display_name = "<img src=x onerror=window.__xss=1>"
    other_reader.save(update_fields=["display_name"])
    parent = None
    for payload in XSS_PAYLOADS:
        parent = factories.comment(story, other_reader, payload, parent=parent)
    for path in [f"/articles/{story.slug}/", f"/articles/{story.slug}/discussion/?sort=oldest"]:
        page.goto(path)
        page.wait_for_load_state("load")
        assert not _ran(page), path
        # The payloads are on the page as text.
        assert "window.__xss=1" in page.inner_text("body")
    for payload in XSS_PAYLOADS[:8]:
        page.goto(f"/search/?q={quote(payload)}")
        page.wait_for_load_state("load")
        assert not _ran(page), payload
    assert dialogs == []


def test_no_payload_runs_in_the_moderation_workspace(
    browser, live_server, reader, other_reader, blocked_reader, moderator
):
    """Report notes and an appeal, written with the corpus, open in a moderator's Chromium."""
    from django.conf import settings
    from django.test import Client

    from masthead.discussion import services as discussion
    from masthead.discussion.models import Comment, Report
    from masthead.moderation import services as moderation

    story = factories.article(slug="xss-workspace", body=["The ferry timetable changed."])
    for n, payload in enumerate(XSS_PAYLOADS):
        comment = factories.comment(story, other_reader, f"Comment number {n} about the ferry.")
        if n < 5:
            discussion.report_comment(user=reader, comment=comment, rule="insults", note=payload)
        else:  # past the reader's rate limit for reports: the rows a report would leave
            Report.objects.create(comment=comment, reporter=reader, rule="insults", note=payload)
            Comment.objects.filter(pk=comment.pk).update(report_count=1)
    moderation.submit_appeal(
        blocked_reader,
        "I was blocked unfairly, here is why: " + " ".join(XSS_PAYLOADS)[:3900],
        subject=XSS_PAYLOADS[0][:200],
    )
    client = Client()
    client.force_login(moderator)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page = context.new_page()
    problems: list[str] = []

    def on_dialog(dialog) -> None:
        problems.append(dialog.message)
        dialog.dismiss()

    def on_console(message) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", on_console)
    try:
        for path in [
            "/moderation/?show=reported",
            "/moderation/appeals/",
            f"/moderation/readers/{blocked_reader.pk}/",
        ]:
            page.goto(path)
            page.wait_for_load_state("load")
            assert not _ran(page), path
            assert "window.__xss=1" in page.inner_text("body"), path  # shown, as text
        assert problems == []
    finally:
        context.close()
