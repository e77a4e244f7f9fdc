"""Shared helpers for the accounts tests."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

from masthead.accounts import captcha


def solve(challenge: dict[str, Any]) -> str:
    """Solve a captcha challenge the way the browser does, as the form's hidden value."""
    for number in range(challenge["maxNumber"] + 1):
        digest = hashlib.sha256(f"{challenge['salt']}{number}".encode()).hexdigest()
        if digest == challenge["challenge"]:
            payload = {**challenge, "number": number}
            payload.pop("maxNumber")
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise AssertionError("unsolvable challenge")


def solved_captcha() -> str:
    return solve(captcha.new_challenge())


def challenge_from_page(html: str) -> dict[str, Any]:
    import html as html_lib

    found = re.search(r'data-challenge="([^"]+)"', html)
    assert found, "no captcha on the page"
    return json.loads(html_lib.unescape(found.group(1)))


def signup_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "email": "new.reader@example.org",
        "display_name": "Nina New",
        "password1": "a long and unusual passphrase 42",
        "password2": "a long and unusual passphrase 42",
        "accept_rules": "on",
        "captcha": solved_captcha(),
    }
    data.update(overrides)
    return data


def link_in(text: str, fragment: str) -> str:
    for link in re.findall(r"https?://[^\s<>\"]+", text):
        if fragment in link:
            return link
    raise AssertionError(f"no link with {fragment!r} in:\n{text}")


def path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
