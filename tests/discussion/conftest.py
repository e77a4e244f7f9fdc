import pytest

from tests import factories

BRIDGE_TEXT = [
    "The council reopened the old harbour bridge on Monday after eight months of repairs.",
    "Engineers replaced the steel cables and the deck, and traffic returned in the morning.",
    "Residents had complained about long detours while the bridge was closed to cars.",
]


@pytest.fixture
def story(db):
    return factories.article(
        headline="Harbour bridge reopens after eight months of repairs",
        body=BRIDGE_TEXT,
        slug="harbour-bridge-reopens",
    )
