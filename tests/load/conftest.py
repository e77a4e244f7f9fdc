from collections.abc import Iterator

import pytest

from tests.load.server import Site, live_site


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    yield from live_site()
