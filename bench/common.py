"""Helpers shared by the benchmarks: a production-like server and wrk on loopback."""

from __future__ import annotations

import os
import random
import re
import resource
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# Each benchmark may name its own database and Redis database, so that two benchmarks run on one
# server (by two people) do not drop each other's data.
BENCH_DB = os.environ.get("BENCH_DATABASE", "masthead_bench")
BENCH_REDIS_DB = os.environ.get("BENCH_REDIS_DB", "14")
# The peers of bench/side_by_side.py are installed here once, outside the checkout, so that every
# checkout on the machine finds them.
CACHE = Path(os.environ.get("MASTHEAD_BENCH_CACHE", "~/.cache/masthead-bench")).expanduser()


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


# --- servers in their own process groups ---------------------------------------------------------

# The process groups that serve() has started and not yet seen gone: what stop_all() stops when a
# run is interrupted somewhere no context manager's exit will run.
_RUNNING: dict[int, subprocess.Popen] = {}


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_until_answers(
    url: str, seconds: float = 30, process: subprocess.Popen | None = None, name: str = "it"
) -> None:
    """Poll `url` until it answers 2xx or 3xx; fail early if `process` has exited meanwhile."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        # Else another server left on the same port would answer for one that failed to start.
        if process is not None and process.poll() is not None:
            raise RuntimeError(
                f"{name} exited ({process.returncode}) before {url} answered (its output is above)"
            )
        try:
            urllib.request.urlopen(url, timeout=5).close()  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def _kill(pgid: int, signum: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(pgid, signum)


def stop_group(process: subprocess.Popen) -> None:
    """SIGTERM to the whole group, SIGKILL to what is left after a grace period."""
    pgid = process.pid
    _kill(pgid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        _kill(pgid, signal.SIGKILL)
        process.wait()
    # Workers finishing their last keep-alive connections can outlive their master and hold the
    # port: the next server must not be measured against them.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _group_alive(pgid):
        time.sleep(0.2)
    if _group_alive(pgid):
        _kill(pgid, signal.SIGKILL)
    _RUNNING.pop(pgid, None)


def stop_all() -> None:
    for process in list(_RUNNING.values()):
        stop_group(process)


@contextmanager
def serve(
    command: list[str],
    env: dict[str, str] | None = None,
    probe: str | None = None,
    cwd: Path = ROOT,
    seconds: float = 30,
) -> Iterator[int]:
    """Start `command` in a process group of its own, wait until `probe` answers, yield its pid;
    the whole group is stopped on the way out."""
    process = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)
    _RUNNING[process.pid] = process
    try:
        if probe:
            wait_until_answers(probe, seconds, process, Path(command[0]).name)
        yield process.pid
    finally:
        stop_group(process)


class Interrupted(BaseException):
    """Raised by a signal; a BaseException so that no `except OSError` on the way swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextmanager
def stopping_servers_on_signals() -> Iterator[None]:
    """SIGINT, SIGTERM or SIGHUP unwind the run and stop every server serve() started.

    The servers run in process groups of their own (so that a whole group can be stopped), so a
    signal to the run's group or to the run alone never reaches them: without this they would
    outlive an interrupted run and hold their ports.
    """

    def interrupt(signum: int, _frame: object) -> None:
        # A second Ctrl-C must not cut the clean-up short and leave servers behind (SIGKILL
        # still ends the run at once).
        for stop in STOP_SIGNALS:
            signal.signal(stop, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {stop: signal.signal(stop, interrupt) for stop in STOP_SIGNALS}
    try:
        yield
    except Interrupted as error:
        stop_all()
        name = signal.Signals(error.signum).name
        print(f"\ninterrupted by {name}: every server of this run is stopped", file=sys.stderr)
        raise SystemExit(128 + error.signum) from None
    finally:
        stop_all()
        for stop, handler in previous.items():
            signal.signal(stop, handler)


@contextmanager
def _server(command: list[str], env: dict[str, str], port: int) -> Iterator[str]:
    """A web server's base address once it answers /robots.txt; stopped on the way out."""
    base = f"http://127.0.0.1:{port}"
    with serve(command, env, base + "/robots.txt"):
        yield base


def gunicorn(env: dict[str, str], workers: int = 2, port: int = 0) -> AbstractContextManager[str]:
    port = port or free_port()
    command = [PYTHON, "-m", "gunicorn", "masthead.wsgi", "-w", str(workers)]
    command += ["-b", f"127.0.0.1:{port}", "--worker-class", "gthread", "--threads", "4"]
    return _server([*command, "--log-level", "warning"], env, port)


# The production default (deploy/masthead.env.template, WEB_THREADS).
WEB_THREADS = 2


def granian(
    env: dict[str, str], workers: int = 2, threads: int = WEB_THREADS, port: int = 0
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
    url: str,
    *,
    connections: int = 32,
    seconds: int = 10,
    threads: int = 2,
    timeout: int = 2,
    script: Path | None = None,
    script_args: tuple[str, ...] = (),
) -> dict[str, float]:
    """One bounded wrk run on loopback; returns requests/s and p50/p99 in milliseconds.

    `script` is a wrk Lua script (its requests replace the GET of `url`); `script_args` are
    passed to its `init`.
    """
    assert url.startswith("http://127.0.0.1")
    lua = ["-s", str(script)] if script is not None else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
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
            *lua,
            url,
            *(["--", *script_args] if script_args else []),
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
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    # A posting script (bench/side_by_side.py) says how many requests it sent past its list.
    exhausted = sum(int(n) for n in re.findall(r"^exhausted (\d+)$", out, re.MULTILINE))
    return {
        "rps": rps,
        **latency,
        "exhausted": float(exhausted),
        "cpu_seconds": cpu,  # wrk's own, for the CPU per request of the load generator
        "non_2xx": float(errors.group(1)) if errors else 0.0,
        "timeouts": float(timeouts.group(1)) if timeouts else 0.0,
    }


def spread(values: list[float]) -> str:
    return f"{min(values):.1f} / {median(values):.1f} / {max(values):.1f}"


# Posting with wrk, as every other load: each of wrk's threads sends its own list of prepared
# requests, in order, and writes every answer (status, Location, body) to its own file, so each
# acknowledged comment can be looked up afterwards. A thread that ran out of requests says so.
WRK_POSTING = r"""
local threads, made = {}, 0

function setup(thread)
  thread:set("id", made)
  made = made + 1
  table.insert(threads, thread)
end

function init(args)
  local source = assert(io.open(args[1] .. id .. ".requests", "rb"))
  local data = source:read("*a")
  source:close()
  queue, position, exhausted = {}, 1, 0
  local at = 1
  while at <= #data do
    local newline = data:find("\n", at, true)
    local length = tonumber(data:sub(at, newline - 1))
    queue[#queue + 1] = data:sub(newline + 1, newline + length)
    at = newline + 1 + length
  end
  answers = assert(io.open(args[1] .. id .. ".answers", "wb"))
  answers:setvbuf("no")
end

function request()
  local prepared = queue[position]
  if prepared == nil then
    exhausted = exhausted + 1
    return wrk.format("GET", "/robots.txt")
  end
  position = position + 1
  return prepared
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  answers:write(status .. " " .. #location .. " " .. #body .. "\n" .. location .. body)
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    io.write("exhausted " .. thread:get("exhausted") .. "\n")
  end
end
"""
WRK_THREADS = 2
# Requests prepared per second of a run: well above any rate measured here (Masthead's posting
# peaked near 420 posts/s), so no thread runs out.
PREPARED_PER_SECOND = 1500


class _Answer:
    """What an `ack` function reads of an HTTP answer: its headers (here only Location)."""

    def __init__(self, location: str) -> None:
        self.location = location

    def getheader(self, name: str, default: str = "") -> str:
        return self.location if name.lower() == "location" and self.location else default


def _raw_request(port: int, path: str, body: bytes, headers: dict[str, str]) -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _answers(data: bytes) -> Iterator[tuple[int, str, bytes]]:
    at = 0
    while at < len(data):
        newline = data.index(b"\n", at)
        status, location_length, body_length = (int(x) for x in data[at:newline].split())
        location = data[newline + 1 : newline + 1 + location_length].decode("latin-1")
        body_start = newline + 1 + location_length
        yield status, location, data[body_start : body_start + body_length]
        at = body_start + body_length


def wrk_posting(
    port: int,
    path: str,
    make_request: Callable[[int, int, random.Random], tuple[bytes, dict[str, str]]],
    ack: Callable[[int, bytes, Any], int | str | None],
    seconds: int,
    timeout: int = 2,
    connections: int = 32,
) -> dict:
    """wrk posting prepared requests for `seconds`; returns rate, latencies and the acks.

    Request k is poster k % connections's comment number k // connections, so each poster's
    texts and identity (token, cookie, name) are as they would be with a connection each.
    """
    folder = Path(tempfile.mkdtemp(prefix="masthead-posting-"))
    try:
        rng = random.Random(time.time_ns())  # new texts each run: WordPress refuses repeats
        files = [bytearray() for _ in range(WRK_THREADS)]
        for k in range(seconds * PREPARED_PER_SECOND):
            body, headers = make_request(k % connections, k // connections, rng)
            raw = _raw_request(port, path, body, headers)
            files[k % WRK_THREADS] += b"%d\n" % len(raw) + raw
        for n, content in enumerate(files):
            (folder / f"{n}.requests").write_bytes(bytes(content))
        script = folder / "posting.lua"
        script.write_text(WRK_POSTING)
        result = wrk(
            f"http://127.0.0.1:{port}{path}",
            seconds=seconds,
            connections=connections,
            threads=WRK_THREADS,
            timeout=timeout,
            script=script,
            script_args=(f"{folder}/",),
        )
        acknowledged: list[int | str] = []
        failures: list[str] = []
        for n in range(WRK_THREADS):
            for status, location, payload in _answers((folder / f"{n}.answers").read_bytes()):
                ident = ack(status, payload, _Answer(location))
                if ident is None:
                    failures.append(f"{status} {payload[:160]!r}")
                else:
                    acknowledged.append(ident)
        if result.get("exhausted"):
            failures.append(f"{int(result['exhausted'])} requests after the prepared ones ran out")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "per_second": result["rps"],
        "p50": result["p50"],
        "p99": result["p99"],
        "timeouts": result["timeouts"],
        "wrk_cpu_seconds": result["cpu_seconds"],
        "acknowledged": acknowledged,
        "failures": failures,
    }
