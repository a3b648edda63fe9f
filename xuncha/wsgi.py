import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xuncha.settings")
application = get_wsgi_application()

from xuncha.web.tuning import tune_gc  # noqa: E402  (after Django has loaded everything it keeps)

tune_gc()
