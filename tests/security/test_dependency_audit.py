"""The dependency audit fails loudly when it cannot reach its vulnerability data."""

from __future__ import annotations

import socket

import pytest

from tests.security import dependency_audit


def test_a_report_with_skipped_packages_is_a_failure_not_a_clean_bill():
    code, message = dependency_audit.judge(
        {
            "dependencies": [
                {"name": "django", "version": "6.1.3", "vulns": []},
                {"name": "pillow", "skip_reason": "Dependency not found on PyPI: pillow (13.0.0)"},
            ]
        }
    )
    assert code == 2
    assert "AUDIT INCOMPLETE: 1 of 2" in message
    assert "pillow" in message


def test_known_vulnerabilities_are_listed_and_fail():
    code, message = dependency_audit.judge(
        {
            "dependencies": [
                {"name": "django", "version": "1.0", "vulns": [{"id": "PYSEC-0000-1"}]},
            ]
        }
    )
    assert code == 1
    assert "PYSEC-0000-1" in message


def test_an_empty_report_is_a_failure():
    assert dependency_audit.judge({"dependencies": []})[0] == 2


def test_a_fully_audited_clean_report_passes():
    code, message = dependency_audit.judge({"dependencies": [{"name": "a", "vulns": []}]})
    assert code == 0
    assert "no known vulnerabilities" in message


def test_an_unreachable_vulnerability_service_fails_with_a_clear_message():
    # Every HTTPS request goes to a proxy port where nothing listens: the service is away.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    code, message = dependency_audit.run(
        "pypi",
        timeout=2,
        extra_env={"HTTPS_PROXY": dead, "https_proxy": dead, "NO_PROXY": "", "no_proxy": ""},
    )
    assert code == 2, message
    assert "AUDIT" in message
    assert "no known vulnerabilities" not in message.lower().replace("would be false", "")


@pytest.mark.slow
def test_the_real_audit_gives_a_verdict():
    """The slow tier runs the real audit; here only that it answers with one of its verdicts."""
    code, message = dependency_audit.run("pypi", timeout=15)
    assert code in {0, 1, 2}
    assert message
