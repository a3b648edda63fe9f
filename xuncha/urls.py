from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from xuncha.accounts.twofactor import views as two_factor_views
from xuncha.api import api
from xuncha.restapi import v1 as api_v1
from xuncha.web import views
from xuncha.workbench import views as workbench_views

# a database outage is answered with a 503 page that touches no database (web/outage.py)
handler500 = "xuncha.web.outage.server_error"
# branded pages that read nothing from the database either (web/errors.py)
handler404 = "xuncha.web.errors.page_not_found"
handler403 = "xuncha.web.errors.permission_denied"

urlpatterns = [
    path("", workbench_views.home, name="home"),
    path("todo/", include("xuncha.workbench.urls")),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "me/password/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path("me/two-factor/", include("xuncha.accounts.twofactor.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("orgs/", include("xuncha.orgs.urls")),
    path("people/", include("xuncha.people.urls")),
    path("accounts/users/<int:pk>/two-factor/reset/", two_factor_views.reset, name="two_factor_reset"),
    path("accounts/", include("xuncha.accounts.urls")),
    path("audit/", include("xuncha.audit.urls")),
    path("plans/", include("xuncha.plans.urls")),
    path("inspections/", include("xuncha.inspections.urls")),
    path("staffing/", include("xuncha.staffing.urls")),
    path("findings/", include("xuncha.findings.urls")),
    path("clues/", include("xuncha.clues.urls")),
    path("petitions/", include("xuncha.petitions.urls")),
    path("common/", include("xuncha.common.urls")),
    path("surveys/", include("xuncha.surveys.urls")),
    path("followup/", include("xuncha.followup.urls")),
    path("evaluation/", include("xuncha.evaluation.urls")),
    path("appraisal/", include("xuncha.appraisal.urls")),
    path("talks/", include("xuncha.talks.urls")),
    path("campaigns/", include("xuncha.campaigns.urls")),
    path("cases/", include("xuncha.cases.urls")),
    path("qr/", include("xuncha.public.staff_urls")),
    path("files/", include("xuncha.files.urls")),
    path("rectification/", include("xuncha.rectification.urls")),
    path("reports/", include("xuncha.reports.urls")),
    path("ledger/", include("xuncha.ledger.urls")),
    path("supervision/", include("xuncha.supervision.urls")),
    path("results/", include("xuncha.results.urls")),
    path("meetings/", include("xuncha.meetings.urls")),
    path("api/tokens/", include("xuncha.restapi.urls")),
    path("api/v1/", api_v1.urls()),
    path("api/", api.urls),
]

if settings.XUNCHA_PUBLIC_ON_STAFF_SITE:
    # development: the public pages beside the staff site, so that `make run` shows both
    urlpatterns.append(path("m/", include("xuncha.public.urls")))

if settings.XUNCHA_BENCH:
    # /bench/hello and the floors of the HTTP benchmark, only with the benchmark app (settings.py)
    urlpatterns.append(path("bench/", include("benchmarks.urls")))
