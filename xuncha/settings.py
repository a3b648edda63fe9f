"""Django settings, read from the environment (see .env.example).

XUNCHA_ENV=production turns on the production checks: SECRET_KEY and ALLOWED_HOSTS must then be
set explicitly, DEBUG is off and cookies are secure. Development defaults are safe for localhost.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from xuncha.env import env_bool, env_int, env_list, env_networks, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("XUNCHA_VAR_DIR", str(PROJECT_DIR / "var")))

XUNCHA_ENV = env_str("XUNCHA_ENV", "development")
if XUNCHA_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(f"XUNCHA_ENV must be development, production or test, got {XUNCHA_ENV!r}")
PRODUCTION = XUNCHA_ENV == "production"

DEBUG = env_bool("XUNCHA_DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("XUNCHA_DEBUG cannot be on when XUNCHA_ENV=production")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when XUNCHA_ENV=production")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when XUNCHA_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "xuncha.web.errors.csrf_failure"  # "the form has expired", in Chinese

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "xuncha.jobs",  # before django_tasks_db: its `db_worker` command is the one found
    "django_tasks_db",
    "ninja",  # /api/docs then renders Swagger UI from ninja's own static files instead of a CDN (CSP: 'self')
    "xuncha.orgs",
    "xuncha.people",
    "xuncha.accounts",
    "xuncha.audit",
    "xuncha.files",
    "xuncha.confidential",
    "xuncha.plans",
    "xuncha.inspections",
    "xuncha.staffing",
    "xuncha.findings",
    "xuncha.common",
    "xuncha.clues",
    "xuncha.petitions",
    "xuncha.public",
    "xuncha.surveys",
    "xuncha.followup",
    "xuncha.evaluation",
    "xuncha.appraisal",
    "xuncha.talks",
    "xuncha.campaigns",
    "xuncha.cases",
    "xuncha.rectification",
    "xuncha.ledger",
    "xuncha.supervision",
    "xuncha.results",
    "xuncha.meetings",
    "xuncha.documents",
    "xuncha.web",
    "xuncha.workbench",
    "xuncha.reports",
    "xuncha.restapi",
    "xuncha.demo",
    "xuncha.backup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xuncha.web.middleware.SessionIdleMiddleware",
    "xuncha.web.middleware.ChineseFirstLocaleMiddleware",  # zh-hans unless English was chosen
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor was given
    "django.contrib.messages.middleware.MessageMiddleware",
    "xuncha.web.middleware.RequestSizeLimitMiddleware",  # before anything reads the body
    "xuncha.web.middleware.RefuseNulMiddleware",
    "xuncha.web.once.SubmitOnceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "xuncha.web.middleware.ContentSecurityPolicyMiddleware",
    "xuncha.web.middleware.NoStoreMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "xuncha.accounts.middleware.PasswordChangeRequiredMiddleware",
    "xuncha.accounts.twofactor.middleware.TwoFactorMiddleware",  # after the forced password change
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files come from collectstatic's output; development serves them from the finders.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "xuncha.urls"
WSGI_APPLICATION = "xuncha.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% csrf_token %} also writes the submit-once token (xuncha/web/templatetags/csrf_once.py)
            # |in_words_of:obj says 巡视 or 巡察 by the inspecting body (xuncha/inspections/words.py)
            "builtins": ["xuncha.web.templatetags.csrf_once", "xuncha.inspections.templatetags.inspection_words"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xuncha.web.context.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'xuncha.sqlite3'}",
        conn_max_age=env_int("XUNCHA_DB_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("XUNCHA_PG_JIT", False):
    # PostgreSQL's JIT compiles the province-wide aggregates for longer than they run (the
    # all-terms dashboard took 4.9 s with it, 2.0 s without, at scale 20): off, as usual for
    # short interactive queries. XUNCHA_PG_JIT=1 turns it back on.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Password rules: length and character classes are configurable (XUNCHA_PASSWORD_*).
PASSWORD_MIN_LENGTH = env_int("XUNCHA_PASSWORD_MIN_LENGTH", 8, minimum=6)
PASSWORD_MIN_CLASSES = env_int("XUNCHA_PASSWORD_MIN_CLASSES", 3, minimum=1)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {
        "NAME": "xuncha.accounts.passwords.CharacterClassValidator",
        "OPTIONS": {"min_classes": PASSWORD_MIN_CLASSES},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Password hashes: Django's PBKDF2-SHA256, or PBKDF2-HMAC-SM3 (xuncha/accounts/hashers.py) with
# XUNCHA_PASSWORD_HASHER=pbkdf2_sm3. The chosen one comes first; existing hashes of the other are
# still verified and re-hashed with the chosen one at the user's next login.
_SM3_HASHER = "xuncha.accounts.hashers.PBKDF2SM3PasswordHasher"
_DJANGO_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
PASSWORD_HASHER = env_str("XUNCHA_PASSWORD_HASHER", "pbkdf2_sha256")
if PASSWORD_HASHER == "pbkdf2_sm3":
    from cryptography.hazmat.backends import default_backend
    from cryptography.hazmat.primitives import hashes

    if not default_backend().hash_supported(hashes.SM3()):
        raise ImproperlyConfigured("XUNCHA_PASSWORD_HASHER=pbkdf2_sm3 needs an OpenSSL with SM3")
    PASSWORD_HASHERS = [_SM3_HASHER, *_DJANGO_HASHERS]
elif PASSWORD_HASHER == "pbkdf2_sha256":
    PASSWORD_HASHERS = [*_DJANGO_HASHERS, _SM3_HASHER]
else:
    raise ImproperlyConfigured(f"XUNCHA_PASSWORD_HASHER must be pbkdf2_sha256 or pbkdf2_sm3, got {PASSWORD_HASHER!r}")

# Login protection (django-axes, xuncha/accounts/lockout.py): a user name is locked after N
# failures for M minutes, from any address; an address, for every user name, only after many more.
AXES_FAILURE_LIMIT = env_int("XUNCHA_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("XUNCHA_LOGIN_LOCK_MINUTES", 15, minimum=1))
XUNCHA_LOGIN_ADDRESS_FAILURE_LIMIT = env_int(
    "XUNCHA_LOGIN_ADDRESS_FAILURE_LIMIT", 10 * AXES_FAILURE_LIMIT, minimum=AXES_FAILURE_LIMIT
)
AXES_LOCKOUT_PARAMETERS = ["username"]  # the address limit is counted by the handler
# axes.W006 warns that addresses are not counted: LockoutHandler counts them, at the higher limit.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_HANDLER = "xuncha.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "xuncha.web.client_address.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked.html"
AXES_VERBOSE = False

# Two-factor login (django-otp, xuncha/accounts/twofactor/): TOTP and recovery codes. Failed
# second-factor attempts lock the second factor after AXES_FAILURE_LIMIT failures for
# AXES_COOLOFF_TIME, as passwords are locked (twofactor/domain.py), instead of django-otp's own
# exponential delays, which are turned off so that there is one rule.
OTP_TOTP_ISSUER = "Xuncha"
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated):
# the client's address for lockouts and the audit log is read through them
# (xuncha/web/client_address.py). Empty: the header is ignored, REMOTE_ADDR is the client.
XUNCHA_TRUSTED_PROXIES = env_networks("XUNCHA_TRUSTED_PROXIES", [])

# Idle sessions expire: every request renews the cookie, silence lets it lapse.
SESSION_COOKIE_AGE = env_int("XUNCHA_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = False  # SessionIdleMiddleware refreshes it once a minute (a tenth of a short timeout)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Sessions are written to the database and kept in a cache that every worker process of the host
# shares (Django's cached_db): a request reads its session from a file instead of a query, and
# a logout or a session cycled in one worker is gone in all. Several hosts share the directory or
# set it empty (the database alone). A per-process cache would not do: a session ended in one
# worker would live on in another. The test run keeps one in memory per process.
XUNCHA_SESSION_CACHE = env_str("XUNCHA_SESSION_CACHE", str(VAR_DIR / "cache" / "sessions"))
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if XUNCHA_ENV == "test":
    CACHES["sessions"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sessions"}
elif XUNCHA_SESSION_CACHE:
    CACHES["sessions"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",  # its directory is owner-only
        "LOCATION": XUNCHA_SESSION_CACHE,
        # the directory is listed on each write (a session's is at most once a minute) and a
        # quarter of it dropped when full: a dropped session is read from the database again
        "OPTIONS": {"MAX_ENTRIES": 50_000, "CULL_FREQUENCY": 4},
    }
if "sessions" in CACHES:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["xuncha.web.formats"]  # corrections over Django's per-language formats
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("XUNCHA_STATIC_ROOT", str(VAR_DIR / "static")))
_NODE = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/tabler", _NODE / "@tabler" / "core" / "dist"),
    ("vendor/htmx", _NODE / "htmx.org" / "dist"),
    ("vendor/echarts", _NODE / "echarts" / "dist"),
    ("vendor/tom-select", _NODE / "tom-select" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "xuncha.web.storage.StaticStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("XUNCHA_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"

# Production hardening; `xuncha check --deploy` is clean with these on.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("XUNCHA_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("XUNCHA_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("XUNCHA_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append("security.W021")

EMAIL_BACKEND = env_str("XUNCHA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("XUNCHA_FROM_EMAIL", "xuncha@localhost")

# API (xuncha.restapi): requests per personal token, as "N/min" (or /s, /h, /day)
XUNCHA_API_RATE = env_str("XUNCHA_API_RATE", "600/min")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("XUNCHA_LOG_LEVEL", "WARNING")},
}

# Page sizes for list views.
XUNCHA_PAGE_SIZE = env_int("XUNCHA_PAGE_SIZE", 50, minimum=5)

# Uploads (docs/deploy.md, "Uploads and their limits"). Largest accepted file, in megabytes.
XUNCHA_UPLOAD_MAX_MB = env_int("XUNCHA_UPLOAD_MAX_MB", 50, minimum=1)
# Largest request body: refused from its Content-Length before anything reads it
# (xuncha.web.middleware.RequestSizeLimitMiddleware). A multipart request (files) may carry up to
# XUNCHA_REQUEST_MAX_MB; any other request up to DATA_UPLOAD_MAX_MEMORY_SIZE, which Django also
# applies to the form fields of a multipart request.
XUNCHA_REQUEST_MAX_MB = env_int("XUNCHA_REQUEST_MAX_MB", 100, minimum=1)
if XUNCHA_REQUEST_MAX_MB < XUNCHA_UPLOAD_MAX_MB:
    raise ImproperlyConfigured("XUNCHA_REQUEST_MAX_MB must be at least XUNCHA_UPLOAD_MAX_MB")
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("XUNCHA_FORM_MAX_MB", 10, minimum=1) * 1024 * 1024
# Uploaded files larger than this are streamed to a temporary file instead of held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("XUNCHA_UPLOAD_IN_MEMORY_KB", 2560, minimum=64) * 1024
# Bounds of a file the platform parses (xuncha/files/untrusted.py), checked before any parser runs.
XUNCHA_UNPACKED_MAX_MB = env_int("XUNCHA_UNPACKED_MAX_MB", 300, minimum=1)
XUNCHA_ARCHIVE_MAX_MEMBERS = env_int("XUNCHA_ARCHIVE_MAX_MEMBERS", 2000, minimum=10)
XUNCHA_ARCHIVE_MAX_RATIO = env_int("XUNCHA_ARCHIVE_MAX_RATIO", 200, minimum=10)
XUNCHA_SHEET_MAX_ROWS = env_int("XUNCHA_SHEET_MAX_ROWS", 200_000, minimum=100)
XUNCHA_SHEET_MAX_COLUMNS = env_int("XUNCHA_SHEET_MAX_COLUMNS", 200, minimum=20)
XUNCHA_SHEET_MAX_CELLS = env_int("XUNCHA_SHEET_MAX_CELLS", 5_000_000, minimum=10_000)
# The parser runs in a child process limited to this much address space and CPU time.
XUNCHA_PARSER_MEMORY_MB = env_int("XUNCHA_PARSER_MEMORY_MB", 2048, minimum=128)
XUNCHA_PARSER_SECONDS = env_int("XUNCHA_PARSER_SECONDS", 120, minimum=5)


def _dev_secret(name: str, *, test_value: str, file_name: str, make) -> str:
    """The secret `name` from the environment; in the test run a fixed value; in development one
    generated once into var/`file_name` (owner-only) so that `make run` works; in production
    nothing (the system checks then stop start-up)."""
    value = env_str(name)
    if value or PRODUCTION:
        return value
    if XUNCHA_ENV == "test":
        return test_value
    path = VAR_DIR / file_name
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(make() + "\n")
        path.chmod(0o600)
    return path.read_text().strip()


# Reporter identities are encrypted with SM4-GCM (xuncha/confidential/vault.py). Production must
# set XUNCHA_IDENTITY_KEYS; development keeps a generated key in var/identity.keys so that
# `make run` works out of the box, and the test run uses a fixed key.
XUNCHA_IDENTITY_KEYS = _dev_secret(
    "XUNCHA_IDENTITY_KEYS",
    test_value="test1:000102030405060708090a0b0c0d0e0f",
    file_name="identity.keys",
    make=lambda: f"dev1:{secrets.token_hex(16)}",
)

# The audit log is a hash chain: each event carries an SM3 HMAC over its content and the previous
# event's HMAC (xuncha/audit/chain.py), keyed with XUNCHA_AUDIT_KEY (64 hex digits). Production must
# set it (`xuncha check` fails with xuncha.E003 otherwise, and no event can be written); development
# keeps a generated key in var/audit.key and the test run uses a fixed key, as for the identity keys.
XUNCHA_AUDIT_KEY = _dev_secret(
    "XUNCHA_AUDIT_KEY",
    test_value="00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
    file_name="audit.key",
    make=lambda: secrets.token_hex(32),
)
# Retired audit keys, kept so that the events chained with them still verify after a rotation
# (comma-separated <id>:<hex>; docs/security.md "Rotating the audit key").
XUNCHA_AUDIT_OLD_KEYS = env_str("XUNCHA_AUDIT_OLD_KEYS", "")
# Where `xuncha audit verify --anchor` appends the chain's head (one JSON line per run); put it on
# storage the database's administrators cannot rewrite (docs/security.md). Empty: no anchors.
XUNCHA_AUDIT_ANCHOR_FILE = env_str("XUNCHA_AUDIT_ANCHOR_FILE", "")

# Months a receiving body has to report a transferred clue's handling result back.
XUNCHA_CLUE_REPORT_MONTHS = env_int("XUNCHA_CLUE_REPORT_MONTHS", 3, minimum=1)

# Background jobs (Django's task API, django-tasks backport): stored in the database and run by
# `xuncha db_worker` (several workers may run at once). Tests run them immediately.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if XUNCHA_ENV == "test" or env_bool("XUNCHA_TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# A running task's worker renews its lease every sixth of this; a task whose lease is older is
# failed as lost by the other workers (jobs/leases.py). On SQLite, keep it above the longest
# write of a job (an import's apply phase holds the database's write lock).
XUNCHA_TASK_LEASE_SECONDS = env_int("XUNCHA_TASK_LEASE_SECONDS", 120, minimum=1)

# The address of the platform as users reach it, for links in e-mails (e.g. https://xuncha.example.gov.cn).
XUNCHA_BASE_URL = env_str("XUNCHA_BASE_URL", "" if PRODUCTION else "http://127.0.0.1:8000")

# 码上巡, the public site (xuncha/settings_public.py, docs/public-site.md). Its address goes into
# the QR codes. In development the staff site also serves the public pages under /m/ so that
# `make run` shows both; in production the public site runs on its own host and the staff site
# serves none of it.
XUNCHA_PUBLIC_SITE = False
XUNCHA_PUBLIC_BASE_URL = env_str("XUNCHA_PUBLIC_BASE_URL", "" if PRODUCTION else XUNCHA_BASE_URL)
XUNCHA_PUBLIC_ON_STAFF_SITE = env_bool("XUNCHA_PUBLIC_ON_STAFF_SITE", not PRODUCTION)
XUNCHA_PUBLIC_FILES = env_int("XUNCHA_PUBLIC_FILES", 3, minimum=0)  # photos or files per report
XUNCHA_PUBLIC_FILE_MAX_MB = env_int("XUNCHA_PUBLIC_FILE_MAX_MB", 8, minimum=1)
XUNCHA_PUBLIC_IMAGE_MAX_PIXELS = env_int("XUNCHA_PUBLIC_IMAGE_MAX_PIXELS", 40_000_000, minimum=1_000_000)
# requests a client address may make to the public site per minute, and reports per hour
XUNCHA_PUBLIC_RATE = env_int("XUNCHA_PUBLIC_RATE", 60, minimum=1)
XUNCHA_PUBLIC_REPORTS_PER_HOUR = env_int("XUNCHA_PUBLIC_REPORTS_PER_HOUR", 10, minimum=1)
# submissions one organisation's page takes per minute from everyone together
XUNCHA_PUBLIC_PAGE_RATE = env_int("XUNCHA_PUBLIC_PAGE_RATE", 120, minimum=1)
# questionnaire responses one client address may submit per 10 minutes (a meeting room answering
# together shares one address), and one questionnaire window takes per minute from everyone
XUNCHA_PUBLIC_RESPONSES_PER_10_MINUTES = env_int("XUNCHA_PUBLIC_RESPONSES_PER_10_MINUTES", 30, minimum=1)
XUNCHA_PUBLIC_WINDOW_RESPONSES_PER_MINUTE = env_int("XUNCHA_PUBLIC_WINDOW_RESPONSES_PER_MINUTE", 300, minimum=1)
# below this many responses a questionnaire window's figures show the count only (no breakdown,
# no averages, no free text): with few respondents each one would be recognisable
XUNCHA_SURVEY_MIN_RESPONSES = env_int("XUNCHA_SURVEY_MIN_RESPONSES", 5, minimum=1)
# the CAPTCHA on public forms; off only for benchmarks and some tests, never in production (but
# for the benchmark's own production server, XUNCHA_BENCH, checked below)
XUNCHA_PUBLIC_CAPTCHA = env_bool("XUNCHA_PUBLIC_CAPTCHA", True)
# refusals (a flood) are counted in memory and written at most this often, per page and reason
XUNCHA_PUBLIC_TALLY_SECONDS = env_int("XUNCHA_PUBLIC_TALLY_SECONDS", 0 if XUNCHA_ENV == "test" else 10, minimum=0)
# the public site's rate-limit counters and spent CAPTCHAs: a small SQLite file its worker
# processes share (xuncha/public/counters.py); in the test run one in memory per process
XUNCHA_PUBLIC_COUNTERS = (
    ":memory:"
    if XUNCHA_ENV == "test"
    else env_str("XUNCHA_PUBLIC_COUNTERS", str(VAR_DIR / "cache" / "public-counters.sqlite3"))
)

if XUNCHA_ENV == "test":
    # Test users log in thousands of times; a fast hasher keeps the suite short. Never outside tests.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Ledger exports with more rows than this run as background jobs with a progress page; imports
# (checked row by row, much slower) above the second threshold do.
XUNCHA_LEDGER_JOB_ROWS = env_int("XUNCHA_LEDGER_JOB_ROWS", 2000, minimum=1)
XUNCHA_LEDGER_IMPORT_JOB_ROWS = env_int("XUNCHA_LEDGER_IMPORT_JOB_ROWS", 200, minimum=1)

# Official documents as PDF: LibreOffice's `soffice` (a name found on PATH or a full path) converts
# the .docx (xuncha/documents/pdf.py); without it the PDF download answers 503 and says why.
XUNCHA_SOFFICE = env_str("XUNCHA_SOFFICE", "soffice")
XUNCHA_SOFFICE_TIMEOUT = env_int("XUNCHA_SOFFICE_TIMEOUT", 60, minimum=5)

# Development: every request that may write checks that the dashboard's tallies still equal a
# recount (xuncha/tallies/guard.py), so a write that forgot its tallies call fails at once.
XUNCHA_TALLY_GUARD = env_bool("XUNCHA_TALLY_GUARD", DEBUG and XUNCHA_ENV == "development")
if PRODUCTION and XUNCHA_TALLY_GUARD:
    raise ImproperlyConfigured("XUNCHA_TALLY_GUARD cannot be on when XUNCHA_ENV=production")
if XUNCHA_TALLY_GUARD:
    MIDDLEWARE.append("xuncha.tallies.guard.tally_guard")


# The benchmarks (benchmarks/ beside this package: `xuncha bench`, the bench_* commands and the
# /bench/ pages) are not part of the product. Their app is installed only when XUNCHA_BENCH is on:
# by default in the test run (tests/bench), never by default in development or production;
# scripts/bench (`make bench`) and the HTTP benchmark's server turn it on explicitly. On without
# the directory (an installed copy has none) is a start-up error, not a quiet omission.
XUNCHA_BENCH = env_bool("XUNCHA_BENCH", XUNCHA_ENV == "test")
if XUNCHA_BENCH:
    import importlib.util

    if importlib.util.find_spec("benchmarks") is None:
        raise ImproperlyConfigured(
            "XUNCHA_BENCH is on but the benchmarks package is not importable: run from a source "
            "checkout with its root on PYTHONPATH (as scripts/bench does), or turn XUNCHA_BENCH off"
        )
    INSTALLED_APPS.append("benchmarks")
if PRODUCTION and not XUNCHA_PUBLIC_CAPTCHA and not XUNCHA_BENCH:
    raise ImproperlyConfigured("XUNCHA_PUBLIC_CAPTCHA cannot be off when XUNCHA_ENV=production")
