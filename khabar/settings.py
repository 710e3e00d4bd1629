"""Khabar's settings, read from the environment (twelve-factor).

Every deployment knob is an environment variable; the defaults give an
embedded, self-contained site (SQLite under ``var/``, local-memory cache,
database task queue) so that ``make run`` needs nothing else.
"""

import secrets
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()
VAR_DIR = Path(env("KHABAR_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key():
    """SECRET_KEY from the environment; otherwise one generated once and kept in var/."""
    if key := env("SECRET_KEY", default=""):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "khabar.core.errors.csrf_failure"  # Django's own page is English

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'khabar.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; the wait avoids
    # "database is locked" under the two processes `make run` starts.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env.int("SQLITE_TIMEOUT", default=20),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query to machine code (JIT) when its estimated cost is high, which the
    # estimate of a LIMIT 1 look-up over a large table can be: the compilation then costs more than the
    # query (10 ms on a 1 ms query of the search page at 200,000 stories). A news site runs short queries.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
# Each server thread keeps its connection between requests: opening one (and, on SQLite, its
# pragmas) costs more than a cached page's whole answer.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True


def cache_config(url):
    """The cache for ``url``; a Redis one degrades instead of failing (khabar/core/cache_backends.py)."""
    config = env.cache_url_config(url)
    config.setdefault("KEY_PREFIX", "khabar")
    if config["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        config["BACKEND"] = "khabar.core.cache_backends.ResilientRedisCache"
        # Fail fast: a request must not wait on a cache it can do without.
        options = config.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        options.setdefault("retry", Retry(NoBackoff(), 0))
    return config


CACHES = {"default": cache_config(env("CACHE_URL", default="locmemcache://khabar"))}
# Seconds an anonymous page view stays cached (invalidation does the real work).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Bytes of page content each web process keeps in memory in front of CACHE_URL (0: none); every hit is still
# checked against the tag versions in the database.
PAGE_CACHE_LOCAL_BYTES = env.int("PAGE_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
# Edge caches (Varnish with xkey) to purge on every invalidation: comma-separated base URLs.
EDGE_PURGE_URLS = env.list("EDGE_PURGE_URLS", default=[])

# Reader comments (khabar.comments) on django-comments-xtd; see README "Comments".
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "khabar.comments.models.ReaderComment"
COMMENTS_XTD_FORM_CLASS = "khabar.comments.forms.ReaderCommentForm"
COMMENTS_XTD_MAX_THREAD_LEVEL = 1  # replies one level deep
COMMENTS_XTD_CONFIRM_EMAIL = False  # readers have no accounts; moderation replaces e-mail confirmation
COMMENT_MAX_LENGTH = 3000
# A comment posted sooner than this after its form was rendered is refused as a bot's (seconds).
COMMENTS_MIN_FILL_SECONDS = env.float("COMMENTS_MIN_FILL_SECONDS", default=3)
# (posts, seconds) allowed per reader address (an IPv6 reader is its /64) and per browser session.
COMMENTS_RATE_WINDOW = env.int("COMMENTS_RATE_WINDOW", default=600)
COMMENTS_RATE_LIMITS = {
    "ip": (env.int("COMMENTS_RATE_LIMIT_IP", default=10), COMMENTS_RATE_WINDOW),
    "session": (env.int("COMMENTS_RATE_LIMIT_SESSION", default=5), COMMENTS_RATE_WINDOW),
}
# The proof-of-work key; by default derived from SECRET_KEY so that it rotates with it.
ALTCHA_HMAC_KEY = env("ALTCHA_HMAC_KEY", default="") or f"altcha:{SECRET_KEY}"
# The work a reader's browser does: PBKDF2 iterations per attempt and the range the server picks the
# number of attempts from (the defaults take a phone about a second); a challenge's life in seconds.
ALTCHA_COST = env.int("ALTCHA_COST", default=1000)
ALTCHA_COUNTER_MIN = env.int("ALTCHA_COUNTER_MIN", default=200)
ALTCHA_COUNTER_MAX = env.int("ALTCHA_COUNTER_MAX", default=1500)
ALTCHA_EXPIRY_SECONDS = env.int("ALTCHA_EXPIRY_SECONDS", default=600)

TASKS_BACKEND = env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
# The scale-out backend, RQ (TASKS_BACKEND=django_tasks_rq.RQBackend, worker: `khabar rq-worker`): its
# queue lives in this Redis, which must not evict keys (not the page cache's Redis if that one may).
RQ_URL = env("RQ_URL", default="redis://127.0.0.1:6379/1")
RQ_QUEUES = {"default": {"URL": RQ_URL, "DEFAULT_TIMEOUT": -1}}  # no time limit, as on the database worker
RQ = {
    "QUEUE_CLASS": "khabar.worker.rq.Queue",
    "JOB_CLASS": "khabar.worker.rq.Job",
    "WORKER_CLASS": "khabar.worker.rq.Worker",
}

INSTALLED_APPS = [
    "khabar.adminui",  # first: its admin templates (login, branding) replace Wagtail's
    "khabar.core",
    "khabar.newsroom",
    "khabar.wire",
    "khabar.search",
    "khabar.desk",
    "khabar.qa",
    "khabar.worker",  # before django_tasks_db: its db_worker command replaces the library's
    "khabar.wordpress",
    "khabar.loading",
    "khabar.backup",
    "khabar.syndication",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    *(["django_rq"] if TASKS_BACKEND == "django_tasks_rq.RQBackend" else []),
    "axes",
    "csp",
    "django_comments_xtd",
    "django_comments",
    "khabar.readership",
    "khabar.comments",  # after django_comments_xtd: its ready() adjusts xtd's signal handlers
    "django.contrib.sites",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the page cache: its hits carry the same security headers as a rendered page.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "khabar.admin_csp.AdminCSPMiddleware",
    # Before the page cache: "/?p=123" must redirect, not be answered with a cached home page.
    "khabar.wordpress.middleware.LegacyQueryRedirectMiddleware",
    # Anonymous hits (no session cookie) are answered here, before sessions, CSRF and authentication.
    "khabar.core.pagecache.PageCacheHitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "khabar.core.edge.LoggedInCookieMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "khabar.core.pagecache.AnonymousPageCacheMiddleware",
    "axes.middleware.AxesMiddleware",
    # Answers a 404 with the permanent redirect an import or a slug change left.
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "khabar.newsroom.sites.CachedSiteMiddleware",
]

ROOT_URLCONF = "khabar.urls"
WSGI_APPLICATION = "khabar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "khabar.newsroom.context_processors.navigation",
                "khabar.newsroom.context_processors.breaking_news",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Admin login lockout (django-axes): a user/IP pair is locked after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Addresses or networks of our own reverse proxies (khabar/proxy.py): X-Forwarded-For is believed only
# from them, so the login lockout and the comment rate limits key on the reader, not the proxy.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_CLIENT_IP_CALLABLE = "khabar.proxy.client_ip"

# The task worker (khabar/worker): a task whose worker has not been seen for this long runs again, and
# these jobs are enqueued once per interval (seconds) by whichever worker claims them first.
KHABAR_WORKER_LEASE = env.int("KHABAR_WORKER_LEASE", default=60)
# Seconds an idle worker waits before looking for tasks again (`khabar db_worker --interval` overrides it).
KHABAR_WORKER_INTERVAL = env.float("KHABAR_WORKER_INTERVAL", default=1)
KHABAR_WIRE_TICK = env.int("KHABAR_WIRE_TICK", default=30)
KHABAR_PERIODIC_TASKS = {
    "wire-poll": ("khabar.wire.tasks.poll_due_sources", KHABAR_WIRE_TICK),
    "publish-scheduled": ("khabar.newsroom.tasks.publish_scheduled", 60),
    "desk-alerts": ("khabar.desk.tasks.send_desk_alerts", 300),
    "prune-task-results": ("khabar.worker.tasks.prune_task_results", 3600),
}
KHABAR_TASK_RESULTS_DAYS = env.int("KHABAR_TASK_RESULTS_DAYS", default=7)

# The wire poller refuses private, loopback, link-local and reserved addresses (khabar/wire/addresses.py)
# except for these host names, addresses or networks (an agency gateway inside the newsroom's network).
KHABAR_WIRE_ALLOWED_HOSTS = env.list("KHABAR_WIRE_ALLOWED_HOSTS", default=[])
# Drop-folder sources must sit under this directory (never under var/); empty: no drop folders.
KHABAR_WIRE_DROP_ROOT = env("KHABAR_WIRE_DROP_ROOT", default="")
# The one size cap on anything the wire desk reads (responses, dropped and ingested files), in bytes.
KHABAR_WIRE_MAX_PAYLOAD_BYTES = env.int("KHABAR_WIRE_MAX_PAYLOAD_BYTES", default=20 * 1024 * 1024)
# Fetching a feed (khabar/wire/fetch.py), in seconds: per connection, per read, per whole transfer;
# retries of a failed request with a doubling back-off, and how many redirects are followed.
KHABAR_WIRE_CONNECT_TIMEOUT = env.float("KHABAR_WIRE_CONNECT_TIMEOUT", default=5)
KHABAR_WIRE_READ_TIMEOUT = env.float("KHABAR_WIRE_READ_TIMEOUT", default=20)
KHABAR_WIRE_FETCH_DEADLINE = env.float("KHABAR_WIRE_FETCH_DEADLINE", default=60)
KHABAR_WIRE_FETCH_RETRIES = env.int("KHABAR_WIRE_FETCH_RETRIES", default=2)
KHABAR_WIRE_FETCH_BACKOFF = env.float("KHABAR_WIRE_FETCH_BACKOFF", default=0.5)
KHABAR_WIRE_MAX_REDIRECTS = env.int("KHABAR_WIRE_MAX_REDIRECTS", default=5)
# A kill from the agency unpublishes the articles made from the killed item.
KHABAR_WIRE_TAKEDOWN_ON_KILL = env.bool("KHABAR_WIRE_TAKEDOWN_ON_KILL", default=True)

# Machine translation for the desk (khabar/desk/engines): no engine by default.
KHABAR_MT = {
    "ENGINE": env("KHABAR_MT_ENGINE", default=""),
    "URL": env("KHABAR_MT_URL", default=""),
    "API_KEY": env("KHABAR_MT_API_KEY", default=""),
    "MODEL": env("KHABAR_MT_MODEL", default=""),
    "PROJECT": env("KHABAR_MT_PROJECT", default=""),
    "LOCATION": env("KHABAR_MT_LOCATION", default="global"),
    "TIMEOUT": env.float("KHABAR_MT_TIMEOUT", default=15),
    "RETRIES": env.int("KHABAR_MT_RETRIES", default=2),
}

# Syndication (khabar/syndication): a partner's requests per minute unless its record says otherwise, and
# the usage terms sent with the house's own stories.
KHABAR_SYNDICATION_RATE_LIMIT = env.int("KHABAR_SYNDICATION_RATE_LIMIT", default=60)
KHABAR_SYNDICATION_USAGE_TERMS = env(
    "KHABAR_SYNDICATION_USAGE_TERMS",
    default="يُعاد نشره لدى الشركاء المرخّص لهم فقط، مع ذكر المصدر ورابط الخبر الأصلي.",
)

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "khabar.core.staticfiles.StaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = env("KHABAR_SITE_NAME", default="خبر")
# Load the starter glossary (CLDR places, languages, currencies; agencies) when migrating a database.
KHABAR_STARTER_GLOSSARY = env.bool("KHABAR_STARTER_GLOSSARY", default=True)
# The site's public address; Wagtail's admin e-mails and Khabar's canonical links use it.
KHABAR_BASE_URL = env("KHABAR_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = KHABAR_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Wagtail would show editors' Gravatar pictures: a request to gravatar.com from every admin page,
# carrying a hash of the editor's e-mail. Its own default avatar is served by the site instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No request leaves the newsroom from the admin: no update check or "what's new" banner from
# releases.wagtail.org; the help menu opens Khabar's own Arabic guide (khabar/adminui).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_USER_LOGIN_FORM = "khabar.adminui.forms.LoginForm"
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed"}]
WAGTAIL_I18N_ENABLED = False
# Wagtail's default, declared because page links are built from it (newsroom/models/pages.py).
WAGTAIL_APPEND_SLASH = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security headers. The public site loads nothing from another origin.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A site whose public address is https is served over TLS only (by the proxy in front, which sets
# X-Forwarded-Proto): redirect plain http, pin https with HSTS, and keep cookies off plain http.
HTTPS = WAGTAILADMIN_BASE_URL.lower().startswith("https://")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=HTTPS)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = {
    # The Wagtail admin uses inline scripts and styles of its own.
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],  # ALTCHA's worker is a file of the site (no blob: workers)
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# The admin's own policy (khabar/admin_csp.py): Wagtail 8 needs inline scripts and styles, nothing else.
KHABAR_ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "worker-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
