# ruff: noqa: S608 - SQL built from constants, ids and text escaped by _q, on a throwaway database
"""WordPress as a peer for bench/side_by_side.py: Debian's package, php-fpm with opcache, nginx,
MariaDB, its own comments. Nothing of the system's configuration is touched: WordPress is
copied into a temp dir with its own wp-config.php, php-fpm and nginx run from temp configs on
free loopback ports, and the database is `masthead_bench_wp` on the local MariaDB.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import free_port, serve

# Its own name can be given, so that two people running the benchmark do not share a database.
WP_DB = os.environ.get("BENCH_WP_DATABASE", "masthead_bench_wp")
PACKAGES = ["wordpress", "php-fpm", "php-mysql", "nginx"]


def mysql(sql: str) -> str:
    return subprocess.run(
        ["mysql", "-h", "127.0.0.1", "-uroot", "-N", "-e", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def install_packages() -> None:
    missing = [
        p
        for p in PACKAGES
        if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0
    ]
    if missing:
        subprocess.run(
            ["apt-get", "install", "-y", "-q", *missing],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def php_fpm_binary() -> str:
    for candidate in sorted(Path("/usr/sbin").glob("php-fpm*"), reverse=True):
        return str(candidate)
    raise RuntimeError("php-fpm is not installed")


@contextmanager
def wordpress(title: str, body: list[str], comments: list[str]) -> Iterator[dict]:
    """Start WordPress; yield {"page": url, "post_id": id, "base": url, "port": port}."""
    install_packages()
    wp_port, fpm_port = free_port(), free_port()
    home = Path(tempfile.mkdtemp(prefix="masthead-wp-"))
    home.chmod(0o755)
    try:
        root = home / "wordpress"
        shutil.copytree("/usr/share/wordpress", root, symlinks=True)
        (root / "wp-config.php").unlink(missing_ok=True)  # Debian's reads /etc/wordpress
        content = root / "wp-content"
        (content / "mu-plugins").mkdir(exist_ok=True)
        # WordPress refuses a second comment from one address within 15 s ("flood"); every
        # poster of the benchmark comes from 127.0.0.1.
        (content / "mu-plugins" / "bench.php").write_text(
            "<?php\nadd_filter('wp_is_comment_flood', '__return_false', 99);\n"
            "remove_action('check_comment_flood', 'check_comment_flood_db');\n"
            # Behind a loopback port its canonical-address redirect sends a page to itself.
            "remove_filter('template_redirect', 'redirect_canonical');\n"
        )
        (root / "wp-config.php").write_text(
            f"""<?php
define('DB_NAME', '{WP_DB}');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1');
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', 'http://127.0.0.1:{wp_port}');
define('WP_SITEURL', 'http://127.0.0.1:{wp_port}');
define('WP_CONTENT_DIR', '{content}');
define('AUTH_KEY', 'bench'); define('SECURE_AUTH_KEY', 'bench');
define('LOGGED_IN_KEY', 'bench'); define('NONCE_KEY', 'bench');
define('AUTH_SALT', 'bench'); define('SECURE_AUTH_SALT', 'bench');
define('LOGGED_IN_SALT', 'bench'); define('NONCE_SALT', 'bench');
define('DISABLE_WP_CRON', true);
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""
        )
        mysql(f"DROP DATABASE IF EXISTS {WP_DB}; CREATE DATABASE {WP_DB}")
        (home / "fpm.conf").write_text(
            f"""[global]
pid = {home}/fpm.pid
error_log = {home}/fpm.log
daemonize = no
[www]
user = root
group = root
listen = 127.0.0.1:{fpm_port}
pm = static
pm.max_children = 8
php_admin_value[opcache.enable] = 1
php_admin_value[opcache.validate_timestamps] = 0
php_admin_value[opcache.memory_consumption] = 128
"""
        )
        (home / "nginx.conf").write_text(
            f"""user root root;
worker_processes auto;
pid {home}/nginx.pid;
error_log {home}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    # No keep-alive to php-fpm: a child serves one connection at a time, and idle
    # connections kept by each nginx worker would hold children that others wait for.
    upstream php {{ server 127.0.0.1:{fpm_port}; }}
    server {{
        listen 127.0.0.1:{wp_port};
        root {root};
        index index.php;
        client_max_body_size 8m;
        location / {{ try_files $uri $uri/ /index.php?$args; }}
        location ~ \\.php$ {{
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
            fastcgi_pass php;
        }}
    }}
}}
"""
        )
        fpm = [php_fpm_binary(), "-y", str(home / "fpm.conf"), "-R", "-F"]
        nginx = ["nginx", "-p", str(home), "-c", str(home / "nginx.conf"), "-g", "daemon off;"]
        base = f"http://127.0.0.1:{wp_port}"
        # nginx answers 502 until php-fpm listens: the page answering means both are up.
        with serve(fpm), serve(nginx, probe=base + "/wp-admin/install.php"):
            form = urllib.parse.urlencode(
                {
                    "weblog_title": "Masthead bench",
                    "user_name": "admin",
                    "admin_password": "bench-password-1234",
                    "admin_password2": "bench-password-1234",
                    "pw_weak": "1",
                    "admin_email": "admin@example.org",
                    "blog_public": "0",
                }
            ).encode()
            urllib.request.urlopen(  # noqa: S310 - loopback
                base + "/wp-admin/install.php?step=2", data=form, timeout=60
            ).read()
            post_id = _seed(title, body, comments)
            yield {
                "base": base,
                "page": f"{base}/?p={post_id}",
                "post_id": post_id,
                "port": wp_port,
            }
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _q(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _seed(title: str, body: list[str], comments: list[str]) -> int:
    content = "\n\n".join(f"<p>{html.escape(p)}</p>" for p in body)
    mysql(
        f"USE {WP_DB}; UPDATE wp_options SET option_value='0' WHERE option_name IN "
        "('comment_moderation', 'comment_previously_approved', 'comment_registration',"
        " 'require_name_email');"
        " UPDATE wp_options SET option_value='100' WHERE option_name='comments_per_page';"
        " INSERT INTO wp_posts (post_author, post_date, post_date_gmt, post_content, post_title,"
        " post_excerpt, post_status, comment_status, ping_status, post_name, to_ping, pinged,"
        " post_modified, post_modified_gmt, post_content_filtered, post_type)"
        f" VALUES (1, NOW(), UTC_TIMESTAMP(), {_q(content)}, {_q(title)}, '', 'publish', 'open',"
        " 'closed', 'harbour-bridge-reopens', '', '', NOW(), UTC_TIMESTAMP(), '', 'post');"
    )
    post_id = int(mysql(f"USE {WP_DB}; SELECT MAX(ID) FROM wp_posts WHERE post_type='post'"))
    values = ",".join(
        f"({post_id}, {_q(f'Poster {n % 32}')}, 'poster{n % 32}@example.org', '127.0.0.1',"
        f" NOW() - INTERVAL {100 - n} MINUTE, UTC_TIMESTAMP() - INTERVAL {100 - n} MINUTE,"
        f" {_q(text)}, '1', 'comment', 0, 0)"
        for n, text in enumerate(comments)
    )
    mysql(
        f"USE {WP_DB}; INSERT INTO wp_comments (comment_post_ID, comment_author,"
        " comment_author_email, comment_author_IP, comment_date, comment_date_gmt,"
        " comment_content, comment_approved, comment_type, comment_parent, user_id)"
        f" VALUES {values}; UPDATE wp_posts SET comment_count = {len(comments)}"
        f" WHERE ID = {post_id};"
    )
    return post_id


def post_form(post_id: int, text: str, n: int) -> tuple[bytes, dict[str, str]]:
    body = urllib.parse.urlencode(
        {
            "comment": text,
            "author": f"Poster {n}",
            "email": f"poster{n}@example.org",
            "url": "",
            "comment_post_ID": str(post_id),
            "comment_parent": "0",
        }
    ).encode()
    return body, {"Content-Type": "application/x-www-form-urlencoded"}


COMMENT_ID = re.compile(rb"#comment-(\d+)")


def count_comments(post_id: int) -> int:
    return int(
        mysql(f"USE {WP_DB}; SELECT COUNT(*) FROM wp_comments WHERE comment_post_ID = {post_id}")
    )
