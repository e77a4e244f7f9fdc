"""The site's VAPID identity (RFC 8292): one P-256 key pair, read from settings.

The private key comes from ``VAPID_PRIVATE_KEY`` (base64url, raw or DER, as printed by
``manage.py notifications vapid_keys``) or, failing that, from the PEM file at
``VAPID_PRIVATE_KEY_FILE``. The public key (the browser's ``applicationServerKey``) is derived
from it; when ``VAPID_PUBLIC_KEY`` is also set it must match, so a half-rotated pair is caught
at start-up rather than by every browser at once.
"""

from __future__ import annotations

import base64
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from py_vapid import Vapid

# The JWT is valid for 12 hours (the most RFC 8292 lets push services demand); we re-sign after
# one hour, so a token is never close to expiry when it reaches the push service.
TOKEN_LIFETIME = 12 * 3600
TOKEN_REUSE = 3600


class VapidNotConfigured(Exception):
    pass


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class VapidKeys:
    signer: Vapid
    public_key: str  # base64url of the uncompressed point: what pushManager.subscribe() wants


_lock = threading.Lock()
_loaded: dict[tuple[str, str, str], VapidKeys] = {}
_tokens: dict[tuple[str, str], tuple[float, dict[str, str]]] = {}


def _public_of(signer: Vapid) -> str:
    raw = signer.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(raw)


def keys() -> VapidKeys:
    """The configured key pair; raises VapidNotConfigured with a reason when there is none."""
    source = (
        settings.VAPID_PRIVATE_KEY,
        str(settings.VAPID_PRIVATE_KEY_FILE),
        settings.VAPID_PUBLIC_KEY,
    )
    with _lock:
        if source in _loaded:
            return _loaded[source]
        private, key_file, public = source
        try:
            if private:
                signer = Vapid.from_string(private_key=private)
            elif key_file and Path(key_file).is_file():
                signer = Vapid.from_file(private_key_file=key_file)
            else:
                raise VapidNotConfigured(
                    "no VAPID private key (VAPID_PRIVATE_KEY is empty and "
                    f"{key_file or 'VAPID_PRIVATE_KEY_FILE'} does not exist)"
                )
        except VapidNotConfigured:
            raise
        except Exception as error:
            raise VapidNotConfigured(f"the VAPID private key cannot be read: {error}") from None
        derived = _public_of(signer)
        if public and public.rstrip("=") != derived:
            raise VapidNotConfigured("VAPID_PUBLIC_KEY does not belong to the private key")
        loaded = VapidKeys(signer=signer, public_key=derived)
        _loaded[source] = loaded
        return loaded


def public_key_or_empty() -> str:
    try:
        return keys().public_key
    except VapidNotConfigured:
        return ""


def audience(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


def authorization(endpoint: str, *, now: float | None = None) -> dict[str, str]:
    """The ``Authorization: vapid t=…, k=…`` header for this endpoint's push service.

    Signing costs an ECDSA signature; every subscription of one push service shares the audience,
    so the header is reused for an hour instead of signed 100,000 times in a fan-out.
    """
    now = time.time() if now is None else now
    signer = keys().signer
    aud = audience(endpoint)
    cache_key = (aud, settings.VAPID_SUBJECT)
    with _lock:
        cached = _tokens.get(cache_key)
        if cached and now - cached[0] < TOKEN_REUSE:
            return cached[1]
    claims: dict[str, str | int] = {
        "aud": aud,
        "exp": int(now) + TOKEN_LIFETIME,
        "sub": settings.VAPID_SUBJECT,
    }
    header = signer.sign(claims)
    with _lock:
        _tokens[cache_key] = (now, header)
    return header


def generate() -> tuple[str, str, str]:
    """A new pair: (PEM of the private key, base64url DER of it, base64url public key)."""
    private = ec.generate_private_key(ec.SECP256R1())
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    der = private.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return pem, b64url(der), b64url(public)


def forget_cached() -> None:
    """Tests change the keys in settings; production never needs this."""
    with _lock:
        _loaded.clear()
        _tokens.clear()
