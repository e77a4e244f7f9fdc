"""Small HTTP servers that tests start in a thread of their own."""

from __future__ import annotations

import socketserver
import threading

# How often `serve_forever` looks whether `shutdown()` was asked for. The standard library's
# default, half a second, made every fixture's teardown wait about that long in `shutdown()`
# (46 fixtures a run).
POLL_SECONDS = 0.01


def serve_in_thread(server: socketserver.BaseServer, *, start: bool = True) -> threading.Thread:
    """Serve `server` from a daemon thread; `server.shutdown()` then returns within 10 ms."""
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": POLL_SECONDS}, daemon=True
    )
    if start:
        thread.start()
    return thread
