"""The dependency audit: pip-audit, judged so that "could not check" never reads as "clean".

pip-audit prints "No known vulnerabilities found" and exits 0 even when it skipped every
package because its vulnerability service had no answer for them (on this machine the PyPI
JSON API answers 404 for every pinned version and OSV is unreachable: 101 of 101 skipped).
This wrapper fails instead, with the reason:

    exit 0  every package audited, no known vulnerability
    exit 1  known vulnerabilities (listed)
    exit 2  the audit could not be done: service unreachable, or packages it could not check

Run: python -m tests.security.dependency_audit [--service pypi|osv] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent


def judge(report: dict[str, Any]) -> tuple[int, str]:
    """The verdict on pip-audit's JSON report: (exit code, message)."""
    dependencies = report.get("dependencies", [])
    if not dependencies:
        return 2, "AUDIT FAILED: pip-audit reported no dependencies at all; nothing was checked."
    skipped = [d for d in dependencies if d.get("skip_reason")]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    lines = []
    if vulnerable:
        lines.append(f"{len(vulnerable)} package(s) with known vulnerabilities:")
        for dep in vulnerable:
            ids = ", ".join(v["id"] for v in dep["vulns"])
            lines.append(f"  {dep['name']} {dep.get('version', '?')}: {ids}")
    if skipped:
        lines.append(
            f"AUDIT INCOMPLETE: {len(skipped)} of {len(dependencies)} package(s) could not be "
            'checked, so "no known vulnerabilities" would be false. The vulnerability service '
            "had no data for them (unreachable, or the version is unknown to it):"
        )
        lines.extend(f"  {d['skip_reason']}" for d in skipped[:15])
        if len(skipped) > 15:
            lines.append(f"  ... and {len(skipped) - 15} more")
    if vulnerable:
        return 1, "\n".join(lines)
    if skipped:
        return 2, "\n".join(lines)
    return 0, f"{len(dependencies)} packages audited: no known vulnerabilities."


def run(service: str, timeout: int, extra_env: dict[str, str] | None = None) -> tuple[int, str]:
    import os

    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "audit.json"
        command = [
            str(BIN / "pip-audit"),
            "--skip-editable",
            "--progress-spinner",
            "off",
            "--vulnerability-service",
            service,
            "--timeout",
            str(timeout),
            "--cache-dir",
            str(Path(scratch) / "cache"),
            "--format",
            "json",
            "--output",
            str(output),
        ]
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env={**os.environ, **(extra_env or {})},
            timeout=600,
            check=False,
        )
        if not output.exists() or not output.read_text().strip():
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            return 2, (
                f"AUDIT FAILED: pip-audit could not reach the {service} vulnerability service "
                f"(exit {result.returncode}): " + " | ".join(tail)
            )
        return judge(json.loads(output.read_text()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service", default="pypi", choices=["pypi", "osv"])
    parser.add_argument("--timeout", type=int, default=15)
    args = parser.parse_args()
    code, message = run(args.service, args.timeout)
    print(message, file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main())
