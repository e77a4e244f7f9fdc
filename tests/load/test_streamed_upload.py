"""A 1 GB upload streamed over a real socket to gunicorn is refused from its headers.

The client sends the headers of a 1 GB multipart upload and then keeps streaming; the answer
(413) must come before more than a few megabytes were sent, and the server must stay healthy.
Nothing is allocated: the body is the same 64 KB block, sent until the answer arrives.
"""

from __future__ import annotations

import select
import socket
import time

import pytest

from tests.load.http import Http
from tests.load.server import Site

pytestmark = pytest.mark.load

ONE_GB = 1024**3
BLOCK = b"x" * 65536


@pytest.mark.parametrize("path", ["/accounts/avatar/", "/api/articles/load-story/comments"])
def test_a_streamed_gigabyte_is_refused_before_it_is_sent(site: Site, path):
    host, port = site.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            (
                f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                "Content-Type: multipart/form-data; boundary=xyz\r\n"
                f"Content-Length: {ONE_GB}\r\n\r\n"
            ).encode()
        )
        sent, answer = 0, b""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and sent < 64 * 1024 * 1024:
            readable, _w, _x = select.select([connection], [], [], 0)
            if readable:
                answer = connection.recv(4096)
                break
            try:
                connection.sendall(BLOCK)
            except OSError:
                break  # the server closed its end: the answer is waiting
            sent += len(BLOCK)
        if not answer:
            connection.settimeout(10)
            answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < 32 * 1024 * 1024, f"sent {sent} bytes before the answer"
    assert Http(site.url).request("GET", "/")[0] == 200
