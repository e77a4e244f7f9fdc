"""Push fan-out: one notification to many subscriptions against a local push service.

    .venv/bin/python bench/push_fanout.py [--subscriptions 100000] [--workers 1 2]

What it measures, on PostgreSQL (database `masthead_bench_push`, created and dropped here):

1. micro: the cost of one message's aes128gcm encryption (pywebpush's WebPusher.encode, an
   ECDH + HKDF + AES-GCM per message), of one VAPID signature, and sending 500 pushes in one
   process with a fresh HTTPS connection each vs. one reused requests.Session (our channel);
2. fan-out: the real path. `plan_fanout` is enqueued with the django-tasks-db backend and N
   `manage.py db_worker` processes run the `send_push_batch` tasks (PUSH_BATCH_SIZE=500). The
   clock runs from the enqueue until every Delivery row is "sent".

The push service stand-in is a threaded HTTPS server (its own process, a throwaway certificate
trusted through PUSH_CA_BUNDLE; both from tests/push_service.py, shared with the notification
tests) that answers 201 without decrypting. Everything shares this machine's cores: the
stand-in, PostgreSQL and the workers. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = "masthead_bench_push"


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def serve_push(port: int, cert: str, key: str, counter: Any) -> None:
    from tests.push_service import https_server

    def count(path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str]]:
        with counter.get_lock():
            counter.value += 1
        return 201, {}

    https_server(count, cert, key, port).serve_forever()


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def micro(origin: str, receiver: dict[str, Any]) -> None:
    import requests
    from pywebpush import WebPusher

    from masthead.notifications import vapid
    from masthead.notifications.channels.webpush import PushAdapter, session

    info: dict[str, Any] = {"endpoint": origin + "/push/micro", "keys": receiver}
    data = b'{"title":"Benchmark headline","body":"A standfirst of ordinary length.","url":"/"}'
    n = 2000
    started = time.perf_counter()
    for _ in range(n):
        WebPusher(info).encode(data, "aes128gcm")
    encrypt_ms = (time.perf_counter() - started) / n * 1000
    signer = vapid.keys().signer
    started = time.perf_counter()
    for _ in range(n):
        signer.sign({"aud": origin, "exp": int(time.time()) + 3600, "sub": "mailto:a@b.c"})
    sign_ms = (time.perf_counter() - started) / n * 1000
    headers = dict(vapid.authorization(info["endpoint"]))
    m = 500
    fresh_started = time.perf_counter()
    for _ in range(m):
        with requests.Session() as one_off:
            one_off.mount("https://", PushAdapter())
            WebPusher(info, requests_session=one_off).send(data, headers, ttl=60)
    fresh = m / (time.perf_counter() - fresh_started)
    reused_started = time.perf_counter()
    for _ in range(m):
        WebPusher(info, requests_session=session()).send(data, headers, ttl=60)
    reused = m / (time.perf_counter() - reused_started)
    print(f"encrypt one message (aes128gcm):  {encrypt_ms:.2f} ms")
    print(f"sign one VAPID JWT (ES256):       {sign_ms:.2f} ms (ours: once an hour per service)")
    print(f"send, new TLS connection each:    {fresh:.0f} pushes/s (one process)")
    print(f"send, one reused session:         {reused:.0f} pushes/s (one process)")


def seed(count: int, origin: str, receiver: dict[str, str]) -> None:
    from masthead.notifications.models import PushSubscription, SubscriptionTopic

    batch = 5000
    for start in range(0, count, batch):
        subs = PushSubscription.objects.bulk_create(
            [
                PushSubscription(
                    endpoint=f"{origin}/push/{i}-{secrets.token_hex(8)}",
                    p256dh=receiver["p256dh"],
                    auth=receiver["auth"],
                )
                for i in range(start, min(count, start + batch))
            ]
        )
        SubscriptionTopic.objects.bulk_create(
            [SubscriptionTopic(subscription=s, topic="breaking") for s in subs]
        )


def fan_out(workers: int, count: int, env: dict[str, str]) -> tuple[float, int]:
    from masthead.notifications import tasks
    from masthead.notifications.models import Delivery, PushNotification

    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        time.sleep(3)  # let the workers start polling
        notification = PushNotification.objects.create(
            kind="article", title="Benchmark", body="One to many.", url="/", topics=["breaking"]
        )
        started = time.perf_counter()
        tasks.plan_fanout.enqueue(notification.pk)
        while True:
            time.sleep(0.5)
            done = Delivery.objects.filter(notification=notification, status="sent").count()
            if done >= count:
                break
            if time.perf_counter() - started > 3600:
                raise SystemExit(f"gave up after an hour with {done} sent")
        elapsed = time.perf_counter() - started
        return elapsed, done
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--skip-micro", action="store_true")
    args = parser.parse_args()

    from tests.push_service import certificate

    work = Path(tempfile.mkdtemp(prefix="push-bench-"))
    cert, key = certificate(work, "push.bench", datetime.timedelta(days=1))
    from masthead.notifications.vapid import generate

    _pem, private_b64, public_b64 = generate()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "PYTEST"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "masthead.settings",
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
            "REDIS_URL": "",
            "MASTHEAD_VAR_DIR": str(work),
            "LOG_LEVEL": "WARNING",
            "VAPID_PRIVATE_KEY": private_b64,
            "VAPID_PUBLIC_KEY": public_b64,
            "VAPID_SUBJECT": "mailto:bench@example.org",
            "PUSH_CA_BUNDLE": str(cert),
            "PUSH_BATCH_SIZE": "500",
        }
    )
    os.environ.update(env)
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    import django

    django.setup()
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    private = ec.generate_private_key(ec.SECP256R1())
    receiver = {
        "p256dh": base64.urlsafe_b64encode(
            private.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )
        .rstrip(b"=")
        .decode(),
        "auth": base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode(),
    }
    port = free_port()
    counter = multiprocessing.Value("q", 0)
    server = multiprocessing.Process(
        target=serve_push, args=(port, str(cert), str(key), counter), daemon=True
    )
    server.start()
    time.sleep(0.5)
    origin = f"https://127.0.0.1:{port}"
    try:
        print(f"cores: {os.cpu_count()}; Python {sys.version.split()[0]}; PostgreSQL on loopback")
        if not args.skip_micro:
            micro(origin, receiver)
        started = time.perf_counter()
        seed(args.subscriptions, origin, receiver)
        print(f"seeded {args.subscriptions} subscriptions in {time.perf_counter() - started:.1f} s")
        for workers in args.workers:
            before = counter.value
            elapsed, done = fan_out(workers, args.subscriptions, env)
            received = counter.value - before
            print(
                f"fan-out, {workers} worker(s): {done} sent in {elapsed:.1f} s = "
                f"{done / elapsed:.0f} pushes/s (push service received {received})"
            )
    finally:
        server.terminate()
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE IF EXISTS {DB}")


if __name__ == "__main__":
    main()
