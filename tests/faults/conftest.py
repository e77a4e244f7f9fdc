from tests.security.conftest import (  # noqa: F401 - shared fixtures
    _fast_captcha,
    api_client,
    signed_in,
    story,
)
