"""The interface every data source implements, and the shapes it hands to the store.

A source knows how to *fetch* its raw files and *parse* them into a :class:`Dataset`; storing
is shared (``masthead.datadesk.services.store_dataset``), so validation of what reaches the
database and the bulk upsert are written once.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from masthead.datadesk.models import RegionKind, SeriesKind


class IngestError(Exception):
    """Something kept the new data out; the last good data stays. The message is for the admin."""


class FetchError(IngestError):
    pass


class ParseError(IngestError):
    pass


@dataclass(frozen=True)
class RegionRef:
    code: str
    name: str
    kind: RegionKind


@dataclass
class SeriesData:
    key: str
    name: str
    kind: SeriesKind
    # One list per region, aligned with Dataset.dates; None where the publisher reported nothing.
    values: dict[RegionRef, list[int | None]] = field(default_factory=dict)
    decimals: int = 0


@dataclass
class Dataset:
    dates: list[date]
    series: list[SeriesData]

    @property
    def regions(self) -> set[RegionRef]:
        return {region for series in self.series for region in series.values}


RawFiles = Mapping[str, bytes]


class Source(ABC):
    key: ClassVar[str]
    name: ClassVar[str]
    homepage: ClassVar[str]

    @abstractmethod
    def fetch(self, *, from_dir: Path | None = None) -> RawFiles:
        """The raw files, from the network or, for tests and the demo, from a directory."""

    @abstractmethod
    def parse(self, raw: RawFiles) -> Dataset:
        """A complete, validated dataset; raises ParseError rather than return part of one."""


def download(url: str, *, timeout: float, max_bytes: int) -> bytes:
    """GET a URL, refusing anything but a complete 200 response of a sane size."""
    if urlsplit(url).scheme not in {"http", "https"}:
        raise FetchError(f"Refusing to fetch {url!r}: only http and https are allowed.")
    request = urllib.request.Request(url, headers={"User-Agent": "Masthead-datadesk/1"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body: bytes = response.read(max_bytes + 1)
            announced = response.headers.get("Content-Length")
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url} answered HTTP {error.code}.") from error
    except urllib.error.URLError as error:
        raise FetchError(f"Could not reach {url}: {error.reason}.") from error
    except http.client.IncompleteRead as error:
        raise FetchError(
            f"{url} ended early: got {len(error.partial)} bytes of a longer body."
        ) from error
    except (TimeoutError, ConnectionError, http.client.HTTPException) as error:
        raise FetchError(f"Fetching {url} failed: {error!r}.") from error
    # A bounded read() returns what arrived when the server hangs up early instead of raising,
    # so the announced length is the check that the file is whole.
    if len(body) > max_bytes:
        raise FetchError(f"{url} is larger than the {max_bytes}-byte limit.")
    if announced is not None and announced.isdigit() and len(body) < int(announced):
        raise FetchError(f"{url} ended early: got {len(body)} of {announced} bytes.")
    return body
