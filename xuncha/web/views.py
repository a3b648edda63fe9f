from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator

from xuncha.accounts.queries import own_grants
from xuncha.orgs.queries import organisations_for_user
from xuncha.people.queries import people_for_user


def home(request):
    return render(
        request,
        "web/home.html",
        {
            "grants": own_grants(request.user),
            "org_count": organisations_for_user(request.user).count(),
            "people_count": people_for_user(request.user).count(),
        },
    )


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/password_change.html"
    success_url = "/"

    def form_valid(self, form):
        from xuncha.audit.domain import record_event

        response = super().form_valid(form)
        user = self.request.user
        record_event(
            "accounts.user.password_changed",
            actor=user,
            obj=user,
            org_path=user.organisation.path if user.organisation_id else "",
        )
        return response


def healthz(request):
    """For the load balancer and monitoring: "ok" when the application answers and its database
    does, 503 when the database cannot be reached (one trivial query)."""
    from django.http import HttpResponse

    from xuncha.web.outage import database_reachable

    if not database_reachable():
        return HttpResponse("database unreachable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


healthz = login_not_required(healthz)


def hello(request):
    """The bare view of `xuncha bench http` (mounted only when XUNCHA_BENCH_HELLO is on)."""
    from django.http import HttpResponse

    return HttpResponse("hello", content_type="text/plain")
