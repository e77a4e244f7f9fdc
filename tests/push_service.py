"""A web push service stand-in on loopback: a throwaway certificate and an HTTPS server.

Shared by the notification tests (`tests/notifications/conftest.py`, whose service checks the
VAPID header and decrypts every message) and by `bench/push_fanout.py` (whose service only
counts). The site trusts the certificate through PUSH_CA_BUNDLE; it is its own CA, valid for
127.0.0.1 only. What the service answers is the caller's `handle(path, headers, body)`, which
gets the request's headers with lower-case names and returns the status and extra headers.
"""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

Handle = Callable[[str, dict[str, str], bytes], tuple[int, dict[str, str]]]


def certificate(
    directory: Path,
    common_name: str = "push.test",
    valid_for: datetime.timedelta = datetime.timedelta(hours=1),
) -> tuple[Path, Path]:
    """A self-signed P-256 certificate for 127.0.0.1; returns the certificate and key files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + valid_for)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path = directory / "push-cert.pem"
    key_path = directory / "push-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def https_server(
    handle: Handle, cert_path: Path | str, key_path: Path | str, port: int = 0
) -> ThreadingHTTPServer:
    """A threaded HTTPS server on 127.0.0.1 answering every POST with `handle`; not started.

    Run it with `serve_forever()` (in a thread or a process of its own); `server_address[1]`
    is the port when 0 was asked for.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, extra = handle(self.path, headers, body)
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    return server
