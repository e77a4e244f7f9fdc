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
