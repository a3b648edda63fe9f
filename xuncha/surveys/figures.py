"""The figures of questionnaires, counted from the response and answer rows each time they are
read (nothing is kept in between, so they move as responses come in).

* per question: how many responses answered it; for a choice question the count and share of
  each option (share of the responses that answered the question: a multiple choice's shares
  add up to more than 100 %); for a scale the average and the count of each value;
* per organisation (one window per inspected organisation): responses, and the average of each
  scale question;
* `rating` (and `reverse_rating`): the 反向测评 or the 民主测评 of one inspected organisation,
  read by the rectification evaluation.

Few respondents are recognisable: in a 民主测评 of eight cadres, whoever watches the figures move
sees each person's ratings. A window with fewer than XUNCHA_SURVEY_MIN_RESPONSES responses shows
its count only: no options, averages, charts or free texts, alone or as an organisation's
column; across windows, the breakdown counts only the windows that reach the minimum (else the
sum minus the others would give the small one away). Free texts are listed in an order keyed on
a secret, not in the order they came in.

A scale value v on a scale 1..N scores (v - 1) / (N - 1) × 100 on 0–100, so that scales of
different lengths can be put side by side.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count
from django.utils.crypto import salted_hmac

from xuncha.surveys.enums import QuestionKind, QuestionnaireKind
from xuncha.surveys.models import Answer, Question, Response, Window


def _rounded(value: float | None, places: str = "0.01") -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def share(part: int, whole: int) -> Decimal | None:
    """part ÷ whole as a percentage with one decimal (None when nobody answered)."""
    return None if not whole else _rounded(part * 100 / whole, "0.1")


def score(value: int, scale_max: int) -> float:
    """A scale value on 0–100."""
    return (value - 1) * 100 / (scale_max - 1)


@dataclass
class OptionFigure:
    label: str
    count: int
    share: Decimal | None


@dataclass
class QuestionFigure:
    question: Question
    answered: int = 0
    options: list[OptionFigure] = field(default_factory=list)
    average: Decimal | None = None  # scale: the mean value on 1..N
    average_score: Decimal | None = None  # scale: the mean on 0–100
    texts: int = 0  # free text: how many were written (the texts themselves: `texts()`)

    @property
    def number(self) -> int:
        return self.question.order


def minimum() -> int:
    """The responses a window needs before more than its count is shown."""
    return settings.XUNCHA_SURVEY_MIN_RESPONSES


def shown(responses: int) -> bool:
    return responses >= minimum()


@dataclass
class OrganisationFigure:
    window: Window
    responses: int
    averages: dict[int, Decimal | None]  # scale question id -> average on 1..N (empty when withheld)
    withheld: bool = False  # fewer responses than the minimum: the count only

    @property
    def name(self) -> str:
        return self.window.page.organisation_name


@dataclass
class Figures:
    responses: int
    questions: list[QuestionFigure]  # empty when withheld
    organisations: list[OrganisationFigure]
    withheld: bool = False  # no window reaches the minimum: the count only
    left_out: int = 0  # responses of windows below the minimum, not in the breakdown
    minimum: int = 0

    @property
    def scale_questions(self) -> list[Question]:
        return [f.question for f in self.questions if f.question.kind == QuestionKind.SCALE]

    def chart_data(self) -> dict:
        """What the page's charts draw (surveys/static/surveys/figures.js), as plain JSON."""
        return {
            "questions": [
                {
                    "id": f.question.pk,
                    "kind": f.question.kind,
                    "labels": [o.label for o in f.options],
                    "counts": [o.count for o in f.options],
                }
                for f in self.questions
                if f.options
            ],
            "organisations": {
                "names": [o.name for o in self.organisations],
                "responses": [o.responses for o in self.organisations],
            },
        }


def figures(questionnaire, windows) -> Figures:
    """The figures of `questionnaire` over `windows` (one, or all of its windows the reader sees).
    The breakdown counts only the windows with at least `minimum()` responses."""
    windows = list(windows)
    per_window = dict(
        Response.objects.filter(window__in=[w.pk for w in windows])
        .values("window")
        .annotate(n=Count("id"))
        .values_list("window", "n")
    )
    responses = sum(per_window.values())
    ids = [w.pk for w in windows if shown(per_window.get(w.pk, 0))]
    if not ids:
        return Figures(
            responses=responses,
            questions=[],
            organisations=[OrganisationFigure(w, per_window.get(w.pk, 0), {}, withheld=True) for w in windows],
            withheld=True,
            left_out=responses,
            minimum=minimum(),
        )
    questions = list(questionnaire.questions.prefetch_related("options").order_by("order", "id"))
    answers = Answer.objects.filter(response__window__in=ids)
    answered = defaultdict(int)
    for question_id, n in answers.values("question").annotate(n=Count("response", distinct=True)).values_list(
        "question", "n"
    ):
        answered[question_id] = n
    options = defaultdict(int)
    for option_id, n in (
        answers.filter(option__isnull=False).values("option").annotate(n=Count("id")).values_list("option", "n")
    ):
        options[option_id] = n
    values = defaultdict(int)  # (window, question, value) -> count
    for window_id, question_id, value, n in (
        answers.filter(value__isnull=False)
        .values("response__window", "question", "value")
        .annotate(n=Count("id"))
        .values_list("response__window", "question", "value", "n")
    ):
        values[(window_id, question_id, value)] += n

    result = []
    for question in questions:
        figure = QuestionFigure(question, answered=answered[question.pk])
        if question.kind in QuestionKind.choice_kinds():
            figure.options = [
                OptionFigure(o.text, options[o.pk], share(options[o.pk], figure.answered))
                for o in question.options.all()
            ]
        elif question.kind == QuestionKind.SCALE:
            counts = {v: sum(values[(w, question.pk, v)] for w in ids) for v in question.scale_values}
            figure.options = [OptionFigure(str(v), n, share(n, figure.answered)) for v, n in counts.items()]
            total = sum(counts.values())
            if total:
                mean = sum(v * n for v, n in counts.items()) / total
                figure.average = _rounded(mean)
                figure.average_score = _rounded(score(mean, question.scale_max))
        else:
            figure.texts = figure.answered
        result.append(figure)

    organisations = []
    scale = [q for q in questions if q.kind == QuestionKind.SCALE]
    for window in windows:
        if window.pk not in ids:
            organisations.append(OrganisationFigure(window, per_window.get(window.pk, 0), {}, withheld=True))
            continue
        averages = {}
        for question in scale:
            n = sum(values[(window.pk, question.pk, v)] for v in question.scale_values)
            total = sum(v * values[(window.pk, question.pk, v)] for v in question.scale_values)
            averages[question.pk] = _rounded(total / n) if n else None
        organisations.append(OrganisationFigure(window, per_window.get(window.pk, 0), averages))
    left_out = sum(n for w, n in per_window.items() if w not in ids)
    return Figures(
        responses=responses, questions=result, organisations=organisations, left_out=left_out, minimum=minimum()
    )


def _shuffled(answer_id: int) -> str:
    """A stable order that does not follow submission: a keyed hash of the answer's id."""
    return salted_hmac("xuncha.surveys.text-order", str(answer_id)).hexdigest()


def texts(window) -> dict[int, list[str]] | None:
    """The free-text answers of a window by question id, for the office only
    (`rules.may_read_texts`): callers check, and log the reading. In an order keyed on a secret
    (not the order they came in); None while the window has fewer responses than `minimum()`."""
    if not shown(Response.objects.filter(window=window).count()):
        return None
    rows = (
        Answer.objects.filter(response__window=window, question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .values_list("id", "question_id", "text")
    )
    grouped = defaultdict(list)
    for _id, question_id, text in sorted(rows, key=lambda row: _shuffled(row[0])):
        grouped[question_id].append(text)
    return dict(grouped)


def reverse_rating(inspection, organisation) -> dict | None:
    """The 反向测评 of `organisation` after the rectification of `inspection` (`rating`)."""
    return rating(organisation, QuestionnaireKind.REVERSE, inspection=inspection)


def rating(organisation, kind: str, *, inspection=None, term=None) -> dict | None:
    """The rating of `organisation` by the questionnaires of `kind` (反向测评, 民主测评) opened on
    its 码上巡 pages of `inspection` (or of every inspection of `term`): what the rectification
    evaluation (整改效果评价) reads.

    None when no questionnaire of that kind was opened on such a page. With fewer responses
    than `minimum()`: ``{"count": responses, "average": None, "questions": [], "withheld": True,
    "windows": [window ids]}``. Otherwise::

        {"count": responses, "withheld": False, "windows": [window ids],
         "average": mean score on 0–100 (None without any scale answer),
         "questions": [{"id", "text", "count", "average" (on 1..N), "score" (on 0–100)}, ...]}

    A response's score is the mean of its scale answers on 0–100; `average` is the mean of the
    responses' scores (each respondent weighs the same, whatever they skipped). Only scale
    questions are scored; choice and text questions are left out. Several windows (a rating
    reopened as a new version) are counted together."""
    where = {"page__inspection": inspection} if inspection is not None else {"page__inspection__term": term}
    windows = list(
        Window.objects.filter(questionnaire__kind=kind, page__organisation=organisation, **where)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not windows:
        return None
    count = Response.objects.filter(window__in=windows).count()
    if not shown(count):  # too few to be anonymous: the count only
        return {"count": count, "average": None, "questions": [], "withheld": True, "windows": windows}
    rows = Answer.objects.filter(
        response__window__in=windows, question__kind=QuestionKind.SCALE, value__isnull=False
    ).values_list("response_id", "question_id", "question__text", "question__order", "question__scale_max", "value")
    by_response = defaultdict(list)
    by_question = {}
    for response_id, question_id, text, order, scale_max, value in rows:
        points = score(value, scale_max)
        by_response[response_id].append(points)
        entry = by_question.setdefault(question_id, {"id": question_id, "text": text, "order": order, "values": []})
        entry["values"].append((value, points))
    scores = [sum(p) / len(p) for p in by_response.values()]
    questions = []
    for entry in sorted(by_question.values(), key=lambda e: (e["order"], e["id"])):
        pairs = entry.pop("values")
        entry.pop("order")
        questions.append({
            **entry,
            "count": len(pairs),
            "average": _rounded(sum(v for v, _ in pairs) / len(pairs)),
            "score": _rounded(sum(p for _, p in pairs) / len(pairs)),
        })
    return {
        "count": count,
        "average": _rounded(sum(scores) / len(scores)) if scores else None,
        "questions": questions,
        "withheld": False,
        "windows": windows,
    }
