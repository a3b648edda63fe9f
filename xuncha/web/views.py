from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from xuncha.accounts.lockout import wrong_password_message

        return super().get_context_data(**kwargs, wrong_password_message=wrong_password_message())


class PasswordChangeView(auth_views.PasswordChangeView):
    """The holder's own password change, also the only page open while a password someone else
    chose must be replaced (xuncha.accounts.middleware)."""

    template_name = "web/password_change.html"
    success_url = "/"

    def form_valid(self, form):
        from django.contrib.auth import update_session_auth_hash
        from django.core.exceptions import ValidationError
        from django.http import HttpResponseRedirect

        from xuncha.accounts.domain import change_own_password

        try:
            change_own_password(self.request.user, new_password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            form.add_error("new_password1", error)
            return self.form_invalid(form)
        update_session_auth_hash(self.request, self.request.user)
        return HttpResponseRedirect(self.get_success_url())


def healthz(request):
    """For the load balancer and monitoring: "ok" when the application answers and its database
    does, 503 when the database cannot be reached (one trivial query)."""
    from django.http import HttpResponse

    from xuncha.web.outage import database_reachable

    if not database_reachable():
        return HttpResponse("database unreachable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


healthz = login_not_required(healthz)
