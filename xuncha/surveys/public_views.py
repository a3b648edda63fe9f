"""The questionnaires on a 码上巡 page, for the public: no login, no session, mobile first.

A meeting room of forty cadres answering a 民主测评 together shares one address: these pages
are counted per address in their own bucket (`questionnaire_page`), not the report pages' one,
and responses in buckets of their own (XUNCHA_PUBLIC_RESPONSES_PER_10_MINUTES per address,
XUNCHA_PUBLIC_WINDOW_RESPONSES_PER_MINUTE per window), never the reports' per-page bucket.

These views read the page (PublicPage) and the published questionnaire tables only, and insert
responses through `responding.submit_response`; they never read a response back (the public
site's database role may not). The signed device cookie is issued on the questionnaire's page
(`xuncha.surveys.devices`); a response without one this site issued is refused."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.public import abuse
from xuncha.public.enums import RefusalReason
from xuncha.public.models import PublicPage
from xuncha.surveys.answering import field_name
from xuncha.surveys.devices import issued_device_id, new_device_id, set_device_cookie
from xuncha.surveys.enums import QuestionKind
from xuncha.surveys.models import Window
from xuncha.surveys.responding import CHANGED, published_questions, published_window, submit_response

# the questionnaire pages one address may load per 10 minutes: a few per response
PAGES_PER_RESPONSE = 5


def _too_many(request, seconds: int):
    response = render(request, "public/too_many.html", status=429)
    response["Retry-After"] = str(seconds)
    return response


def questionnaire_page(view):
    """Open to anyone, limited per client address in the questionnaires' own bucket (a
    meeting room on one address loads these pages together, see the module's doc)."""

    @login_not_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        limit = settings.XUNCHA_PUBLIC_RESPONSES_PER_10_MINUTES * PAGES_PER_RESPONSE
        if not abuse.hit(f"sv:{abuse.address_key(request)}", limit, 600):
            abuse.refuse(RefusalReason.RATE_LIMIT)
            return _too_many(request, 600)
        return view(request, *args, **kwargs)

    return wrapped


def responses_allowed(request, window) -> bool:
    """Responses from one address per 10 minutes, and to one window per minute."""
    if not abuse.hit(f"sr:{abuse.address_key(request)}", settings.XUNCHA_PUBLIC_RESPONSES_PER_10_MINUTES, 600):
        return False
    return abuse.hit(f"sw:{window.pk}", settings.XUNCHA_PUBLIC_WINDOW_RESPONSES_PER_MINUTE, 60)


@questionnaire_page
def questionnaires(request, token):
    page = PublicPage.objects.filter(token=token, withdrawn_at__isnull=True).first()
    if page is None:
        raise Http404
    windows = list(
        Window.objects.filter(page=page).select_related("questionnaire").order_by("-opens_on", "-id")
    )
    for window in windows:
        window.page = page
    return render(request, "surveys/public/list.html", {"page": page, "windows": windows})


def _form_rows(questions, data, errors) -> list[dict]:
    """What the form shows for each question, with what was sent (after a refusal) kept."""
    rows = []
    for question in questions:
        name = field_name(question)
        sent = set(data.getlist(name)) if data is not None else set()
        row = {
            "question": question,
            "name": name,
            "error": errors.get(question.pk, ""),
            "text": data.get(name, "") if data is not None else "",
        }
        if question.kind in QuestionKind.choice_kinds():
            row["choices"] = [(o.pk, o.text, str(o.pk) in sent) for o in question.options.all()]
        elif question.kind == QuestionKind.SCALE:
            row["choices"] = [(v, str(v), str(v) in sent) for v in question.scale_values]
        if question.show_if_id is not None:
            row["trigger"] = question.show_if
            row["trigger_question"] = next(
                (q for q in questions if q.pk == question.show_if.question_id), None
            )
        rows.append(row)
    return rows


@questionnaire_page
@require_http_methods(["GET", "POST"])
def answer(request, token, window_id):
    try:
        window = published_window(token, window_id)
    except Window.DoesNotExist:
        raise Http404 from None
    questionnaire = window.questionnaire
    questions = published_questions(questionnaire)
    device_id = issued_device_id(request)
    fresh_device = None if device_id else new_device_id()
    context = {"page": window.page, "window": window, "questionnaire": questionnaire, "state": window.state()}
    status, data, errors, message = 200, None, {}, ""
    if request.method == "POST":
        if not responses_allowed(request, window):
            abuse.refuse(RefusalReason.RATE_LIMIT, page_id=window.page_id)
            return _too_many(request, 60)
        outcome = submit_response(window, questions, device_id=device_id, data=request.POST)
        if outcome.accepted:
            return render(request, "surveys/public/thanks.html", context)
        context["state"] = window.state()
        if outcome.result == RefusalReason.DUPLICATE:
            context["refused"] = _("This questionnaire has already been answered from this device. Thank you.")
            status = 409
        elif outcome.result == RefusalReason.INVALID:
            data, errors = request.POST, outcome.filled.errors
            message = (
                _("Some answers are missing or not valid: see the marked questions.")
                if errors
                else _(
                    "This page's cookie is missing or was not issued by this site (cookies blocked, or the page "
                    "is too old). Allow cookies, reload the page, then answer again."
                )
            )
            status = 400
        elif outcome.result == CHANGED:
            data, questions = request.POST, published_questions(questionnaire)  # as they are now
            message = _("The questionnaire changed while you were answering. Reload the page, then answer again.")
            status = 409
        else:
            status = 410
    context.update({"rows": _form_rows(questions, data, errors), "message": message})
    response = render(request, "surveys/public/answer.html", context, status=status)
    if fresh_device:
        set_device_cookie(response, fresh_device, secure=request.is_secure())
    return response
