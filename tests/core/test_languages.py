import re

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_the_site_speaks_its_configured_language_whatever_the_browser_asks(client, settings):
    settings.LANGUAGE_CODE = "ru"
    with translation.override("ru"):
        page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Все новости" in page
    assert 'lang="ru"' in page


def test_english_is_the_default(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="ru").text
    assert "All news" in page
    assert 'lang="en"' in page


def test_the_russian_catalogue_covers_every_message():
    from pathlib import Path

    import masthead

    po = Path(masthead.__file__).parent / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    text = po.read_text()
    blocks = text.split("\n\n")[1:]
    untranslated = [
        block
        for block in blocks
        if block.rstrip().endswith('msgstr ""')
        or re.search(r'msgstr\[\d\] ""\n(?!")', block + "\n")
        or "#, fuzzy" in block
    ]
    assert untranslated == []
