"""The public pages (码上巡): no login, no session, mobile first."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render


def _public(view):
    """Open to anyone (also when the staff site serves these pages in development)."""
    return login_not_required(view)


@_public
def not_found(request, exception=None):
    return render(request, "public/not_found.html", status=404)


@_public
def landing(request):
    return render(request, "public/landing.html")


@_public
def page(request, token):
    raise Http404


@_public
def report(request, token):
    raise Http404


@_public
def track(request):
    raise Http404


@_public
def captcha_image(request, challenge):
    raise Http404
