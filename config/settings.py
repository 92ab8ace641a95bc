"""Dure settings, driven by environment variables; works with no .env file."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value is None or value == "" else int(value)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DURE_DEBUG", False)
DATA_DIR = Path(env_str("DURE_DATA_DIR", str(BASE_DIR / "var")))


def _secret_key() -> str:
    """DURE_SECRET_KEY, else a random key made once and kept in DATA_DIR (never a published one)."""
    configured = os.environ.get("DURE_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DURE_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DURE_CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "csp",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "axes",
    "dure.core",
    "dure.registry",
    "dure.programs",
    "dure.budget",
    "dure.support",
    "dure.market",
    "dure.resources",
    "dure.ecosystem",
    "dure.education",
    "dure.outreach",
    "dure.portal",
    "dure.reports",
    "dure.api",
    "dure.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dure.core.replica.ReportReplicaMiddleware",
    "dure.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "dure.core.middleware.AuditActorMiddleware",
    "dure.core.middleware.HtmxLoginRedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "dure.budget.middleware.AuditorAccessMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dure.core.context_processors.navigation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'dure.sqlite3'}"),
        conn_max_age=env_int("DURE_DB_CONN_MAX_AGE", 0),
        # A kept connection is checked before each request: after a database restart the next
        # request reconnects instead of failing.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["TEST"] = {"TEMPLATE": env_str("DURE_PG_TEST_TEMPLATE", "template0")}
# A read replica (PostgreSQL streaming replication) the report pages and the API's figures read
# from; every write and every other read goes to the primary (dure/core/replica.py).
REPLICA_DATABASE_URL = env_str("DURE_REPLICA_DATABASE_URL", "")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(
        REPLICA_DATABASE_URL,
        conn_max_age=env_int("DURE_DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["dure.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Figure queries are kept per state of the tables they read (dure/core/figure_cache.py). Each
# process keeps its own: the states live in the database, so several app servers stay exact.
DURE_FIGURE_CACHE = env_bool("DURE_FIGURE_CACHE", True)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dure-figures",
        "TIMEOUT": env_int("DURE_FIGURE_CACHE_SECONDS", 600),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# The report's covering index serves PostgreSQL; SQLite keeps a plain index there, which is enough.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = env_int("DURE_SESSION_MINUTES", 60) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# Cookies travel over HTTPS only unless debugging (make run sets DURE_SECURE_COOKIES=false for
# its plain-HTTP local server).
SESSION_COOKIE_SECURE = env_bool("DURE_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Number of reverse proxies in front of Dure that append to X-Forwarded-For (0: none trusted).
DURE_TRUSTED_PROXY_COUNT = env_int("DURE_TRUSTED_PROXY_COUNT", 0)
if DURE_TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("DURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts only from this site (no inline handlers: see
# static/js/dure.js); inline styles are allowed because the server-drawn SVG charts carry style
# attributes and htmx adds its indicator style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

AXES_FAILURE_LIMIT = env_int("DURE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DURE_LOGIN_LOCKOUT_MINUTES", 15))
# Each entry counts on its own: an account is locked after the limit from any addresses, and an
# address after the limit over any accounts (a list inside the list would count the pair only).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "dure.core.access.LoginAttemptHandler"
AXES_CLIENT_IP_CALLABLE = "dure.core.access.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Password-reset requests accepted per address and per e-mail address within the window; kept
# in the database (PasswordResetRequest) so that every process counts the same requests.
DURE_PASSWORD_RESET_LIMIT = env_int("DURE_PASSWORD_RESET_LIMIT", 5)
DURE_PASSWORD_RESET_WINDOW = timedelta(minutes=env_int("DURE_PASSWORD_RESET_WINDOW_MINUTES", 60))

EMAIL_BACKEND = env_str("DURE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DURE_FROM_EMAIL", "dure@localhost")
EMAIL_HOST = env_str("DURE_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DURE_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DURE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("DURE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DURE_EMAIL_TLS", False)
# The address mail links point at (a newsletter's 수신 거부 link).
DURE_SITE_URL = env_str("DURE_SITE_URL", "http://127.0.0.1:8000")
# Newsletter mail goes out this many at a time, one background task per batch.
DURE_NEWSLETTER_BATCH_SIZE = env_int("DURE_NEWSLETTER_BATCH_SIZE", 100)

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# List filters: the empty choice of every select reads 전체 (all).
FILTERS_EMPTY_CHOICE_LABEL = "전체"
FILTERS_NULL_CHOICE_LABEL = "없음"

TASKS = {
    "default": {
        "BACKEND": env_str("DURE_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_MASK_CALLABLE = "dure.core.audit.mask_personal"
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Personal-data access log retention (개인정보 접근기록 보관기간), in days.
DURE_ACCESS_LOG_RETENTION_DAYS = env_int("DURE_ACCESS_LOG_RETENTION_DAYS", 730)
DURE_LIST_PAGE_SIZE = env_int("DURE_LIST_PAGE_SIZE", 50)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DURE_LOG_LEVEL", "WARNING")},
}
