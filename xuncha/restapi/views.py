"""API tokens: each user makes and revokes their own (the secret is shown once); the security
administrator lists every token in scope and may revoke any."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xuncha.accounts.models import ApiToken
from xuncha.accounts.permissions import get_for_user_or_404, restrict
from xuncha.accounts.tokens import create_token, revoke_token
from xuncha.restapi.forms import TokenForm


@require_http_methods(["GET", "POST"])
def tokens(request):
    if not request.user.is_authenticated:
        raise Http404
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["expires_on"]
        expires = timezone.make_aware(datetime.combine(day, time.max)) if day else None
        try:
            _token, secret = create_token(
                request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"], expires_at=expires
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenForm()
    listed = restrict(ApiToken.objects.select_related("user"), request.user).order_by("-created_at")
    response = render(request, "restapi/tokens.html", {"form": form, "secret": secret, "tokens": listed})
    response["Cache-Control"] = "no-store"  # the page may show a secret
    return response


@require_POST
def revoke(request, pk: int):
    token = get_for_user_or_404(ApiToken.objects.select_related("user__organisation"), request.user, pk=pk)
    revoke_token(token, by=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("restapi:tokens")
