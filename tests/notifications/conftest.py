"""A push service and a mail server on loopback, both real enough to be strict.

`push_service` is an HTTPS server in a thread (a certificate made for the test, trusted through
PUSH_CA_BUNDLE; both from tests/push_service.py, which bench/push_fanout.py shares). For every
request it checks the VAPID header (an ES256 JWT signed by the site's key, audience = the
service's origin, not expired) and decrypts the aes128gcm body with the private key of the
browser it was addressed to. It answers what the test asked for.

`smtp_sink` is aiosmtpd on a free port, with Django's MAILERS pointed at it.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import http_ece
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from masthead.notifications import vapid
from tests.push_service import certificate, https_server
from tests.servers import serve_in_thread


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.fixture
def vapid_keys(settings, db) -> Iterator[str]:
    """A fresh site key pair in settings; yields the public key."""
    _pem, private_b64, public_b64 = vapid.generate()
    settings.VAPID_PRIVATE_KEY = private_b64
    settings.VAPID_PUBLIC_KEY = public_b64
    settings.VAPID_SUBJECT = "mailto:desk@example.org"
    vapid.forget_cached()
    yield public_b64
    vapid.forget_cached()


@dataclass
class Browser:
    """One browser's push subscription: a real P-256 key pair and auth secret."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes

    @property
    def p256dh(self) -> str:
        return b64url(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)

    def subscription_json(self) -> dict[str, Any]:
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": self.p256dh, "auth": self.auth},
        }


@dataclass
class Received:
    path: str
    payload: dict[str, Any]
    claims: dict[str, Any]
    headers: dict[str, str]


@dataclass
class PushService:
    origin: str
    site_public_key: str
    browsers: dict[str, Browser] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    # path -> list of (status, headers) answered in turn; the last one repeats.
    answers: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def new_browser(self) -> Browser:
        path = f"/push/{b64url(os.urandom(12))}"
        browser = Browser(
            endpoint=self.origin + path,
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth_secret=os.urandom(16),
        )
        self.browsers[path] = browser
        return browser

    def answer(self, browser: Browser, *answers: int | tuple[int, dict[str, str]]) -> None:
        path = browser.endpoint.removeprefix(self.origin)
        self.answers[path] = [a if isinstance(a, tuple) else (a, {}) for a in answers]

    def payloads_for(self, browser: Browser) -> list[dict[str, Any]]:
        path = browser.endpoint.removeprefix(self.origin)
        return [r.payload for r in self.received if r.path == path]

    # --- the checks a real push service makes --------------------------------------------
    def verify_vapid(self, header: str) -> dict[str, Any]:
        scheme, _space, params = header.partition(" ")
        assert scheme == "vapid", f"Authorization scheme {scheme!r}"
        parts = dict(p.strip().split("=", 1) for p in params.split(","))
        assert parts["k"] == self.site_public_key, "VAPID k is not the site's public key"
        signing_input, _dot, signature = parts["t"].rpartition(".")
        header_b64, _dot, claims_b64 = signing_input.partition(".")
        assert json.loads(b64url_decode(header_b64)) == {"typ": "JWT", "alg": "ES256"}
        raw = b64url_decode(signature)
        assert len(raw) == 64, "ES256 signature must be r||s, 64 bytes"
        public = ec.EllipticCurvePublicKey.from_encoded_point(
            ec.SECP256R1(), b64url_decode(parts["k"])
        )
        public.verify(  # raises InvalidSignature
            encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:])),
            signing_input.encode(),
            ec.ECDSA(hashes.SHA256()),
        )
        claims: dict[str, Any] = json.loads(b64url_decode(claims_b64))
        assert claims["aud"] == self.origin, f"audience {claims['aud']!r}"
        assert time.time() < claims["exp"] <= time.time() + 24 * 3600, "exp out of range"
        assert claims["sub"].startswith(("mailto:", "https://"))
        return claims

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict]:
        browser = self.browsers.get(path)
        if browser is None:
            return 404, {}
        try:
            claims = self.verify_vapid(headers.get("authorization", ""))
            assert headers.get("content-encoding") == "aes128gcm"
            assert "ttl" in headers
            plain = http_ece.decrypt(
                body,
                private_key=browser.private_key,
                auth_secret=browser.auth_secret,
                version="aes128gcm",
            )
        except Exception as error:  # the test sees it in `rejected`
            with self.lock:
                self.rejected.append(f"{path}: {error!r}")
            return 401, {}
        with self.lock:
            queue = self.answers.get(path) or [(201, {})]
            status, extra = queue.pop(0) if len(queue) > 1 else queue[0]
            if status < 300:
                self.received.append(Received(path, json.loads(plain), claims, headers))
        return status, extra


@pytest.fixture
def push_service(vapid_keys, settings, tmp_path) -> Iterator[PushService]:
    cert_path, key_path = certificate(tmp_path)
    state: dict[str, PushService] = {}
    server = https_server(
        lambda path, headers, body: state["service"].handle(path, headers, body),
        cert_path,
        key_path,
    )
    service = PushService(
        origin=f"https://127.0.0.1:{server.server_address[1]}", site_public_key=vapid_keys
    )
    state["service"] = service
    serve_in_thread(server)
    settings.PUSH_CA_BUNDLE = str(cert_path)
    yield service
    server.shutdown()
    server.server_close()


@dataclass
class SmtpSink:
    messages: list[EmailMessage]

    def last(self) -> EmailMessage:
        assert self.messages, "no mail was sent"
        return self.messages[-1]


@pytest.fixture
def smtp_sink(settings) -> Iterator[SmtpSink]:
    from aiosmtpd.controller import Controller

    received: list[EmailMessage] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            message = message_from_bytes(envelope.content, policy=policy.default)
            assert isinstance(message, EmailMessage)
            received.append(message)
            return "250 Message accepted for delivery"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    yield SmtpSink(received)
    controller.stop()


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())
