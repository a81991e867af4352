"""Django settings for Front Door, driven by environment variables so one build serves any authority."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("FRONTDOOR_DATA_DIR", BASE_DIR.parent / "data"))

DEBUG = os.environ.get("FRONTDOOR_DEBUG", "0") == "1"
# The fixed development key lets operator commands (migrate, demo-data, people ...) run with no
# configuration; `frontdoor check --deploy` and the production server refuse it (frontdoor.core.checks).
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105 - refused in production, see above
SECRET_KEY = os.environ.get("FRONTDOOR_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = [h for h in os.environ.get("FRONTDOOR_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

FRONTDOOR_PROFILE = os.environ.get("FRONTDOOR_PROFILE", "cambridgeshire")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "simple_history",  # field history of case records (ADR 0013)
    "frontdoor.core",
    "frontdoor.procedures",
    "frontdoor.audit",
    "frontdoor.accounts",
    "frontdoor.access",
    "frontdoor.people",
    "frontdoor.contacts",
    "frontdoor.decisions",
    "frontdoor.documents",
    "frontdoor.notices",
    "frontdoor.registers",
    "frontdoor.outbox",
    "frontdoor.dashboard",
    "frontdoor.followup",
    "frontdoor.strategy",
    "frontdoor.records",
    "frontdoor.demo",
    "frontdoor.ops",
]

MIDDLEWARE = [
    "frontdoor.ops.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "frontdoor.urls"
WSGI_APPLICATION = "frontdoor.wsgi.application"

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
                "frontdoor.core.context_processors.frontdoor",
            ],
        },
    },
]
FORM_RENDERER = "frontdoor.core.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'frontdoor.sqlite3'}",
        conn_max_age=int(os.environ.get("FRONTDOOR_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the queue be read while a contact is being written; IMMEDIATE avoids
    # "database is locked" upgrades inside select_for_update transactions.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if os.environ.get("PYTEST_XDIST_WORKER") else 60

AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start without it
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

# Documents attached to contacts, through Django's storage API: local files by default, never served
# at a URL (downloads go through a view that checks access and audits; see docs/adr/0008).
MEDIA_ROOT = Path(os.environ.get("FRONTDOOR_MEDIA_ROOT", DATA_DIR / "media"))
# R-ACC-2: how long emergency ("break-glass") access to a restricted record lasts.
FRONTDOOR_BREAK_GLASS_MINUTES = int(os.environ.get("FRONTDOOR_BREAK_GLASS_MINUTES", "60"))
FRONTDOOR_DOCUMENT_MAX_BYTES = int(os.environ.get("FRONTDOOR_DOCUMENT_MAX_MB", "20")) * 1024 * 1024

# Email goes through the outbox and `frontdoor worker` (docs/ARCHITECTURE.md, "The outbox"). With only
# FRONTDOOR_EMAIL_HOST and FRONTDOOR_EMAIL_PORT set, plain SMTP with no login; TLS and a login by the others.
EMAIL_BACKEND = os.environ.get("FRONTDOOR_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("FRONTDOOR_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("FRONTDOOR_EMAIL_PORT", "25"))
EMAIL_USE_TLS = os.environ.get("FRONTDOOR_EMAIL_USE_TLS", "0") == "1"  # STARTTLS, usually port 587
EMAIL_USE_SSL = os.environ.get("FRONTDOOR_EMAIL_USE_SSL", "0") == "1"  # TLS from the start, usually port 465
EMAIL_HOST_USER = os.environ.get("FRONTDOOR_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("FRONTDOOR_EMAIL_PASSWORD", "")
EMAIL_TIMEOUT = int(os.environ.get("FRONTDOOR_EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("FRONTDOOR_EMAIL_FROM", "frontdoor@localhost")
# The worker: seconds between loops; the back-off after a failed attempt doubles from the first delay
# up to the longest, with jitter; managers are warned this many minutes before something falls due.
FRONTDOOR_WORKER_POLL_SECONDS = float(os.environ.get("FRONTDOOR_WORKER_POLL_SECONDS", "5"))
FRONTDOOR_OUTBOX_RETRY_FIRST_SECONDS = int(os.environ.get("FRONTDOOR_OUTBOX_RETRY_FIRST_SECONDS", "30"))
FRONTDOOR_OUTBOX_RETRY_LONGEST_SECONDS = int(os.environ.get("FRONTDOOR_OUTBOX_RETRY_LONGEST_SECONDS", "3600"))
FRONTDOOR_DEADLINE_WARNING_MINUTES = int(os.environ.get("FRONTDOOR_DEADLINE_WARNING_MINUTES", "60"))

# One JSON object a line on standard error, each with the request's id (frontdoor.ops.logs); an access
# line per request at INFO. FRONTDOOR_LOG_FORMAT=text gives plain lines for a terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "frontdoor.ops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "frontdoor.ops.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "text" if os.environ.get("FRONTDOOR_LOG_FORMAT") == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("FRONTDOOR_LOG_LEVEL", "WARNING")},
    "loggers": {
        "frontdoor.access": {"level": os.environ.get("FRONTDOOR_ACCESS_LOG_LEVEL", "INFO")},
        "gunicorn.error": {"level": "INFO"},
        # SQL with its parameters (names, dates of birth) is never logged, whatever the level.
        "django.db.backends": {"level": "INFO"},
    },
}
