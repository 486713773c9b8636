"""Settings for the DPUP assessments site: one module, configured from the environment.

SQLite is the embedded default so that a fresh checkout runs with nothing else installed;
DATABASE_URL selects PostgreSQL (or any database dj-database-url understands).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp import constants as csp_constants
from django.core.exceptions import ImproperlyConfigured

from dpup_site.env import env_bool, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

# Only a development server may run on a known key; anything else must be given one.
_secret_key = env_str("DJANGO_SECRET_KEY")
if _secret_key is None:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is not true. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    _secret_key = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105
SECRET_KEY = _secret_key

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_tasks",
    "django_tasks_db",
    "assessments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view says otherwise (login_not_required).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "dpup_site.urls"
WSGI_APPLICATION = "dpup_site.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}") or "",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}

# --- Several app servers and workers on one PostgreSQL (issue 16) ---------------------------
# The app keeps nothing on local disk that matters (records live in the database) and sessions
# in the database, so any web process behind the load balancer can answer any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# DJANGO_DB_POOL=true gives each process a psycopg connection pool (PostgreSQL only) of
# DJANGO_DB_POOL_MIN_SIZE to DJANGO_DB_POOL_MAX_SIZE connections, waiting at most
# DJANGO_DB_POOL_TIMEOUT seconds for one. A pool replaces persistent connections, so
# DJANGO_CONN_MAX_AGE is then 0. Behind PgBouncer leave it off (see deploy/README.md).
if env_bool("DJANGO_DB_POOL", default=False):
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DJANGO_DB_POOL=true needs a PostgreSQL DATABASE_URL.")
    _pool_min = env_int("DJANGO_DB_POOL_MIN_SIZE", default=2)
    _pool_max = env_int("DJANGO_DB_POOL_MAX_SIZE", default=10)
    _pool_timeout = env_int("DJANGO_DB_POOL_TIMEOUT", default=10)
    if not 0 <= _pool_min <= _pool_max or _pool_max < 1 or _pool_timeout < 1:
        raise ImproperlyConfigured(
            "The pool needs 0 <= DJANGO_DB_POOL_MIN_SIZE <= DJANGO_DB_POOL_MAX_SIZE, a "
            f"maximum of at least 1 and DJANGO_DB_POOL_TIMEOUT of at least 1 second; got "
            f"{_pool_min}, {_pool_max} and {_pool_timeout}."
        )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": _pool_min,
        "max_size": _pool_max,
        "timeout": _pool_timeout,
    }

# Rendering an approved record runs as a task. With DPUP_TASK_WORKER=true tasks wait in the
# database for `manage.py db_worker`, so approving never waits for the PDF: the default in
# production (DJANGO_DEBUG=false). The development server (DJANGO_DEBUG=true) runs them inline,
# straight after the commit, so `make run` needs no second process.
TASK_WORKER = env_bool("DPUP_TASK_WORKER", default=not DEBUG)
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASK_WORKER
        else "django_tasks.backends.immediate.ImmediateBackend",
    }
}
# --- end of issue 16's block -----------------------------------------------------------------
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "assessments.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-nz"
TIME_ZONE = "Pacific/Auckland"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")) or "")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", default="dpup@localhost")
# The address people reach the site at, for links in e-mails, which have no request to go by.
SITE_URL = env_url("DPUP_SITE_URL", default="http://127.0.0.1:8000")

# Production hardening: on unless running the development server.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# ---- Sign-in, sessions and response headers (issue 12) --------------------------------------
# Kept in one block so that other settings changes merge around it.

INSTALLED_APPS += ["axes", "csp"]
# Every response the app itself makes says `Cache-Control: private, no-store`: its pages and
# downloads hold assessment content. WhiteNoise answers static files before this runs.
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "dpup_site.middleware.NoStoreMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("dpup_site.middleware.NoStoreMiddleware") + 1, "csp.middleware.CSPMiddleware"
)
# Axes turns a refused sign-in into its lockout page; its documentation wants it last.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
# Axes's backend refuses a locked-out account or address before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Ten failures for one account, from any addresses, lock that account; ten from one address,
# for any accounts, lock that address. A lock lasts an hour from the failure that reached the
# limit; `manage.py axes_reset_username NAME` (or `axes_reset_ip ADDRESS`, `axes_reset`) lifts
# it sooner, as the README says.
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(hours=1)
# Attempts made while locked do not extend the lock, so a stranger cannot keep someone out.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a reverse proxy the address is read from X-Forwarded-For (dpup_site/client_address.py).
DPUP_TRUSTED_PROXIES = env_int("DPUP_TRUSTED_PROXIES", default=0)
if DPUP_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("DPUP_TRUSTED_PROXIES must be 0 or more: the proxies in front.")
AXES_CLIENT_IP_CALLABLE = "dpup_site.client_address.client_address"
# Failures and lockouts are audit events (assessments/audit.py); axes's own log is enough.
AXES_VERBOSE = False

# A session ends after a working day without activity; activity starts the day again
# (dpup_site.middleware.SessionRefreshMiddleware, within a quarter of an hour).
SESSION_COOKIE_AGE = 8 * 60 * 60
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "dpup_site.middleware.SessionRefreshMiddleware",
)
# Password reset e-mails: the link works for a day.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# No inline script or style anywhere: every script and stylesheet is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF],
        "style-src": [csp_constants.SELF],
        # Bootstrap draws its select arrows and check marks as data: SVG images.
        "img-src": [csp_constants.SELF, "data:"],
        "font-src": [csp_constants.SELF],
        "connect-src": [csp_constants.SELF],
        "form-action": [csp_constants.SELF],
        "frame-ancestors": [csp_constants.NONE],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.NONE],
    },
}
# ---- end of issue 12 block ---------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
