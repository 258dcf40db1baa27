"""Tandem settings: every deploy-specific value comes from the environment (see .env.example)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from config.settings.env import env_bool, env_int, env_list, env_str, load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent.parent
load_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local use).")
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Tandem's apps come before allauth so their templates override allauth's.
    "tandem.core",
    "tandem.accounts",
    "tandem.moderation",
    "tandem.organizations",
    "tandem.skills",
    "tandem.profiles",
    "tandem.matching",
    "tandem.mentorships",
    "tandem.meetings",
    "tandem.conversations",
    "tandem.programs",
    "tandem.reports",
    "tandem.growth",
    "tandem.growth.careers",
    "tandem.growth.promotion",
    "tandem.growth.education",
    "tandem.growth.stuck",
    "tandem.growth.journal",
    "tandem.growth.tribes",
    "tandem.home",
    "tandem.privacy",
    "tandem.notifications",
    "tandem.demo",
    "allauth",
    "allauth.account",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "tandem.core.headers.PrivatePagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "tandem.core.middleware.CleanInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "tandem.profiles.middleware.ViewerTimezoneMiddleware",
    "tandem.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tandem.profiles.context_processors.navigation",
                "tandem.profiles.context_processors.profile_choices",
                "tandem.notifications.context_processors.unread",
            ],
        },
    },
]

FORM_RENDERER = "tandem.core.forms.TandemFormRenderer"

# --- Database: SQLite file by default, PostgreSQL (psycopg 3) through DATABASE_URL.
POSTGRESQL_ENGINES = ("django.db.backends.postgresql", "tandem.core.postgresql")
_default_sqlite = f"sqlite:///{BASE_DIR / 'var' / 'tandem.sqlite3'}"
if not env_str("DATABASE_URL"):
    (BASE_DIR / "var").mkdir(exist_ok=True)
# How long a connection is kept, in seconds; unset, for as long as it works (the health check
# tries it before a request's first query). Each reconnect gives the worker a cold PostgreSQL
# backend and every statement planned and prepared again: its next pages took 0.3-0.8 s, which
# at 60 s was the load bench's whole tail (docs/benchmarks.md, "Under load").
_conn_max_age = env_str("DATABASE_CONN_MAX_AGE")
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or _default_sqlite,
        conn_max_age=int(_conn_max_age) if _conn_max_age else None,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a worker or the demo loader writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_SERVER_SIDE_BINDING", default=True
):
    # Values travel apart from the SQL, so the same query has the same text on every request
    # and psycopg prepares it on its second use in a connection: PostgreSQL then plans it once
    # per connection instead of on every request (planning cost more than running for the
    # wide joins), and psycopg no longer writes every value into the SQL in Python. Measured
    # in docs/benchmarks.md ("Under load"). Tandem's backend keeps bulk writes under the
    # protocol's 65,535 values a statement (tandem/core/postgresql). Off (=0) behind a
    # transaction-mode connection pooler, which cannot keep prepared statements.
    DATABASES["default"]["ENGINE"] = "tandem.core.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=2
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}
        if env_str("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Sessions: with Redis, which every process shares, a request reads its session from there
# and each change is written to the database as well (kept across a Redis restart). That is
# a query less on every page (0.9 ms of a worker's CPU against 0.3 for Redis's get). Without
# Redis each process would keep its own copy and a session ended in one would live on in the
# others, so it stays in the database alone.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if env_str("REDIS_URL")
    else "django.contrib.sessions.backends.db"
)
# Tandem's own rate limits (tandem.core.ratelimit, the `limits` library): in the same Redis when
# there is one, so every process shares one count; in each process's memory otherwise.
TANDEM_RATE_LIMIT_STORAGE = env_str("REDIS_URL") or "memory://"

# --- Behind a reverse proxy. Off by default: a header any client can send is not believed, so
# limits key on the address the server sees and `X-Forwarded-Proto` cannot claim https.
# TANDEM_TRUSTED_PROXIES is how many proxies of ours stand in front (each appends the address
# it saw to X-Forwarded-For); TANDEM_CLIENT_IP_HEADER names a header that instead holds the
# client's address alone (e.g. X-Real-IP, CF-Connecting-IP). allauth gets the same values, so
# its login throttles and Tandem's limits agree on who is asking (tandem.core.proxies).
TANDEM_TRUSTED_PROXIES = max(env_int("TANDEM_TRUSTED_PROXIES", 0), 0)
TANDEM_CLIENT_IP_HEADER = env_str("TANDEM_CLIENT_IP_HEADER") if TANDEM_TRUSTED_PROXIES else ""
ALLAUTH_TRUSTED_PROXY_COUNT = TANDEM_TRUSTED_PROXIES
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = TANDEM_CLIENT_IP_HEADER or None
if TANDEM_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Accounts (django-allauth, email only).
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Tandem] "
ACCOUNT_ADAPTER = "tandem.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "tandem.accounts.entrance.LoginForm",
    "signup": "tandem.accounts.entrance.SignupForm",
}
# A stranger can always spend an address's password tries, so its owner must always have a
# way in that needs the inbox instead: a one-time code by email, or a reset link that signs
# them in. The per-address password limit then only slows: a burst of wrong guesses costs the
# owner a minute at the password form, and a slow guessing loop is capped at 30 an hour.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
# Login throttling: allauth keeps these counters in the cache.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/m/key,30/h/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "landing"

# --- Email: console locally, SMTP in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tandem <hello@tandem.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Emails are read away from the site, so their links need the public address it is served at.
SITE_URL = env_str("TANDEM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Background work (Django Tasks API through the django-tasks backport).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Internationalisation: times stored in UTC, shown in the viewer's timezone.
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files: vendored assets only (no CDN), served by WhiteNoise.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Security: strict by default outside DEBUG.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
# A load balancer checks each process directly over plain HTTP, behind the proxy that ends
# HTTPS; the health check tells it nothing private (tandem/core/health.py).
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# --- Headers for every page: a strict Content-Security-Policy (no inline script or style; a
# nonce is there for the day one is needed), and no powerful browser features. See
# docs/architecture.md for the libraries.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Pico draws its small icons as data: SVGs
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors": {"()": "tandem.core.logging.ClientErrorsOnOneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["client_errors"]},
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}

# --- Product settings.
TANDEM_DIRECTORY_PAGE_SIZE = env_int("TANDEM_DIRECTORY_PAGE_SIZE", 20)
# How far ahead a person may propose a time (an ask's suggested times, meeting slots).
TANDEM_PROPOSED_TIME_HORIZON_DAYS = env_int("TANDEM_PROPOSED_TIME_HORIZON_DAYS", 365)
ACCOUNT_SIGNUP_FORM_CLASS = "tandem.accounts.forms.SignupForm"
