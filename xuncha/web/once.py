"""Submit once: a write form carries a one-time token, and a second POST with the same token
(a double click, a resubmit after a slow response, the browser's "resend") saves nothing and
is sent to where the first one went, with a message.

How: every POST form carries `{% csrf_token %}`, which the platform's template builtin extends with
a hidden `_once` field (xuncha/web/templatetags/csrf_once.py), one-button workflow steps included.
SubmitOnceMiddleware claims the token by inserting it into UsedFormToken (a unique key, so
of two concurrent POSTs exactly one wins) before the view runs. If the view answers with a
redirect (the platform's "saved" answer, post/redirect/get), the claim is kept with that
address; any other answer (the form with its errors, a refusal) gives the token back, so the
person can correct the form and submit it again. A POST without a token is not affected.
"""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

FIELD = "_once"
KEEP = timedelta(days=2)


def new_token() -> str:
    return uuid.uuid4().hex


class SubmitOnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = self._token(request)
        if token is None:
            return self.get_response(request)
        from xuncha.web.models import UsedFormToken

        try:
            with transaction.atomic():
                claim = UsedFormToken.objects.create(token=token)
        except IntegrityError:
            return self._already_submitted(request, UsedFormToken.objects.filter(token=token).first())
        response = self.get_response(request)
        if _saved(response):
            UsedFormToken.objects.filter(pk=claim.pk).update(result_url=response["Location"][:500])
            if token.startswith("0"):  # now and then (one submission in sixteen), forget old tokens
                UsedFormToken.objects.filter(used_at__lt=timezone.now() - KEEP).delete()
        else:
            UsedFormToken.objects.filter(pk=claim.pk).delete()
        return response

    @staticmethod
    def _token(request) -> str | None:
        if request.method != "POST":
            return None
        raw = request.POST.get(FIELD, "")
        try:
            return uuid.UUID(hex=raw).hex if raw else None
        except ValueError:
            return None

    @staticmethod
    def _already_submitted(request, used):
        messages.info(request, _("This form was already submitted; it was saved once."))
        target = used.result_url if used is not None and used.result_url else request.get_full_path()
        return HttpResponseRedirect(target)


def _saved(response) -> bool:
    """A redirect, except to the login page (a session that expired saved nothing)."""
    from django.conf import settings
    from django.shortcuts import resolve_url

    location = response.get("Location", "")
    return (
        response.status_code in (301, 302, 303)
        and bool(location)
        and not location.startswith(resolve_url(settings.LOGIN_URL))
    )
