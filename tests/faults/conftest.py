from tests.security.conftest import api_client, signed_in, story  # noqa: F401 - shared fixtures
