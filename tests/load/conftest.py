from collections.abc import Iterator

import pytest

from tests.load.server import Site, live_site


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    # One reader more than the posters: the likes test needs an author whose recent posts do
    # not make the flooding check hold the comment everyone is to like.
    yield from live_site(readers=65)
