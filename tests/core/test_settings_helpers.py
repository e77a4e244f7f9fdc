import pytest
from django.core.exceptions import ImproperlyConfigured

from masthead import settings as project_settings


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_a_bad_boolean_fails_loudly(monkeypatch, value):
    monkeypatch.setenv("SOME_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        project_settings.env_bool("SOME_FLAG", False)


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("0", False), ("On", True)])
def test_booleans_are_read(monkeypatch, value, expected):
    monkeypatch.setenv("SOME_FLAG", value)
    assert project_settings.env_bool("SOME_FLAG", not expected) is expected


def test_a_bad_number_fails_loudly(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        project_settings.env_int("SOME_NUMBER", 1)
    monkeypatch.setenv("SOME_NUMBER", "-3")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        project_settings.env_int("SOME_NUMBER", 1, minimum=0)


def test_a_required_string_fails_loudly(monkeypatch):
    monkeypatch.delenv("SOME_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SOME_REQUIRED is required"):
        project_settings.env_str("SOME_REQUIRED")


def test_lists_are_split_on_commas(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", " a.example, b.example ,,")
    assert project_settings.env_list("SOME_HOSTS", []) == ["a.example", "b.example"]
