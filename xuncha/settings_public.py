"""Settings of the public site (码上巡): the same codebase, served on its own, internet-facing
host with `DJANGO_SETTINGS_MODULE=xuncha.settings_public`. It exposes only the public pages
(xuncha/public/site_urls.py): no staff page, no admin, no API, no login, no session. In
production it connects to PostgreSQL as a role that may only insert into the intake tables and
read what is published (XUNCHA_PUBLIC_DATABASE_URL; `xuncha public grants`, docs/public-site.md)."""

import dj_database_url

from xuncha.settings import *  # noqa: F403
from xuncha.settings import DATABASES, TEMPLATES, env_int, env_str

XUNCHA_PUBLIC_SITE = True
ROOT_URLCONF = "xuncha.public.site_urls"

_PUBLIC_DATABASE_URL = env_str("XUNCHA_PUBLIC_DATABASE_URL")
if _PUBLIC_DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            _PUBLIC_DATABASE_URL, conn_max_age=env_int("XUNCHA_DB_CONN_MAX_AGE", 0, minimum=0)
        )
    }

# Nothing that reads or writes sessions, accounts or messages: the public site has none.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    *(["whitenoise.middleware.WhiteNoiseMiddleware"] if PRODUCTION else []),  # noqa: F405
    "xuncha.web.middleware.ChineseFirstLocaleMiddleware",  # Chinese; English only if chosen
    "django.middleware.common.CommonMiddleware",
    "xuncha.web.middleware.RequestSizeLimitMiddleware",
    "xuncha.web.middleware.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "xuncha.web.middleware.ContentSecurityPolicyMiddleware",
    "xuncha.web.middleware.NoStoreMiddleware",
]
CSRF_USE_SESSIONS = False
# nor the staff site's session cache (settings.XUNCHA_SESSION_CACHE): this host never opens it
CACHES = {"default": CACHES["default"]}  # noqa: F405
SESSION_ENGINE = "django.contrib.sessions.backends.db"
TEMPLATES = [
    {
        **TEMPLATES[0],
        # the public site's own versions of the pages the shared middleware and error handlers
        # render (bad input, too large, 403/404/500, expired form): none links to a staff page
        "DIRS": [BASE_DIR / "public" / "site_templates"],  # noqa: F405
        "OPTIONS": {
            **TEMPLATES[0]["OPTIONS"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

# Smaller bounds than the staff site: a report carries a few photos, nothing more.
XUNCHA_UPLOAD_MAX_MB = env_int("XUNCHA_PUBLIC_UPLOAD_MAX_MB", 8, minimum=1)
XUNCHA_REQUEST_MAX_MB = env_int("XUNCHA_PUBLIC_REQUEST_MAX_MB", 30, minimum=XUNCHA_UPLOAD_MAX_MB)
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# no login on this site, so no login protection either (the staff site keeps django-axes)
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "axes.W002"]  # noqa: F405
