from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from masthead.standards.blocklist import BlocklistFile, parse
from tests.servers import serve_in_thread

URLHAUS_TEXT = """################################################################
# abuse.ch URLhaus Database Dump (online URLs only)              #
################################################################
http://198.51.100.7/bins/mozi.m
http://payload.bad.example/a/b.sh
https://github.com/evil/repo/raw/main/loader.exe
"""
URLHAUS_CSV = """# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter
"1","2026-11-26 10:00:00","http://csv.bad.example/x.exe","online","","malware_download","elf","https://x/1","r"
"""


def test_it_reads_the_text_format() -> None:
    blocklist = parse(URLHAUS_TEXT)
    assert blocklist.blocks("http://payload.bad.example/other", "payload.bad.example")
    assert blocklist.blocks("http://sub.payload.bad.example/", "sub.payload.bad.example")
    assert blocklist.blocks("http://198.51.100.7/x", "198.51.100.7")
    assert not blocklist.blocks("http://github.com/evil/repo", "github.com")
    assert blocklist.blocks("https://github.com/evil/repo/raw/main/loader.exe", "github.com")


def test_it_reads_the_csv_format() -> None:
    assert parse(URLHAUS_CSV).blocks("http://csv.bad.example/", "csv.bad.example")


def test_it_rereads_the_file_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "blocklist.txt"
    path.write_text("http://one.example/\n")
    live = BlocklistFile(path, check_every=0)
    assert live.get().blocks("http://one.example/", "one.example")
    path.write_text("http://two.example/\n")
    import os

    os.utime(path, (1, 1))
    assert live.get().blocks("http://two.example/", "two.example")


class _Feed(BaseHTTPRequestHandler):
    body = URLHAUS_TEXT.encode()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def feed() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Feed)
    serve_in_thread(server)
    yield f"http://127.0.0.1:{server.server_port}/downloads/text_online/"
    server.shutdown()
    server.server_close()


def test_update_blocklist_fetches_the_feed_into_the_local_file(feed: str, tmp_path: Path) -> None:
    output = tmp_path / "standards" / "blocklist.txt"
    call_command("standards", "update_blocklist", "--url", feed, "--output", str(output))
    assert "payload.bad.example" in output.read_text()


def test_update_blocklist_keeps_the_old_list_when_the_feed_fails(tmp_path: Path) -> None:
    output = tmp_path / "blocklist.txt"
    output.write_text("http://kept.example/\n")
    with pytest.raises(CommandError):
        call_command(
            "standards",
            "update_blocklist",
            "--url",
            "http://127.0.0.1:9/",
            "--output",
            str(output),
            "--timeout",
            "2",
        )
    assert output.read_text() == "http://kept.example/\n"
