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


def healthz(request):
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


healthz = login_not_required(healthz)
