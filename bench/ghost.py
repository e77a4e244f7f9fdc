"""Ghost as a peer for bench/side_by_side.py: the `ghost` npm package on SQLite, its native
comments (members and comments on), run directly with `node` in production mode.

Ghost 6 needs Node 22 or 24; Ghost 5's last release runs on Node 20. The package is installed
once into a cache directory the way Ghost-CLI does it (the package's tarball from npm, then
`yarn install --production` inside it with the package's own yarn.lock), without Ghost-CLI and
without anything from GitHub:

- the yarn.lock is the Ghost monorepo's: its registry addresses are rewritten to
  registry.npmjs.org, and the devDependencies (some of which are GitHub tarballs) are dropped
  from package.json before the install;
- sqlite3 looks for a prebuilt binary on GitHub, fails, and builds from source with node-gyp
  against the local Node headers (`npm config get nodedir`; /usr/include/node here); sharp
  0.34 takes its prebuilt libvips from npm (@img/sharp-*), so it needs nothing else.

Each run gets a fresh content directory and database in a temp dir, laid out as Ghost-CLI lays out
a site: config.production.json, read by Ghost from its working directory, and a `current` link to
the code; it listens on a free port chosen when it starts. The staff user is set up through the
Admin API and signed in with a session cookie; members are created through the Admin API, and each
is signed in as a member through the Admin API's sign-in link (`/members/:id/signin_urls/`, the
"impersonate" link), whose magic-link token gives the member's session cookie. Comments, the 100
seeded ones included, go through the members' comments API with that cookie, as Ghost's own
comments-ui posts them.
"""

from __future__ import annotations

import html
import http.cookiejar
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from bench.common import CACHE, free_port, serve

GHOST_VERSION = "5.130.6"  # the last 5.x; engines: node ^18.12.1 || ^20.11.1 || ^22.13.1
YARN_VERSION = "1.22.22"  # Ghost-CLI installs Ghost with yarn 1
STAFF_EMAIL = "bench@example.org"
# Ghost refuses passwords it finds guessable (the site's title or the e-mail address in it).
STAFF_PASSWORD = "Tq8mZ2vLx9pR4wKd7"  # noqa: S105 - a throwaway site on loopback
SLUG = "harbour-bridge-reopens"


def _run(command: list[str], cwd: Path, **kwargs) -> None:
    subprocess.run(command, cwd=cwd, check=True, **kwargs)


def install() -> Path:
    """Ghost's directory in the cache, installed on first use (about 5 minutes, 560 MB)."""
    home = CACHE / f"ghost-{GHOST_VERSION}"
    if (home / ".installed").exists():
        return home / "package"
    work = CACHE / f"ghost-{GHOST_VERSION}.partial"
    try:
        _install(work)
    except subprocess.CalledProcessError as error:
        log = work / "install.log"
        raise RuntimeError(f"Ghost's install failed ({error}); see {log}") from error
    shutil.rmtree(home, ignore_errors=True)
    work.rename(home)
    (home / ".installed").write_text(GHOST_VERSION + "\n")
    return home / "package"


def _install(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    with (work / "install.log").open("w") as log:
        _install_logged(work, log)


def _install_logged(work: Path, log: IO[str]) -> None:
    quiet = {"stdout": log, "stderr": subprocess.STDOUT}
    _run(["npm", "pack", f"ghost@{GHOST_VERSION}"], work, **quiet)
    _run(["tar", "xzf", f"ghost-{GHOST_VERSION}.tgz"], work)
    package = work / "package"
    manifest = json.loads((package / "package.json").read_text())
    manifest.pop("devDependencies", None)
    (package / "package.json").write_text(json.dumps(manifest, indent=2))
    lock = package / "yarn.lock"
    lock.write_text(
        lock.read_text().replace("https://registry.yarnpkg.com/", "https://registry.npmjs.org/")
    )
    _run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", "yarn", f"yarn@{YARN_VERSION}"],
        work,
        **quiet,
    )
    yarn = str(work / "yarn" / "node_modules" / ".bin" / "yarn")
    _run(
        [
            *("nice", "-n", "5", yarn, "install", "--production", "--non-interactive"),
            *("--no-progress", "--cache-folder", str(work / "yarn-cache")),
            # yarn gives up on a tarball after 30 s by default, and with its 8 downloads at a
            # time a fresh install here timed out on one of them.
            *("--network-timeout", "600000"),
        ],
        package,
        env={**os.environ, "NODE_ENV": "production"},
        **quiet,
    )
    # The native module Ghost cannot start without on SQLite.
    _run(["node", "-e", "require('sqlite3')"], package, **quiet)
    shutil.rmtree(work / "yarn-cache", ignore_errors=True)


def check_node() -> None:
    version = subprocess.run(
        ["node", "--version"], check=True, capture_output=True, text=True
    ).stdout.strip()
    major, minor = (int(part) for part in version.lstrip("v").split(".")[:2])
    supported = {18: 12, 20: 11, 22: 13}  # the package's engines
    if major not in supported or minor < supported[major]:
        needs = "Node 18.12, 20.11 or 22.13"
        raise RuntimeError(f"Ghost {GHOST_VERSION} needs {needs}; found {version}")


class Admin:
    """The Admin API with a staff session cookie (Ghost checks the Origin of each request)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def call(self, method: str, path: str, data: object = None) -> dict:
        request = urllib.request.Request(  # noqa: S310 - loopback
            f"{self.base}/ghost/api/admin{path}",
            data=None if data is None else json.dumps(data).encode(),
            headers={"Origin": self.base, "Content-Type": "application/json"},
            method=method,
        )
        try:
            with self.opener.open(request, timeout=120) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            detail = f"{error.code} {error.read()[:300]!r}"
            raise RuntimeError(f"Ghost {method} {path}: {detail}") from error
        return json.loads(body) if body[:1] == b"{" else {}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def member_cookie(admin: Admin, member_id: str) -> str:
    """Sign a member in through the Admin API's sign-in link; the member's session cookie."""
    links = admin.call("GET", f"/members/{member_id}/signin_urls/")
    url = links["member_signin_urls"][0]["url"]
    assert url.startswith(admin.base)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(url, timeout=60)
    except urllib.error.HTTPError as error:  # the magic link answers 302 with the cookies
        cookies = error.headers.get_all("Set-Cookie") or []
    else:
        raise RuntimeError("the member sign-in link did not redirect")
    jar = "; ".join(c.split(";")[0] for c in cookies if c.startswith("ghost-members-ssr"))
    if "ghost-members-ssr.sig=" not in jar:
        raise RuntimeError(f"no member session from the sign-in link: {cookies}")
    return jar


def comment_request(post_id: str, text: str, cookie: str) -> tuple[bytes, dict[str, str]]:
    body = json.dumps({"comments": [{"post_id": post_id, "html": f"<p>{html.escape(text)}</p>"}]})
    return body.encode(), {"Content-Type": "application/json", "Cookie": cookie}


def comment_id(status: int, payload: bytes) -> str | None:
    if status != 201:
        return None
    return str(json.loads(payload)["comments"][0]["id"])


@contextmanager
def ghost(title: str, body: list[str], comments: list[str], posters: int) -> Iterator[dict]:
    """Start Ghost with the article and its comments; yield what the benchmark needs."""
    check_node()
    package = install()
    home = Path(tempfile.mkdtemp(prefix="masthead-ghost-"))
    try:
        shutil.copytree(package / "content", home / "content")
        # Ghost-CLI's layout: the working directory holds config.production.json and a
        # `current` link to the code, where Ghost looks for its own package.json.
        (home / "current").symlink_to(package)
        database = home / "content" / "data" / "ghost.db"
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        config = {
            "url": base,
            "server": {"host": "127.0.0.1", "port": port},
            "database": {
                "client": "sqlite3",
                "connection": {"filename": str(database)},
                "useNullAsDefault": True,
            },
            "paths": {"contentPath": str(home / "content")},
            "logging": {"level": "error", "transports": ["stdout"]},
            "mail": {"transport": "Direct", "from": "bench@example.org"},
            # No e-mailed code on the staff sign-in (the default since 5.105).
            "security": {"staffDeviceVerification": False},
            "privacy": {"useUpdateCheck": False, "useGravatar": False, "useRpcPing": False},
        }
        (home / "config.production.json").write_text(json.dumps(config, indent=2))
        env = {**os.environ, "NODE_ENV": "production"}
        command = ["node", str(package / "index.js")]
        # Its first start creates and migrates the database: about a minute here.
        with serve(command, env, f"{base}/ghost/api/admin/site/", cwd=home, seconds=300) as pid:
            site = _seed(base, title, body, comments, posters)
            yield {**site, "pid": pid, "port": port, "database": database}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _seed(base: str, title: str, body: list[str], comments: list[str], posters: int) -> dict:
    admin = Admin(base)
    admin.call(
        "POST",
        "/authentication/setup/",
        {
            "setup": [
                {
                    "name": "Bench",
                    "email": STAFF_EMAIL,
                    "password": STAFF_PASSWORD,
                    "blogTitle": "Masthead bench",
                }
            ]
        },
    )
    admin.call("POST", "/session/", {"username": STAFF_EMAIL, "password": STAFF_PASSWORD})
    me = admin.call("GET", "/users/me/")["users"][0]
    # Otherwise every comment e-mails the post's author (direct SMTP, no network here).
    admin.call("PUT", f"/users/{me['id']}/", {"users": [{"comment_notifications": False}]})
    admin.call(
        "PUT",
        "/settings/",
        {
            "settings": [
                {"key": "comments_enabled", "value": "all"},
                {"key": "members_signup_access", "value": "all"},
            ]
        },
    )
    content = "".join(f"<p>{html.escape(p)}</p>" for p in body)
    post = admin.call(
        "POST",
        "/posts/?source=html",
        {"posts": [{"title": title, "slug": SLUG, "html": content, "status": "published"}]},
    )["posts"][0]
    cookies = []
    for n in range(posters):
        member = admin.call(
            "POST",
            "/members/",
            {"members": [{"email": f"poster{n}@example.org", "name": f"Poster {n}"}]},
        )["members"][0]
        cookies.append(member_cookie(admin, member["id"]))
    for n, text in enumerate(comments):
        data, headers = comment_request(post["id"], text, cookies[n % posters])
        request = urllib.request.Request(f"{base}/members/api/comments/", data, headers)  # noqa: S310
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            if comment_id(response.status, response.read()) is None:
                raise RuntimeError(f"Ghost refused a seeded comment: {response.status}")
    return {
        "base": base,
        "page": f"{base}/{SLUG}/",
        # The first page as Ghost's comments-ui asks for it (limit 20, page 1).
        "comments_api": f"{base}/members/api/comments/post/{post['id']}/?limit=20&page=1",
        "post_id": post["id"],
        "cookies": cookies,
    }


def count_comments(database: Path, post_id: str) -> int:
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    try:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM comments WHERE post_id = ?", (post_id,)
        ).fetchone()
    finally:
        db.close()
    return int(count)
