"""Masthead settings: one module, every knob an environment variable.

Each variable is read through a small typed helper that refuses a bad value at start-up, so a
typo in production fails loudly instead of silently falling back to a default. Every variable
is documented in the README ("Configuration").
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MASTHEAD_VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use true or false.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


TESTING = "pytest" in sys.modules or env_bool("MASTHEAD_TESTING", False)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """The environment's key; in development, one generated once into var/."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not DEBUG and not TESTING:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] + (["testserver"] if TESTING else [])
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SITE_NAME = env_str("SITE_NAME", "Masthead News")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_LANGUAGE = env_str("SITE_LANGUAGE", "en")
RADIO_STREAM_URL = env_str("RADIO_STREAM_URL", "")
RADIO_STATION_NAME = env_str("RADIO_STATION_NAME", "Masthead Radio")
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60, minimum=0)
# How long a proxy in front (nginx's micro-cache, a CDN) may keep an anonymous page: short,
# because such a copy cannot be invalidated when a comment arrives.
SHARED_CACHE_SECONDS = env_int("SHARED_CACHE_SECONDS", 1, minimum=0)
VIEW_FLUSH_SECONDS = env_int("VIEW_FLUSH_SECONDS", 10, minimum=1)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_tasks_db",
    "masthead.core",
    # Before allauth, so our templates (layout, e-mails) win over allauth's own.
    "masthead.accounts",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.facebook",
    "allauth.socialaccount.providers.apple",
    "allauth.socialaccount.providers.github",
    "allauth.socialaccount.providers.twitter_oauth2",
    "allauth.usersessions",
    "masthead.newsroom",
    "masthead.standards",
    "masthead.discussion",
    "masthead.moderation",
    "masthead.datadesk",
    "masthead.notifications",
]

MIDDLEWARE = [
    # First: an oversized body is refused from its headers, before anything reads it.
    "masthead.core.middleware.RequestBodyLimitMiddleware",
    # Then every query of the request, sessions included, is routed knowing whether it wrote.
    "masthead.core.routers.ReplicaPinningMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "masthead.core.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # After authentication: stops signed-in readers who have not accepted the current policy.
    "masthead.accounts.middleware.PolicyConsentMiddleware",
    "masthead.accounts.middleware.FormErrorStatusMiddleware",
    "masthead.moderation.middleware.ReaderNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "masthead.urls"
WSGI_APPLICATION = "masthead.wsgi.application"
ASGI_APPLICATION = "masthead.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "masthead" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "masthead.core.context_processors.site",
                "masthead.newsroom.context_processors.navigation",
            ],
        },
    },
]

# --- Discussion ---------------------------------------------------------------------------------
COMMENT_MAX_LENGTH = env_int("COMMENT_MAX_LENGTH", 3000, minimum=1)
COMMENT_RATE_PER_MINUTE = env_int("COMMENT_RATE_PER_MINUTE", 5, minimum=1)
DISCUSSION_MAX_DEPTH = env_int("DISCUSSION_MAX_DEPTH", 3, minimum=1)
DISCUSSION_CLOSE_AFTER_DAYS = env_int("DISCUSSION_CLOSE_AFTER_DAYS", 0, minimum=0)
DISCUSSION_POLL_SECONDS = env_int("DISCUSSION_POLL_SECONDS", 15, minimum=2)

# --- Moderation ---------------------------------------------------------------------------------
# A reader with this many rejected comments within the window goes to pre-moderation for a while.
PREMODERATION_REJECTIONS = env_int("PREMODERATION_REJECTIONS", 3, minimum=1)
PREMODERATION_WINDOW_DAYS = env_int("PREMODERATION_WINDOW_DAYS", 7, minimum=1)
PREMODERATION_DAYS = env_int("PREMODERATION_DAYS", 14, minimum=1)
MODERATION_PAGE_SIZE = env_int("MODERATION_PAGE_SIZE", 25, minimum=1)
MODERATION_POLL_SECONDS = env_int("MODERATION_POLL_SECONDS", 5, minimum=1)
# Percent of recent published comments offered for spot checks (0 turns spot checks off).
MODERATION_SPOT_CHECK_PERCENT = env_int("MODERATION_SPOT_CHECK_PERCENT", 5, minimum=0)
MODERATION_SPOT_CHECK_DAYS = env_int("MODERATION_SPOT_CHECK_DAYS", 3, minimum=1)
# Where `standards train --with-decisions` reads moderators' decisions from (a dotted path to a
# function returning dicts with "text" and "label"); the engine itself imports nothing of ours.
STANDARDS_DECISIONS_SOURCE = env_str(
    "STANDARDS_DECISIONS_SOURCE", "masthead.moderation.learning.decision_examples"
)
# The second look (masthead/standards/second_look.py): the task worker reads again the comments
# the engine published unsure, with a sentence model, and holds those it reads as abuse.
STANDARDS_SECOND_LOOK = env_bool("STANDARDS_SECOND_LOOK", True)

# --- Database ---------------------------------------------------------------------------------
# SQLite is the embedded default. WAL lets readers run beside the one writer; IMMEDIATE
# transactions take the write lock at BEGIN, so two writers queue on the busy timeout instead of
# one of them failing with "database is locked" when it upgrades a read lock mid-transaction.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'masthead.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
_URL_ENGINE = DATABASES["default"]["ENGINE"]
if os.environ.get("TEST_DATABASE_NAME") and "sqlite" not in DATABASES["default"]["ENGINE"]:
    # Lets two checkouts on one server (CI beside a developer) test without sharing a database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;"
            " PRAGMA foreign_keys=ON;"
        ),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with a health check that needs no query (masthead/core/postgresql).
    DATABASES["default"]["ENGINE"] = "masthead.core.postgresql"
    if env_bool("DATABASE_POOL", False):
        DATABASES["default"]["OPTIONS"] = {
            "pool": {"min_size": 2, "max_size": env_int("DATABASE_POOL_SIZE", 10, minimum=1)}
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Read replicas (PostgreSQL streaming replicas of `default`): see masthead/core/routers.py.
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS", [])
DATABASE_REPLICA_STICKY_SECONDS = env_int("DATABASE_REPLICA_STICKY_SECONDS", 10, minimum=0)
for _number, _url in enumerate(DATABASE_REPLICA_URLS, start=1):
    _replica = dj_database_url.parse(_url, conn_max_age=0)
    if _replica["ENGINE"] != _URL_ENGINE:
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS must use the engine of DATABASE_URL.")
    _replica["ENGINE"] = DATABASES["default"]["ENGINE"]
    for _key in ("OPTIONS", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS"):
        if _key in DATABASES["default"]:
            _replica[_key] = DATABASES["default"][_key]
    # The test run reads the primary's test database through this alias.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_number}"] = _replica
if TESTING and not DATABASE_REPLICA_URLS:
    # One mirror alias, so the router's tests run on a second connection to the test database
    # (they turn the replica on with override_settings(DATABASE_REPLICAS=["replica1"])).
    DATABASES["replica1"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
# The aliases the router reads from; empty means every query uses `default`.
DATABASE_REPLICAS = [f"replica{n}" for n in range(1, len(DATABASE_REPLICA_URLS) + 1)]
DATABASE_ROUTERS = ["masthead.core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "masthead")
REDIS_TIMEOUT_SECONDS = env_int("REDIS_TIMEOUT_MS", 500, minimum=10) / 1000
if REDIS_URL:
    CACHES = {
        "default": {
            # Fails soft: with Redis down or hung, pages render from the database and rate
            # limits fail open (see masthead/core/cache.py and SECURITY.md); and it reuses one
            # Redis client per connection pool.
            "BACKEND": "masthead.core.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 300,
            "OPTIONS": {
                # Short, so a Redis that accepts and never answers costs a page half a second.
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
                "retry_seconds": env_int("REDIS_RETRY_SECONDS", 5, minimum=1),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "masthead",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }

# --- Background tasks --------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# --- Data desk ---------------------------------------------------------------------------------
# Raw CSVs of the JHU CSSE global time series (which ended in March 2023); point these at
# a mirror if the upstream repository ever moves. Never fetched by the test suite.
_JHU_BASE = (
    "https://raw.githubusercontent.com/CSSEGISandData/COVID-19/master/"
    "csse_covid_19_data/csse_covid_19_time_series/"
)
DATADESK_JHU_CONFIRMED_URL = env_str(
    "DATADESK_JHU_CONFIRMED_URL", _JHU_BASE + "time_series_covid19_confirmed_global.csv"
)
DATADESK_JHU_DEATHS_URL = env_str(
    "DATADESK_JHU_DEATHS_URL", _JHU_BASE + "time_series_covid19_deaths_global.csv"
)
DATADESK_JHU_RECOVERED_URL = env_str(
    "DATADESK_JHU_RECOVERED_URL", _JHU_BASE + "time_series_covid19_recovered_global.csv"
)
DATADESK_FETCH_TIMEOUT = env_int("DATADESK_FETCH_TIMEOUT", 30, minimum=1)
DATADESK_MAX_DOWNLOAD_BYTES = env_int("DATADESK_MAX_DOWNLOAD_BYTES", 50 * 1024 * 1024, minimum=1024)
DATADESK_WIDGET_CACHE_SECONDS = env_int("DATADESK_WIDGET_CACHE_SECONDS", 3600, minimum=0)

# --- Notifications (web push, e-mail, newsletters; see masthead/notifications/README.md) ------
# The VAPID key pair: VAPID_PRIVATE_KEY (base64url) wins over the PEM file; the public key is
# derived from it, and VAPID_PUBLIC_KEY, when set, must match.
VAPID_PRIVATE_KEY = env_str("VAPID_PRIVATE_KEY", "")
# Tests bring their own keys; a developer's var/ key must not change what they see.
VAPID_PRIVATE_KEY_FILE = env_str(
    "VAPID_PRIVATE_KEY_FILE", "" if TESTING else str(VAR_DIR / "vapid_private_key.pem")
)
VAPID_PUBLIC_KEY = env_str("VAPID_PUBLIC_KEY", "")
VAPID_SUBJECT = env_str("VAPID_SUBJECT", "mailto:webmaster@localhost")
if not VAPID_SUBJECT.startswith(("mailto:", "https://")):
    raise ImproperlyConfigured("VAPID_SUBJECT must be a mailto: or https:// address.")
PUSH_PROMPT_AFTER_VIEWS = env_int("PUSH_PROMPT_AFTER_VIEWS", 3, minimum=2)
PUSH_PROMPT_AFTER_SECONDS = env_int("PUSH_PROMPT_AFTER_SECONDS", 120, minimum=0)
PUSH_PROMPT_REFUSE_DAYS = env_int("PUSH_PROMPT_REFUSE_DAYS", 30, minimum=1)
PUSH_BATCH_SIZE = env_int("PUSH_BATCH_SIZE", 500, minimum=1)
PUSH_CLAIM_SIZE = env_int("PUSH_CLAIM_SIZE", 50, minimum=1)
PUSH_SEND_THREADS = env_int("PUSH_SEND_THREADS", 8, minimum=1)
PUSH_TTL_SECONDS = env_int("PUSH_TTL_SECONDS", 86_400, minimum=0)
PUSH_TIMEOUT_SECONDS = env_int("PUSH_TIMEOUT_SECONDS", 10, minimum=1)
PUSH_MAX_ATTEMPTS = env_int("PUSH_MAX_ATTEMPTS", 5, minimum=1)
PUSH_RETRY_SECONDS = env_int("PUSH_RETRY_SECONDS", 60, minimum=1)
PUSH_RETRY_SWEEP_SECONDS = env_int("PUSH_RETRY_SWEEP_SECONDS", 30, minimum=1)
PUSH_STALE_CLAIM_SECONDS = env_int("PUSH_STALE_CLAIM_SECONDS", 3600, minimum=60)
PUSH_CA_BUNDLE = env_str("PUSH_CA_BUNDLE", "")
NEWSLETTER_DIGEST_HOUR = env_int("NEWSLETTER_DIGEST_HOUR", 7, minimum=0)
if NEWSLETTER_DIGEST_HOUR > 23:
    raise ImproperlyConfigured(f"NEWSLETTER_DIGEST_HOUR={NEWSLETTER_DIGEST_HOUR} is not 0-23.")
NEWSLETTER_CONFIRM_DAYS = env_int("NEWSLETTER_CONFIRM_DAYS", 7, minimum=1)

# --- Auth ---------------------------------------------------------------------------------------
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if TESTING
    else [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTH_USER_MODEL = "accounts.User"

# --- Accounts (django-allauth; see masthead/accounts/README.md) --------------------------------
# One backend for every log-in (site and admin): see masthead/accounts/backends.py for why.
AUTHENTICATION_BACKENDS = ["masthead.accounts.backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "masthead.accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "masthead.accounts.adapter.SocialAccountAdapter"
ACCOUNT_FORMS = {
    "signup": "masthead.accounts.forms.SignupForm",
    "reset_password": "masthead.accounts.forms.ResetPasswordForm",
}
# Readers sign up with an e-mail address and a display name; allauth derives the username,
# which (like the address) then works for logging in.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# Mandatory verification is what lets allauth answer a sign-up with a known address exactly as
# one with a new address ("we sent you a mail") instead of "this address is taken".
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme or "http"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = env_int("ACCOUNT_REAUTHENTICATION_TIMEOUT", 300, minimum=0)
# Time-windowed limits (allauth's syntax: "<count>/<period>/<ip|key|user>"). The per-key limit
# on failed log-ins is the lockout: it lifts by itself when the window passes, so nobody can
# lock a reader out for longer than that by guessing on purpose.
ACCOUNT_RATE_LIMITS = {
    "login": env_str("ACCOUNT_RATE_LIMIT_LOGIN", "30/m/ip"),
    "login_failed": env_str("ACCOUNT_RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/15m/key"),
    "signup": env_str("ACCOUNT_RATE_LIMIT_SIGNUP", "10/m/ip,50/h/ip"),
    "reset_password": env_str("ACCOUNT_RATE_LIMIT_RESET_PASSWORD", "20/m/ip,3/15m/key"),
    "confirm_email": env_str("ACCOUNT_RATE_LIMIT_CONFIRM_EMAIL", "1/3m/key"),
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
SOCIALACCOUNT_AUTO_SIGNUP = True
# Never sign someone into an existing account because a network says they own its address:
# a network may hand out unverified addresses, and even a verified one is not our proof.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
USERSESSIONS_TRACK_ACTIVITY = False


def _social_providers() -> dict[str, dict[str, object]]:
    """Providers configured by environment; the same can be done in the admin (Social apps)."""
    providers: dict[str, dict[str, object]] = {}
    for key in ["google", "facebook", "apple", "github", "twitter_oauth2"]:
        prefix = f"SOCIAL_{key.upper()}"
        client_id = env_str(f"{prefix}_CLIENT_ID", "")
        if client_id:
            app: dict[str, object] = {
                "client_id": client_id,
                "secret": env_str(f"{prefix}_SECRET", ""),
                "key": env_str(f"{prefix}_KEY", ""),
            }
            if key == "apple":
                app["settings"] = {"certificate_key": env_str("SOCIAL_APPLE_CERTIFICATE_KEY", "")}
            providers[key] = {"APPS": [app]}
    oidc_url = env_str("SOCIAL_OIDC_SERVER_URL", "")
    if oidc_url:
        providers["openid_connect"] = {
            "APPS": [
                {
                    "provider_id": env_str("SOCIAL_OIDC_PROVIDER_ID", "oidc"),
                    "name": env_str("SOCIAL_OIDC_NAME", "OpenID Connect"),
                    "client_id": env_str("SOCIAL_OIDC_CLIENT_ID"),
                    "secret": env_str("SOCIAL_OIDC_SECRET", ""),
                    "settings": {"server_url": oidc_url},
                }
            ]
        }
    return providers


SOCIALACCOUNT_PROVIDERS = _social_providers()

PRIVACY_CONTACT_EMAIL = env_str("PRIVACY_CONTACT_EMAIL", "privacy@localhost")
ACCOUNT_RESTORE_DAYS = env_int("ACCOUNT_RESTORE_DAYS", 30, minimum=1)
# What happens to a purged reader's comments: "delete", or "keep" them signed "deleted reader".
ACCOUNT_PURGE_COMMENTS = env_str("ACCOUNT_PURGE_COMMENTS", "keep")
if ACCOUNT_PURGE_COMMENTS not in {"delete", "keep"}:
    raise ImproperlyConfigured("ACCOUNT_PURGE_COMMENTS must be delete or keep.")
DATA_EXPORT_DAYS = env_int("DATA_EXPORT_DAYS", 7, minimum=1)
AVATAR_SIZE = env_int("AVATAR_SIZE", 256, minimum=32)
AVATAR_MAX_UPLOAD_BYTES = env_int("AVATAR_MAX_UPLOAD_BYTES", 2 * 1024 * 1024, minimum=1024)
AVATAR_MAX_PIXELS = env_int("AVATAR_MAX_PIXELS", 25_000_000, minimum=10_000)
# Proof-of-work captcha (ALTCHA protocol): the expected work is half of CAPTCHA_MAX_NUMBER
# SHA-256 hashes in the reader's browser.
CAPTCHA_ENABLED = env_bool("CAPTCHA_ENABLED", True)
CAPTCHA_MAX_NUMBER = env_int("CAPTCHA_MAX_NUMBER", 100_000, minimum=1)
CAPTCHA_EXPIRES_SECONDS = env_int("CAPTCHA_EXPIRES_SECONDS", 20 * 60, minimum=30)

# --- Language and time -------------------------------------------------------------------------
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
if SITE_LANGUAGE not in {code for code, _name in LANGUAGES}:
    raise ImproperlyConfigured(
        f"SITE_LANGUAGE={SITE_LANGUAGE!r} is not one of the shipped languages: en, ru."
    )
LANGUAGE_CODE = SITE_LANGUAGE
LOCALE_PATHS = [BASE_DIR / "masthead" / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static and media files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "masthead" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    # Removes a partial file when a write fails half-way (a full disk): see core/storage.py.
    "default": {"BACKEND": "masthead.core.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440, minimum=1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Any request body larger than this is refused with 413 before it is read (the largest upload,
# a newsroom photo, plus room for the form around it).
MAX_REQUEST_BODY_BYTES = env_int(
    "MAX_REQUEST_BODY_BYTES",
    env_int("PHOTO_MAX_UPLOAD_BYTES", 15 * 1024 * 1024, minimum=1024) + 1024 * 1024,
    minimum=64 * 1024,
)
PHOTO_MAX_UPLOAD_BYTES = env_int("PHOTO_MAX_UPLOAD_BYTES", 15 * 1024 * 1024, minimum=1024)
PHOTO_RENDITION_WIDTHS = [480, 800, 1200]

# --- E-mail -------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Masthead <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_email_host = env_str("EMAIL_HOST", "")
# Without an SMTP host, mails are printed to the console so the demo works offline.
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": env_int("EMAIL_PORT", 25, minimum=1),
                "username": env_str("EMAIL_HOST_USER", "") or None,
                "password": env_str("EMAIL_HOST_PASSWORD", "") or None,
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": env_int("EMAIL_TIMEOUT", 10, minimum=1),
            },
        }
        if _email_host
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}

# --- Security -----------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
HTTPS = env_bool("HTTPS", not DEBUG and not TESTING)
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Joining the browsers' preload list is hard to undo: the publisher's choice, not ours.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]


# A strict policy: no inline script, nothing from another origin unless the publisher adds it.
def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


_radio_origin = _origin(RADIO_STREAM_URL) if RADIO_STREAM_URL else None
if RADIO_STREAM_URL and _radio_origin is None:
    raise ImproperlyConfigured("RADIO_STREAM_URL must be an http:// or https:// address.")

SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "media-src": ["'self'"] + ([_radio_origin] if _radio_origin else []),
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
