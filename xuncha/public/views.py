"""The public pages (码上巡): no login, no session, mobile first. Every view is rate limited per
client address; every submission and every refusal is counted (abuse.py)."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from xuncha.public import abuse
from xuncha.public.enums import RefusalReason, TallyKind
from xuncha.public.forms import AddendumForm, ReportForm, TrackForm
from xuncha.public.intake import add_information, format_passphrase, lookup, submit_report
from xuncha.public.models import PublicPage

TRACK_ATTEMPTS_PER_10_MINUTES = 10
ADDENDA_PER_DAY = 5  # pieces of added information one report takes a day


def public(view):
    """Open to anyone (also when the staff site serves these pages in development), and limited
    per client address: over the limit the answer is a short 429 page that reads no table."""

    @login_not_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not abuse.address_allowed(request):
            abuse.refuse(RefusalReason.RATE_LIMIT)
            return _too_many(request)
        return view(request, *args, **kwargs)

    return wrapped


def _too_many(request):
    response = render(request, "public/too_many.html", status=429)
    response["Retry-After"] = "60"
    return response


@public
def landing(request):
    return render(request, "public/landing.html")


def _page_or_404(token: str) -> PublicPage:
    page = PublicPage.objects.filter(token=token).first()
    if page is None or page.withdrawn_at is not None:
        raise Http404
    return page


@public
def page(request, token):
    page = _page_or_404(token)
    return render(
        request,
        "public/page.html",
        {
            "page": page, "open": page.accepts_reports(), "today": timezone.localdate(),
            "paragraphs": page.announcement.split("\n\n"),
        },
    )


def _report_form_page(request, page, form, status=200):
    return render(
        request,
        "public/report.html",
        # a new challenge for every form shown: one that was used (or failed) is not shown again
        {
            "page": page, "form": form, "challenge": abuse.new_challenge(),
            "captcha_on": settings.XUNCHA_PUBLIC_CAPTCHA,
        },
        status=status,
    )


@public
@require_http_methods(["GET", "POST"])
def report(request, token):
    page = _page_or_404(token)
    if not page.accepts_reports():
        return render(request, "public/closed.html", {"page": page}, status=410 if request.method == "POST" else 200)
    if request.method == "GET":
        return _report_form_page(request, page, ReportForm())
    if abuse.honeypot_filled(request.POST):
        abuse.refuse(RefusalReason.HONEYPOT, page_id=page.pk)
        return render(request, "public/received_nothing.html", {"page": page}, status=400)
    # the CAPTCHA before anything costs: no file is read and no allowance used without it
    if not abuse.captcha_passed(request.POST.get("challenge", ""), request.POST.get("captcha", "")):
        abuse.refuse(RefusalReason.CAPTCHA, page_id=page.pk)
        form = ReportForm(request.POST)
        form.is_valid()
        form.add_error(None, _captcha_message())
        return _report_form_page(request, page, form, status=400)
    if (reason := abuse.report_allowed(request, page.pk)) is not None:
        abuse.refuse(reason, page_id=page.pk)
        return _too_many(request)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        abuse.refuse(_why(form), page_id=page.pk)
        return _report_form_page(request, page, form, status=400)
    receipt, passphrase = submit_report(
        page,
        content=form.cleaned_data["content"],
        identity=form.identity(),
        real_name=form.real_name(),
        files=form.cleaned_data["files"],
    )
    return render(
        request,
        "public/receipt.html",
        {"page": page, "receipt": receipt, "passphrase": format_passphrase(passphrase)},
        status=201,
    )


def _captcha_message() -> str:
    from django.utils.translation import gettext

    return gettext("The verification code is wrong or has expired. Type the new one.")


def _why(form) -> str:
    if form.has_error("files", "bad_file"):
        return RefusalReason.BAD_FILE
    return RefusalReason.INVALID


@public
@require_http_methods(["GET", "POST"])
def track(request):
    """Look a report up with its tracking code and passphrase; add information to it."""
    if request.method == "GET":
        return render(request, "public/track.html", {"form": TrackForm(initial={"code": request.GET.get("code", "")})})
    if not abuse.hit(f"t:{abuse.address_key(request)}", TRACK_ATTEMPTS_PER_10_MINUTES, 600):
        abuse.refuse(RefusalReason.RATE_LIMIT)
        return _too_many(request)
    form = TrackForm(request.POST)
    receipt = lookup(form.cleaned_data["code"], form.cleaned_data["passphrase"]) if form.is_valid() else None
    if receipt is None:
        abuse.refuse(RefusalReason.WRONG_PASSPHRASE)
        if form.is_valid():
            form.add_error(None, _not_found_message())
        return render(request, "public/track.html", {"form": form}, status=400)
    added = None
    addendum = AddendumForm(request.POST if "content" in request.POST else None, request.FILES or None)
    if addendum.is_bound:
        if not abuse.captcha_passed(request.POST.get("challenge", ""), request.POST.get("captcha", "")):
            abuse.refuse(RefusalReason.CAPTCHA, page_id=receipt.page_id)
            addendum = AddendumForm(request.POST)
            addendum.is_valid()
            addendum.add_error(None, _captcha_message())
        elif not abuse.hit(f"add:{receipt.pk}", ADDENDA_PER_DAY, 86400):
            abuse.refuse(RefusalReason.RATE_LIMIT, page_id=receipt.page_id)
            addendum = AddendumForm(request.POST)
            addendum.is_valid()
            addendum.add_error(None, _too_many_addenda_message())
        elif addendum.is_valid():
            with transaction.atomic():
                add_information(receipt, content=addendum.cleaned_data["content"], files=addendum.cleaned_data["files"])
            added, addendum = timezone.now(), AddendumForm()
        else:
            abuse.refuse(_why(addendum), page_id=receipt.page_id)
    else:
        with transaction.atomic():
            abuse.count(TallyKind.LOOKUP, page_id=receipt.page_id)
    page = PublicPage.objects.filter(pk=receipt.page_id).first()
    return render(
        request,
        "public/tracked.html",
        {
            "receipt": receipt, "page": page, "form": form, "addendum": addendum, "added": added,
            "challenge": abuse.new_challenge(), "captcha_on": settings.XUNCHA_PUBLIC_CAPTCHA,
        },
    )


def _too_many_addenda_message() -> str:
    from django.utils.translation import gettext

    return gettext("This report has received as much added information as it can take today. Try again tomorrow.")


def _not_found_message():
    from django.utils.translation import gettext

    return gettext("No report matches this tracking code and passphrase. Check both and try again.")


@public
def captcha_image(request, challenge):
    image = abuse.challenge_image(challenge)
    if image is None:
        raise Http404
    response = HttpResponse(image, content_type="image/png")
    response["Cache-Control"] = "no-store"
    return response
