"""The demo carries seed 003's 5 plates / 62 items as a template (item wording marked as ours),
the 4-area / 22-indicator scheme, and an evaluation of 梧村街道 scored 巡前/巡后 by two groups."""

import pytest
from django.utils import timezone

from xuncha.demo.loader import load_demo
from xuncha.evaluation.demo import AREAS_TITLE, VILLAGE_TITLE, load_evaluation
from xuncha.evaluation.models import Evaluation, Item, Scheme
from xuncha.evaluation.scoring import score

pytestmark = pytest.mark.django_db


def test_demo_loads_the_schemes_and_an_evaluation_once():
    load_demo(casework=False, current=True)

    village = Scheme.objects.get(title=VILLAGE_TITLE)
    assert village.is_template and village.plates.count() == 5
    items = Item.objects.filter(plate__scheme=village)
    assert items.count() == 62 and not items.filter(text_is_ours=False).exists()
    assert village.max_points == 100
    areas = Scheme.objects.get(title=AREAS_TITLE)
    assert [p.name for p in areas.plates.all()] == ["主体责任", "组织实施", "整改成效", "民主测评"]
    assert Item.objects.filter(plate__scheme=areas).count() == 22 and areas.max_points == 100

    (evaluation,) = Evaluation.objects.all()
    result = score(evaluation, today=timezone.localdate())
    assert evaluation.organisation.name == "梧村街道党工委"
    first = result.plates[0].items[0]
    assert [len(p.groups) for p in first.phases] == [2, 2]
    overdue = next(r for p in result.plates for r in p.items if r.item.metric == "overdue_measures")
    assert overdue.rows and len(overdue.rows) == overdue.value  # the demo's overdue measures, itemised
    load_evaluation()
    assert Evaluation.objects.count() == 1 and Scheme.objects.filter(title=AREAS_TITLE).count() == 1
