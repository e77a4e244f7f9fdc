"""The registry of data sources, by key. To add one, see README.md, "How to add a data source"."""

from __future__ import annotations

from masthead.datadesk.sources.base import Source
from masthead.datadesk.sources.jhu import JhuCsseSource

SOURCES: dict[str, type[Source]] = {
    JhuCsseSource.key: JhuCsseSource,
}


def get_source(key: str) -> Source:
    try:
        return SOURCES[key]()
    except KeyError:
        raise LookupError(f"No data source {key!r}; known: {', '.join(sorted(SOURCES))}.") from None
