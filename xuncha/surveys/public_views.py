"""The questionnaires on a 码上巡 page, for the public: no login, no session, mobile first;
limited per client address like every public page (`xuncha.public.views.public`), submissions
also per page (shared with the page's reports: a meeting room answering a 民主测评 together
shares one address, so there is no per-address hourly limit here).

These views read the page (PublicPage) and the published questionnaire tables only, and insert
responses through `responding.submit_response`; they never read a response back (the public
site's database role may not). The device cookie is set on the questionnaire's page."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xuncha.public import abuse
from xuncha.public.enums import RefusalReason
from xuncha.public.models import PublicPage
from xuncha.public.views import public
from xuncha.surveys.answering import field_name
from xuncha.surveys.devices import COOKIE, new_device_id, set_device_cookie, valid_device_id
from xuncha.surveys.enums import QuestionKind
from xuncha.surveys.models import Window
from xuncha.surveys.responding import published_questions, published_window, submit_response


@public
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


@public
@require_http_methods(["GET", "POST"])
def answer(request, token, window_id):
    try:
        window = published_window(token, window_id)
    except Window.DoesNotExist:
        raise Http404 from None
    questionnaire = window.questionnaire
    questions = published_questions(questionnaire)
    device_id = request.COOKIES.get(COOKIE)
    fresh_device = None if valid_device_id(device_id) else new_device_id()
    context = {"page": window.page, "window": window, "questionnaire": questionnaire, "state": window.state()}
    status, data, errors, message = 200, None, {}, ""
    if request.method == "POST":
        if not abuse.hit(f"p:{window.page_id}", settings.XUNCHA_PUBLIC_PAGE_RATE, 60):
            abuse.refuse(RefusalReason.RATE_LIMIT, page_id=window.page_id)
            too_many = render(request, "public/too_many.html", status=429)
            too_many["Retry-After"] = "60"
            return too_many
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
                else _("Your browser did not keep this page's cookie. Allow cookies, then submit again.")
            )
            status = 400
        else:
            status = 410
    context.update({"rows": _form_rows(questions, data, errors), "message": message})
    response = render(request, "surveys/public/answer.html", context, status=status)
    if fresh_device:
        set_device_cookie(response, fresh_device, secure=request.is_secure())
    return response
