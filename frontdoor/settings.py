"""Django settings for Front Door, driven by environment variables so one build serves any authority."""

import datetime
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
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
    "frontdoor.accounts.middleware.AccountSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
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
                "frontdoor.accounts.context_processors.session",
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

# ---- Security (docs/SECURITY.md) ----
# Sign-in: password (django-axes counts failures), then a code from an authenticator app or a recovery
# code (django-otp). FRONTDOOR_TWO_FACTOR_OPTIONAL=1 lets `make demo` skip the second step; `frontdoor
# check --deploy` refuses it (frontdoor.accounts.checks).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
FRONTDOOR_TWO_FACTOR_OPTIONAL = os.environ.get("FRONTDOOR_TWO_FACTOR_OPTIONAL", "0") == "1"
OTP_TOTP_ISSUER = os.environ.get("FRONTDOOR_OTP_ISSUER", "Front Door")
# Lock-out (frontdoor/accounts/lockout.py, docs/SECURITY.md): five wrong passwords for one username from
# one address lock that pair out for 30 minutes; twenty for one username from anywhere lock the username;
# twenty from one address for any usernames lock the address (not an office's shared one). The address
# is the client's, from X-Forwarded-For as the trusted proxies set it.
FRONTDOOR_SIGN_IN_FAILURE_LIMIT = int(os.environ.get("FRONTDOOR_SIGN_IN_FAILURE_LIMIT", "5"))
FRONTDOOR_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("FRONTDOOR_SIGN_IN_ACCOUNT_FAILURE_LIMIT", "20"))
FRONTDOOR_ADDRESS_FAILURE_LIMIT = int(os.environ.get("FRONTDOOR_SIGN_IN_ADDRESS_FAILURE_LIMIT", "20"))
FRONTDOOR_SHARED_ADDRESSES = [
    a.strip() for a in os.environ.get("FRONTDOOR_SIGN_IN_SHARED_ADDRESSES", "").split(",") if a.strip()
]
FRONTDOOR_TRUSTED_PROXIES = [
    a.strip() for a in os.environ.get("FRONTDOOR_FORWARDED_ALLOW_IPS", "127.0.0.1,::1").split(",") if a.strip()
]
AXES_FAILURE_LIMIT = "frontdoor.accounts.lockout.failure_limit"
AXES_CLIENT_IP_CALLABLE = "frontdoor.accounts.lockout.client_address"
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("FRONTDOOR_SIGN_IN_LOCKOUT_MINUTES", "30")))
# What a right password clears, and what axes counts: the pair and the username (the address rule is
# counted in lockout.py, so that one user's right password does not clear a spraying address).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "frontdoor.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False  # failed sign-ins are kept in axes' own table, not written to the log with a username
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are audit events (frontdoor.accounts.services)
# Signed out after this long without a request (the page warns a few minutes before, frontdoor/assets/js).
FRONTDOOR_IDLE_TIMEOUT_SECONDS = int(float(os.environ.get("FRONTDOOR_IDLE_MINUTES", "30")) * 60)
FRONTDOOR_IDLE_WARNING_SECONDS = int(float(os.environ.get("FRONTDOOR_IDLE_WARNING_MINUTES", "5")) * 60)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
# Behind the TLS-terminating proxy: cookies only over HTTPS, HSTS, plain HTTP redirected (but the health
# checks, which the proxy and the orchestrator call over plain HTTP). FRONTDOOR_HTTPS=0 only for a server
# reached without TLS on one machine (a load test); `frontdoor check --deploy` then warns.
HTTPS = os.environ.get("FRONTDOOR_HTTPS", "0" if DEBUG else "1") == "1"
# The address staff open Front Door at: links in emails are made from it (an email has no page to be
# relative to). By default the first of FRONTDOOR_ALLOWED_HOSTS over HTTPS; `check --deploy` warns when
# it would point at this machine.
FRONTDOOR_BASE_URL = os.environ.get(
    "FRONTDOOR_BASE_URL", f"https://{ALLOWED_HOSTS[0]}" if HTTPS and ALLOWED_HOSTS else "http://127.0.0.1:8000"
).rstrip("/")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and os.environ.get("FRONTDOOR_SSL_REDIRECT", "1") == "1"
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# "preload" in the header only makes the site eligible for browsers' built-in HTTPS list; a council adds
# its domain to that list itself, or sets FRONTDOOR_HSTS_PRELOAD=0 (`check --deploy` then warns).
SECURE_HSTS_PRELOAD = HTTPS and os.environ.get("FRONTDOOR_HSTS_PRELOAD", "1") == "1"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# django-csp 4: no inline script or style anywhere; everything comes from the service's own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

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
# R-CHK-1: the match probabilities at which a person search calls a candidate a "likely" and a "possible"
# match (docs/MATCHING.md): likely when at most 1 in 100 so called is someone else; possible from 1 in 100.
FRONTDOOR_MATCH_LIKELY = float(os.environ.get("FRONTDOOR_MATCH_LIKELY", "0.99"))
FRONTDOOR_MATCH_POSSIBLE = float(os.environ.get("FRONTDOOR_MATCH_POSSIBLE", "0.01"))

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
