"""Questionnaires and their windows through the API (see `xuncha.restapi.exposure`): the detail
with the steps the caller is offered; opening a questionnaire on an inspection's 码上巡 pages
(`POST /questionnaires/{id}/open` with the inspection, the pages and the dates) and closing a
window. Figures only as counts: free-text answers are read on the office's page, never here."""

from datetime import date, datetime

from django.http import Http404
from ninja import Schema

from xuncha.accounts.permissions import restrict
from xuncha.inspections.queries import inspections_for_user
from xuncha.public.models import PublicPage
from xuncha.restapi.exposure import Exposed, expose, fields_of, offered_names
from xuncha.surveys.models import Questionnaire, Response
from xuncha.surveys.queries import windows_for_user

QUESTIONNAIRE, WINDOW = "surveys.Questionnaire", "surveys.Window"


class QuestionnaireOut(Schema):
    id: int
    title: str
    kind: str
    is_template: bool
    version: int
    owner_id: int | None
    questions: int
    actions: list[str]


class OpenIn(Schema):
    """Opening a questionnaire: on which inspection's pages (all of them when `pages` is empty)
    and from when to when."""

    inspection: int | None = None
    pages: list[int] | None = None
    opens_on: date | None = None
    closes_on: date | None = None


class WindowOut(Schema):
    id: int
    questionnaire_id: int
    page_id: int
    opens_on: date
    closes_on: date
    closed_at: datetime | None
    responses: int
    actions: list[str]


def _questionnaires(user):
    return restrict(Questionnaire.objects.all(), user)


def _questionnaire_out(request, questionnaire):
    return {
        **fields_of(questionnaire, QuestionnaireOut, skip={"questions"}),
        "questions": questionnaire.questions.count(),
        "actions": offered_names(request, questionnaire, QUESTIONNAIRE),
    }


def _open_data(action, request, data):
    """The inspection and its pages resolved in the caller's scope (404 outside it)."""
    inspection = inspections_for_user(request.user).filter(pk=data.get("inspection")).first()
    if inspection is None:
        raise Http404
    pages = PublicPage.objects.filter(inspection=inspection, withdrawn_at__isnull=True)
    if data.get("pages"):
        pages = pages.filter(pk__in=data["pages"])
        if pages.count() != len(set(data["pages"])):
            raise Http404
    return {"inspection": inspection, "pages": list(pages), "opens_on": data.get("opens_on"),
            "closes_on": data.get("closes_on")}


def _window_out(request, window):
    return {
        **fields_of(window, WindowOut, skip={"responses"}),
        "responses": Response.objects.filter(window=window).count(),
        "actions": offered_names(request, window, WINDOW),
    }


expose(Exposed(QUESTIONNAIRE, "questionnaires", _questionnaires, QuestionnaireOut, _questionnaire_out,
               step_in=OpenIn, step_data=_open_data))
expose(Exposed(WINDOW, "questionnaire-windows", windows_for_user, WindowOut, _window_out))
