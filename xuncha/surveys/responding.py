"""Taking a response from the public site. Reads only the published tables (the window, its
questionnaire, questions and options, the page) and inserts the response, its answers and the
count for the office (xuncha.public.abuse: an accepted response is counted in its own
transaction, a refusal in the public site's batches). A second response of a device in a window
is refused by the database's unique constraint on (window, device digest), inside a savepoint:
the public site's role may not read responses, so it never looks for an earlier one.

The questions are frozen once a questionnaire is opened (models.Questionnaire.is_frozen), but a
submission read against questions that went away meanwhile (a race, or a change made outside
the office's pages) must not end in a 500: the foreign keys are checked inside the savepoint
(they are deferred to the commit otherwise) and a violation is refused as `CHANGED`."""

from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction

from xuncha.public import abuse
from xuncha.public.enums import RefusalReason, TallyKind
from xuncha.surveys.answering import Filled, read_answers
from xuncha.surveys.devices import device_digest, valid_device_id
from xuncha.surveys.models import Answer, Question, Response, Window


def published_window(token: str, window_id: int) -> Window:
    """The window of the page with this code (Window.DoesNotExist otherwise, or if withdrawn)."""
    return Window.objects.select_related("questionnaire", "page").get(
        pk=window_id, page__token=token, page__withdrawn_at__isnull=True
    )


def published_questions(questionnaire) -> list[Question]:
    return list(
        Question.objects.filter(questionnaire=questionnaire)
        .select_related("show_if")
        .prefetch_related("options")
        .order_by("order", "id")
    )


CHANGED = "changed"  # the questions changed under the form: refused (counted as invalid)


def _is_repeat(error: IntegrityError) -> bool:
    """The unique constraint on (window, device digest), as PostgreSQL and SQLite name it."""
    text = str(error)
    return "response_once_per_device" in text or "surveys_response.device_digest" in text


@dataclass
class Outcome:
    """"accepted", a refusal reason (RefusalReason: duplicate, closed, invalid) with the errors
    of an incomplete form, or `CHANGED`."""

    result: str
    filled: Filled | None = None

    @property
    def accepted(self) -> bool:
        return self.result == "accepted"


def submit_response(window: Window, questions, *, device_id: str | None, data) -> Outcome:
    """Check the window is open and the form complete, then insert the response and its answers
    in one transaction; count the outcome either way."""
    page_id = window.page_id
    if not window.is_open():
        abuse.refuse(RefusalReason.CLOSED, page_id=page_id)
        return Outcome(RefusalReason.CLOSED)
    filled = read_answers(questions, data)
    if filled.errors or not valid_device_id(device_id):
        abuse.refuse(RefusalReason.INVALID, page_id=page_id)
        return Outcome(RefusalReason.INVALID, filled)
    try:
        with transaction.atomic():
            response = Response.objects.create(window=window, device_digest=device_digest(window.pk, device_id))
            Answer.objects.bulk_create(
                Answer(response=response, question=q, option=o, value=v, text=t) for q, o, v, t in filled.rows
            )
            # now, not at the commit: an answer to a question or option gone meanwhile
            connection.check_constraints(table_names=[Answer._meta.db_table])
            abuse.count(TallyKind.RESPONSE, page_id=page_id)
    except IntegrityError as error:
        if not _is_repeat(error):
            abuse.refuse(RefusalReason.INVALID, page_id=page_id)
            return Outcome(CHANGED, filled)
        abuse.refuse(RefusalReason.DUPLICATE, page_id=page_id)
        return Outcome(RefusalReason.DUPLICATE, filled)
    return Outcome("accepted", filled)
