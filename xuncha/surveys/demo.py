"""The demo's questionnaire: the shipped 民主测评 built by the city's office for its inspection
of 梧村街道党工委 (xuncha/demo/current.py), open on the inspection's 码上巡 page for a month
around today, with a handful of responses taken as the public site takes them. Idempotent."""

from datetime import timedelta

from django.http import QueryDict
from django.utils import timezone

from xuncha.surveys.devices import new_device_id
from xuncha.surveys.enums import QuestionnaireKind
from xuncha.surveys.models import Questionnaire
from xuncha.surveys.starters import ensure_shipped_templates

TITLE = "梧村街道党工委领导班子民主测评"
INSPECTION = "对梧村街道党工委的提级巡察"

# (identity, four scale values, overall, knows of problems, what, advice)
RESPONSES = [
    ("一般干部职工", (4, 4, 3, 4), "较好", "否", "", "希望加强社区工作者队伍建设。"),
    ("中层干部", (5, 4, 4, 4), "好", "否", "", ""),
    ("服务对象或群众", (3, 3, 2, 3), "一般", "是", "社区办事窗口经常无人，群众办事要跑多次。", "窗口要有人值守。"),
    ("一般干部职工", (4, 3, 3, 3), "较好", "否", "", ""),
    ("服务对象或群众", (4, 4, 4, 5), "好", "否", "", "继续保持。"),
    ("领导班子成员", (5, 5, 4, 4), "好", "否", "", ""),
    ("服务对象或群众", (2, 3, 2, 2), "一般", "是", "老旧小区改造进度慢，施工扰民问题反映后未见回复。", ""),
]


def load_surveys(*, today=None) -> Questionnaire | None:
    from xuncha.inspections.models import Inspection
    from xuncha.public.models import PublicPage
    from xuncha.public.publishing import publish_pages
    from xuncha.surveys import domain
    from xuncha.surveys.responding import published_questions, submit_response

    inspection = Inspection.objects.filter(title=INSPECTION).select_related("term__owner").first()
    if inspection is None:
        return None
    existing = Questionnaire.objects.filter(title=TITLE, owner=inspection.term.owner).first()
    if existing is not None:
        return existing
    ensure_shipped_templates()
    today = today or timezone.localdate()
    pages = list(PublicPage.objects.filter(inspection=inspection)) or publish_pages(inspection, by=None)
    template = Questionnaire.objects.get(kind=QuestionnaireKind.DEMOCRATIC, is_template=True, owner__isnull=True)
    questionnaire = domain.create_questionnaire(
        by=None, owner=inspection.term.owner, title=TITLE, kind=template.kind, intro=template.intro, source=template
    )
    windows = domain.open_windows(
        questionnaire, by=None, inspection=inspection, pages=pages,
        opens_on=today - timedelta(days=7), closes_on=today + timedelta(days=21),
    )
    questions = published_questions(questionnaire)
    number = {q.order: q for q in questions}

    def option(order, text):
        return str(next(o.pk for o in number[order].options.all() if o.text == text))

    for identity, scores, overall, problems, what, advice in RESPONSES:
        data = QueryDict(mutable=True)
        data[f"q{number[1].pk}"] = option(1, identity)
        for order, value in zip((2, 3, 4, 5), scores, strict=True):
            data[f"q{number[order].pk}"] = str(value)
        data[f"q{number[6].pk}"] = option(6, overall)
        data[f"q{number[7].pk}"] = option(7, problems)
        data[f"q{number[8].pk}"] = what
        data[f"q{number[9].pk}"] = advice
        outcome = submit_response(windows[0], questions, device_id=new_device_id(), data=data)
        assert outcome.accepted, outcome
    return questionnaire
