"""The questionnaire steps, declared once (xuncha.workflow.actions): opening a questionnaire on
an inspection's 码上巡 pages and closing a window before its end."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xuncha.surveys.rules import may_manage_window, may_open
from xuncha.workflow.actions import Action, declare, unless


def _openable(questionnaire) -> str | None:
    if questionnaire.is_template:
        return gettext("A template is not opened: build a questionnaire from it.")
    return unless(questionnaire.questions.exists(), gettext("Add questions before opening the questionnaire."))


def _closable(window) -> str | None:
    return unless(window.state() != "closed", gettext("This questionnaire is already closed here."))


def _open(questionnaire, by, data):
    from xuncha.surveys.domain import open_windows

    return open_windows(questionnaire, by=by, **data)


def _close(window, by, data):
    from xuncha.surveys.domain import close_window

    return close_window(window, by=by)


declare(Action(
    "questionnaire.open", _("Open on the 码上巡 pages"), "surveys.Questionnaire", _openable, may_open,
    "surveys.window.opened", perform=_open,
))
declare(Action(
    "questionnaire_window.close", _("Close the questionnaire"), "surveys.Window", _closable, may_manage_window,
    "surveys.window.closed", style="danger", perform=_close,
))
