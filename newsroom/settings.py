"""Newsroom settings.

Everything that differs between a laptop and production comes from the environment, with
safe defaults for a laptop: SQLite in the project folder, a local-memory cache, DEBUG on.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    # Only ever used on a developer's laptop: DEBUG is on and nothing is public.
    SECRET_KEY = "django-insecure-newsroom-local-development-only"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prose_editor",
    "reversion",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Newsroom's apps, each depending only on those above it (tests/test_layout.py holds them to it).
    "images",
    "serving",
    "articles",
    "authors",
    "tagging",
    "curation",
    "editorial",
    "liveblogs",
    "api",
    "redirects",
    "wordpress",
    "wires",
    "demo",
    "alerts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, whose pages are compressed once when stored (serving/compression.py).
    "serving.compression.CompressionMiddleware",
    # Before the page cache: an old address answers 301 whether or not a page is cached.
    "redirects.middleware.RedirectMiddleware",
    "serving.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses sign-ins that are locked out, then Django checks the password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"

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
                "articles.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}


def redis_cache(url: str, *, key_prefix: str, timeout: float = 0.5, retry_after: float = 2) -> dict:
    """The cache settings for Redis at `url`: readers never wait on it, and never get an error from it.

    `timeout` (seconds) bounds each connection and each reply, so a frozen Redis costs a request at most
    that; serving.cache.ResilientRedisCache turns failures into misses and leaves an unreachable Redis
    alone for RETRY_AFTER seconds. Redis itself must evict when full (README, "Redis").
    """
    return {
        "BACKEND": "serving.cache.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout, "RETRY_AFTER": retry_after},
    }


REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": redis_cache(
            REDIS_URL,
            key_prefix=os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            timeout=float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.5")),
        )
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (serving/middleware.py): anonymous readers' pages come from CACHES["default"]
# until the content version changes. PAGE_CACHE=0 turns it off for benchmarks and debugging.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# When many readers miss one page at once, one renders it and the others wait for it at most this
# long (serving/coalesce.py; 5 s, as nginx's proxy_cache_lock_timeout); 0 turns that off.
PAGE_CACHE_COALESCE_SECONDS = float(os.environ.get("PAGE_CACHE_COALESCE_SECONDS", "5"))
# A page bigger than this is served but not kept (a huge sitemap page would crowd out many others).
PAGE_CACHE_MAX_ENTRY_BYTES = int(os.environ.get("PAGE_CACHE_MAX_ENTRY_BYTES", 1024 * 1024))
# The API is left out: its per-client rate limit has to see every request.
PAGE_CACHE_EXEMPT_PATHS = ["/healthz", "/readyz", "/api/", "/wires/", "/alerts/"]
PAGE_CACHE_APPS = ["articles", "authors", "tagging", "curation"]  # a save or delete in these apps changes pages
# Functions returning the next moment pages change without a write; cached pages expire then.
PAGE_CACHE_TIMED_CHANGES = ["articles.selectors.next_scheduled_publication", "curation.selectors.next_pin_expiry"]
# Purging by dependency (serving/dependencies.py, serving/purge.py): the rows a page records it
# shows, the story model, the groups stories are listed by, and models whose rows change pages by
# themselves later (their changes start a new version).
PAGE_CACHE_SHOWN_MODELS = ["articles.Article", "articles.Section", "authors.Author", "tagging.Actor", "tagging.Country"]
PAGE_CACHE_STORY_MODEL = "articles.Article"
PAGE_CACHE_GROUP_MODELS = ["articles.Section", "authors.Author", "tagging.Actor", "tagging.Country"]
PAGE_CACHE_TIMED_MODELS = ["curation.pin"]
# Shared caches in front (serving/edge.py, deploy/varnish/): the headers naming each page's keys,
# how long they may keep a page (they are purged on every change), and where purges go.
PAGE_CACHE_KEY_HEADERS = env_list("PAGE_CACHE_KEY_HEADERS", "Surrogate-Key,xkey")
PAGE_CACHE_SHARED_SECONDS = int(os.environ.get("PAGE_CACHE_SHARED_SECONDS", "3600"))
PAGE_CACHE_PURGE_URLS = env_list("PAGE_CACHE_PURGE_URLS", "")
PAGE_CACHE_PURGE_ATTEMPTS = int(os.environ.get("PAGE_CACHE_PURGE_ATTEMPTS", "5"))
PAGE_CACHE_PURGE_RETRY_SECONDS = float(os.environ.get("PAGE_CACHE_PURGE_RETRY_SECONDS", "1"))
PAGE_CACHE_PURGE_TIMEOUT_SECONDS = float(os.environ.get("PAGE_CACHE_PURGE_TIMEOUT_SECONDS", "2"))
# Each purge is sent again this long after the first, for a page a proxy was fetching as the change
# committed (serving/edge.py); 0 sends it once.
PAGE_CACHE_PURGE_REPEAT_SECONDS = float(os.environ.get("PAGE_CACHE_PURGE_REPEAT_SECONDS", "2"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Uploaded pictures: on this machine's disk by default; DJANGO_MEDIA_STORAGE (a storage class) and
# DJANGO_MEDIA_STORAGE_OPTIONS (JSON) hand them to another store, e.g. S3 with django-storages (README).
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")
try:
    MEDIA_STORAGE_OPTIONS = json.loads(os.environ.get("DJANGO_MEDIA_STORAGE_OPTIONS") or "{}")
except json.JSONDecodeError as error:
    raise ImproperlyConfigured(f"DJANGO_MEDIA_STORAGE_OPTIONS is not valid JSON: {error}") from None
if not isinstance(MEDIA_STORAGE_OPTIONS, dict):
    raise ImproperlyConfigured('DJANGO_MEDIA_STORAGE_OPTIONS must be a JSON object, e.g. {"bucket_name": "media"}.')
# With debug off and pictures on this disk, the site serves their renditions itself, cached for a year
# (NEWSROOM_SERVE_MEDIA=0 when a web server or a CDN in front serves MEDIA_ROOT instead).
NEWSROOM_SERVE_MEDIA = os.environ.get("NEWSROOM_SERVE_MEDIA", "1") == "1"

STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE, "OPTIONS": MEDIA_STORAGE_OPTIONS},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Tags: names are unique case-insensitively, and the admin's tag input splits on commas only.
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "tagging.tags.tags_from_string"
TAGGIT_STRING_FROM_TAGS = "tagging.tags.string_from_tags"

# Uploaded pictures: the largest file and the most pixels accepted (bigger ones are refused).
NEWSROOM_IMAGE_MAX_BYTES = int(os.environ.get("NEWSROOM_IMAGE_MAX_BYTES", 15 * 1024 * 1024))
NEWSROOM_IMAGE_MAX_PIXELS = int(os.environ.get("NEWSROOM_IMAGE_MAX_PIXELS", 50_000_000))

NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")

# Content API (api/): public and read-only. Anonymous clients share a per-address limit,
# counted in the cache (Redis in production); raise it for partners with NEWSROOM_API_ANON_RATE.
NEWSROOM_API_ANON_RATE = os.environ.get("NEWSROOM_API_ANON_RATE", "120/minute")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousReaderThrottle"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # How many reverse proxies stand in front of the site. 0 (the default): rate limits key on the
    # connection's address, so a client cannot dodge them by sending its own X-Forwarded-For.
    "NUM_PROXIES": int(os.environ.get("NEWSROOM_PROXY_COUNT", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{NEWSROOM_SITE_NAME} Content API",
    "DESCRIPTION": (
        "Published stories, sections, authors, actors and countries, read-only. Lists are paged with "
        "cursors: follow `next` and `previous`. Anonymous clients are rate-limited (HTTP 429 with Retry-After)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# How long a signed preview link for an unpublished story keeps working.
NEWSROOM_PREVIEW_LINK_HOURS = int(os.environ.get("NEWSROOM_PREVIEW_LINK_HOURS", "72"))
ARTICLES_PER_PAGE = 20
# How often a live story's page asks for new entries (liveblogs); each poll is a cached 304 between entries.
LIVEBLOG_POLL_SECONDS = int(os.environ.get("LIVEBLOG_POLL_SECONDS", "15"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# --- Security -------------------------------------------------------------------------------
# With DJANGO_DEBUG off, `manage.py check --deploy` reports nothing: HTTPS only, HSTS, secure
# cookies. Behind a proxy that terminates TLS, set DJANGO_SECURE_PROXY_SSL_HEADER=1 so Django
# trusts its X-Forwarded-Proto header.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): no inline script anywhere. The admin's rich-text editor
# loads through an import map that carries the request's nonce; everything else is a file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # Styles only (never script): the rich-text editor (Tiptap) injects its own small <style>.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Admin sign-in throttling (django-axes, newsroom/lockout.py): after AXES_FAILURE_LIMIT wrong passwords
# for one user name from one address, that name is locked from that address for AXES_COOLOFF_TIME; a good
# password resets the count. After NEWSROOM_SIGNIN_ADDRESS_FAILURE_LIMIT wrong passwords from one address,
# whatever the user names (a password spray), the address is locked for as long; a good password forgives
# only that account's own mistakes. The address is the one the Content API's rate limit keys on
# (REST_FRAMEWORK["NUM_PROXIES"], from NEWSROOM_PROXY_COUNT).
AXES_ENABLED = env_bool("DJANGO_AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
NEWSROOM_SIGNIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_ADDRESS_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "newsroom.lockout.SignInAttemptHandler"
AXES_CLIENT_IP_CALLABLE = "newsroom.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "newsroom.lockout.lockout_response"

# --- Background work and reader alerts ------------------------------------------------------
# Django's Tasks API (django-tasks, built into Django 6) with its database backend: tasks are rows,
# run by `manage.py db_worker` (as many as wanted, on any machine); `manage.py alerts_clock` finds
# stories that went live and starts digests at their time. `make run` starts both beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The site's own address, for links in emails and webhooks (a worker has no request to read it from).
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", f"{NEWSROOM_SITE_NAME} <alerts@localhost>")
# Any SMTP service (or django-anymail's backends through EMAIL_BACKEND).
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
# An import of more stories than this tags them on the task queue, in chunks of TAGGING_TASK_CHUNK.
TAGGING_BACKGROUND_AFTER = int(os.environ.get("NEWSROOM_TAGGING_BACKGROUND_AFTER", "50"))
TAGGING_TASK_CHUNK = int(os.environ.get("NEWSROOM_TAGGING_TASK_CHUNK", "200"))
# Emails sent per batch (one SMTP connection), and the most per second over a send.
ALERTS_BATCH_SIZE = int(os.environ.get("ALERTS_BATCH_SIZE", "200"))
ALERTS_RATE_PER_SECOND = float(os.environ.get("ALERTS_RATE_PER_SECOND", "50"))
# A story older than this when first seen live (the archive, an import) is recorded but not mailed.
ALERTS_MAX_AGE_HOURS = int(os.environ.get("ALERTS_MAX_AGE_HOURS", "24"))
# Local time (TIME_ZONE) of the daily digest and briefing.
ALERTS_DIGEST_HOUR = int(os.environ.get("ALERTS_DIGEST_HOUR", "7"))
# Sign-ups one address (of a client) may ask for per hour; beyond, a 429 with a clear message.
ALERTS_SIGNUPS_PER_HOUR = int(os.environ.get("ALERTS_SIGNUPS_PER_HOUR", "10"))
ALERTS_CONFIRM_DAYS = 3  # a confirmation link works this long; nothing is stored before it is used
# Shared secret for the provider's bounce and complaint feedback (POST /alerts/feedback/); empty: off.
ALERTS_FEEDBACK_TOKEN = os.environ.get("ALERTS_FEEDBACK_TOKEN", "")
# A WebSub hub that feeds announce and that is pinged when they change; empty: none.
NEWSROOM_WEBSUB_HUB = os.environ.get("NEWSROOM_WEBSUB_HUB", "")
