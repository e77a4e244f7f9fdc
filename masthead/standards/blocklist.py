"""The local malware blocklist: hosts and addresses known to serve malicious software.

It is read from a file at start and re-read when the file changes, so ``manage.py standards
update_blocklist`` reaches every web process without a restart and no comment ever causes a
call to a third party. The file may be URLhaus' plain-text list (one address per line) or its
CSV export; lines starting with ``#`` are comments in both.
"""

from __future__ import annotations

import csv
import io
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# Big shared hosts carry malware at some addresses and millions of harmless files at others:
# for these only the exact address is blocked, never the whole host.
SHARED_HOSTS = frozenset(
    {
        "github.com",
        "raw.githubusercontent.com",
        "gist.githubusercontent.com",
        "drive.google.com",
        "docs.google.com",
        "storage.googleapis.com",
        "dropbox.com",
        "dl.dropboxusercontent.com",
        "cdn.discordapp.com",
        "discord.com",
        "bitbucket.org",
        "gitlab.com",
        "onedrive.live.com",
        "1drv.ms",
        "mediafire.com",
        "archive.org",
        "pastebin.com",
        "transfer.sh",
        "s3.amazonaws.com",
    }
)


def normalise_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    host = host.split("@")[-1].split(":")[0]
    if host.startswith("www."):
        host = host[4:]
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def normalise_url(url: str) -> str:
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{normalise_host(parts.hostname or '')}{path}{query}"


@dataclass(frozen=True, slots=True)
class Blocklist:
    hosts: frozenset[str]
    urls: frozenset[str]

    def __len__(self) -> int:
        return len(self.hosts) + len(self.urls)

    def blocks(self, url: str, host: str) -> bool:
        if normalise_url(url) in self.urls:
            return True
        labels = host.split(".")
        # A listed domain covers its subdomains: evil.example lists a.evil.example too.
        return any(".".join(labels[i:]) in self.hosts for i in range(len(labels) - 1))


def parse(content: str) -> Blocklist:
    hosts: set[str] = set()
    urls: set[str] = set()
    lines = [line for line in content.splitlines() if line.strip() and not line.startswith("#")]
    if lines and lines[0].lstrip().startswith('"'):
        candidates = [row[2] for row in csv.reader(io.StringIO("\n".join(lines))) if len(row) > 2]
    else:
        candidates = [line.strip().split()[0] for line in lines]
    for candidate in candidates:
        url = candidate if "://" in candidate else f"http://{candidate}"
        try:
            parts = urlsplit(url)
            host = normalise_host(parts.hostname or "")
        except ValueError:
            continue
        if not host:
            continue
        urls.add(normalise_url(url))
        if host not in SHARED_HOSTS:
            hosts.add(host)
    return Blocklist(frozenset(hosts), frozenset(urls))


def load_file(path: Path) -> Blocklist:
    if not path.exists():
        return Blocklist(frozenset(), frozenset())
    return parse(path.read_text(encoding="utf-8", errors="replace"))


class BlocklistFile:
    """A blocklist that notices when its file has been replaced, checked at most once a minute."""

    def __init__(self, path: Path, check_every: float = 60.0) -> None:
        self.path = path
        self.check_every = check_every
        self._lock = threading.Lock()
        self._mtime: float | None = None
        self._checked = 0.0
        self._blocklist = Blocklist(frozenset(), frozenset())

    def get(self) -> Blocklist:
        now = time.monotonic()
        if self._mtime is not None and now - self._checked < self.check_every:
            return self._blocklist
        with self._lock:
            self._checked = now
            try:
                mtime = os.stat(self.path).st_mtime
            except FileNotFoundError:
                mtime = -1.0
            if mtime != self._mtime:
                self._blocklist = load_file(self.path)
                self._mtime = mtime
        return self._blocklist


def write_atomically(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(content, encoding="utf-8")
    os.replace(temporary, path)
