"""The whole reader journey in Chromium: sign up, confirm, log in, picture, greeting, delete,
restore, accept a new policy. Run with `pytest -m browser`."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import ConsoleMessage

from masthead.accounts.models import PrivacyPolicy
from tests.factories import jpeg_bytes

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are
# still synchronous and safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "browser.reader@example.org"
PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture
def page(browser: Any) -> Any:
    """A fresh context on the session's Chromium (tests/conftest.py), watching for CSP errors."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(20_000)
    csp_errors: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            csp_errors.append(message.text)

    page.on("console", watch)
    page.csp_errors = csp_errors
    yield page
    context.close()


def _link(sink, fragment: str, count: int) -> str:
    messages = sink.wait_for(EMAIL, count)
    for url in sink.links(messages[count - 1]):
        if fragment in url:
            return url
    raise AssertionError(f"no {fragment} link in mail {count}")


def test_a_reader_journey_in_chromium(page, live_server, smtp_sink, settings, tmp_path, capsys):
    settings.SITE_URL = live_server.url
    settings.CAPTCHA_MAX_NUMBER = 100_000  # the production default: we time it
    PrivacyPolicy.objects.create(
        version="1", text="We keep little.", published_at=timezone.now() - timedelta(days=1)
    )
    base = live_server.url

    # Sign up; the page's own script solves the captcha.
    page.goto(f"{base}/accounts/signup/")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=display_name]", "Bea Browser")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.check("input[name=accept_rules]")
    page.wait_for_selector("[data-captcha][data-solved=true]", state="attached")
    took_ms = page.get_attribute("[data-captcha]", "data-took-ms")
    page.click("form[action='/accounts/signup/'] button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))

    # Confirm the address by the link in the mail.
    page.goto(_link(smtp_sink, "/accounts/confirm-email/", 1))
    page.click("main form button[type=submit]")

    # Log in.
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_selector(".greeting")
    assert page.inner_text(".greeting") == "Hello, Bea Browser!"

    # Upload a picture.
    picture = tmp_path / "me.jpg"
    picture.write_bytes(jpeg_bytes((600, 400)))
    page.goto(f"{base}/accounts/profile/")
    page.set_input_files("input[name=avatar]", str(picture))
    page.click("form[action='/accounts/avatar/'] button[type=submit]")
    page.wait_for_selector("text=Your new picture is saved.")
    assert "/media/avatars/" in (page.get_attribute(".user-avatar", "src") or "")

    # Delete the account.
    page.goto(f"{base}/accounts/delete/")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.danger")
    page.wait_for_selector(".account-deleted")
    assert page.locator("a[href='/accounts/login/']").count() >= 1  # signed out

    # Restore it by the link.
    page.goto(_link(smtp_sink, "/accounts/restore/", 2))
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Your account is restored.")
    assert page.inner_text(".greeting") == "Hello, Bea Browser!"

    # A new policy: stopped on the next page until the box is ticked.
    PrivacyPolicy.objects.create(
        version="2", text="We now keep a little more.", published_at=timezone.now()
    )
    page.goto(f"{base}/")
    page.wait_for_url(re.compile(r"/accounts/consent/"))
    assert "We now keep a little more." in page.content()
    page.check("input[name=accept]")
    page.click(".consent-form button[type=submit]")
    page.wait_for_url(f"{base}/")
    assert page.inner_text(".greeting") == "Hello, Bea Browser!"

    assert page.csp_errors == []
    with capsys.disabled():
        print(f"\n[timing] captcha solved in Chromium in {took_ms} ms (max number 100000)")
