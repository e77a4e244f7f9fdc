"""Data desk test helpers: the sample in JHU's format, hand-made variants, a local web server."""

from __future__ import annotations

import csv
import http.server
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest

from masthead.datadesk.sources.jhu import FILE_NAMES
from tests.servers import serve_in_thread

SAMPLE_DIR = Path(__file__).resolve().parent / "data"


def jhu_header(first: date, days: int) -> list[str]:
    dates = [first + timedelta(days=offset) for offset in range(days)]
    return ["Province/State", "Country/Region", "Lat", "Long"] + [
        f"{d.month}/{d.day}/{d:%y}" for d in dates
    ]


def write_wide(path: Path, first: date, rows: list[tuple[str, str, list[int]]]) -> None:
    """One JHU wide file: rows of (province, country, running totals from `first`)."""
    days = len(rows[0][2])
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(jhu_header(first, days))
        for province, country, values in rows:
            writer.writerow([province, country, "0.0", "0.0", *values])


def write_jhu(
    directory: Path,
    first: date,
    confirmed: list[tuple[str, str, list[int]]],
    deaths: list[tuple[str, str, list[int]]],
    recovered: list[tuple[str, str, list[int]]],
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for metric, rows in (("confirmed", confirmed), ("deaths", deaths), ("recovered", recovered)):
        write_wide(directory / FILE_NAMES[metric], first, rows)
    return directory


def copy_sample(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name in FILE_NAMES.values():
        (directory / name).write_bytes((SAMPLE_DIR / name).read_bytes())
    return directory


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    # Announce more bytes than are sent, then hang up: a download cut off mid-way.
    cut_short: bool = False


@dataclass
class FakeServer:
    base_url: str
    routes: dict[str, Route] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path}"


@pytest.fixture
def web_server() -> Iterator[FakeServer]:
    """A real HTTP server on 127.0.0.1 serving whatever the test puts in `routes`."""
    server_state = FakeServer(base_url="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = server_state.routes.get(self.path.lstrip("/"), Route(status=404))
            self.send_response(route.status)
            length = len(route.body) * 2 if route.cut_short else len(route.body)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            self.wfile.write(route.body)
            if route.cut_short:
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    serve_in_thread(httpd)
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def jhu_urls(web_server: FakeServer, settings: pytest.FixtureRequest) -> FakeServer:
    """Point the JHU settings at the local server, which serves the sample until told otherwise."""
    for metric, name in FILE_NAMES.items():
        web_server.routes[name] = Route(body=(SAMPLE_DIR / name).read_bytes())
        setattr(settings, f"DATADESK_JHU_{metric.upper()}_URL", web_server.url(name))
    return web_server
