import pytest


@pytest.fixture(autouse=True)
def _fast_captcha(settings):
    # A smaller search space keeps the tests fast; the protocol is the same.
    settings.CAPTCHA_MAX_NUMBER = 2000
