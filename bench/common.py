"""Helpers shared by the benchmarks: a production-like server and wrk on loopback."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# Each benchmark may name its own database and Redis database, so that two benchmarks run on one
# server (by two people) do not drop each other's data.
BENCH_DB = os.environ.get("BENCH_DATABASE", "masthead_bench")
BENCH_REDIS_DB = os.environ.get("BENCH_REDIS_DB", "14")


def production_env(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "PYTEST"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "masthead.settings",
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "http://127.0.0.1:8765",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{BENCH_REDIS_DB}",
            "MASTHEAD_VAR_DIR": str(var_dir),
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def fresh_database() -> None:
    for sql in (f"DROP DATABASE IF EXISTS {BENCH_DB}", f"CREATE DATABASE {BENCH_DB}"):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    subprocess.run(
        ["redis-cli", "-n", BENCH_REDIS_DB, "flushdb"], check=True, stdout=subprocess.DEVNULL
    )


@contextmanager
def demo_site() -> Iterator[dict[str, str]]:
    var_dir = Path(tempfile.mkdtemp(prefix="masthead-bench-"))
    env = production_env(var_dir)
    fresh_database()
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")
    try:
        yield env
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _server(command: list[str], env: dict[str, str], port: int) -> Iterator[str]:
    """Start a web server in its own process group, wait until it answers, stop it after."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=1)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def gunicorn(env: dict[str, str], workers: int = 2, port: int = 0) -> AbstractContextManager[str]:
    port = port or free_port()
    command = [PYTHON, "-m", "gunicorn", "masthead.wsgi", "-w", str(workers)]
    command += ["-b", f"127.0.0.1:{port}", "--worker-class", "gthread", "--threads", "4"]
    return _server([*command, "--log-level", "warning"], env, port)


def granian(
    env: dict[str, str], workers: int = 2, threads: int = 8, port: int = 0
) -> AbstractContextManager[str]:
    """The production server (README, "Running in production"): WSGI, N processes x threads."""
    port = port or free_port()
    command = [str(Path(PYTHON).parent / "granian"), "--interface", "wsgi"]
    command += ["--workers", str(workers), "--blocking-threads", str(threads)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
    return _server([*command, "--log-level", "warning", "masthead.wsgi:application"], env, port)


_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(
    url: str, *, connections: int = 32, seconds: int = 10, threads: int = 2, timeout: int = 2
) -> dict[str, float]:
    """One bounded wrk run on loopback; returns requests/s and p50/p99 in milliseconds."""
    assert url.startswith("http://127.0.0.1")
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            # wrk's default: a request slower than this is dropped from every figure.
            f"--timeout={timeout}s",
            "--latency",
            "-H",
            "User-Agent: Mozilla/5.0 (bench)",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    latency = {f"p{p}": float(v) * _UNITS[u] for p, v, u in _LATENCY.findall(out)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    # Requests still unanswered after `timeout` count in no figure: say how many there were.
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", out)
    return {
        "rps": rps,
        **latency,
        "non_2xx": float(errors.group(1)) if errors else 0.0,
        "timeouts": float(timeouts.group(1)) if timeouts else 0.0,
    }


def spread(values: list[float]) -> str:
    return f"{min(values):.1f} / {median(values):.1f} / {max(values):.1f}"
