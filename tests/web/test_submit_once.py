"""Write forms carry a one-time token (xuncha.web.once): a double submit saves once."""

import re
from datetime import date

import pytest

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.petitions.models import Petition
from xuncha.rectification import domain
from xuncha.rectification.models import ProgressUpdate

pytestmark = pytest.mark.django_db


def _token(page) -> str:
    return re.search(r'name="_once" value="([0-9a-f]{32})"', page.content.decode())[1]


@pytest.fixture
def measure(tree):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    (problem,) = feedback_with_problems(inspection, 1, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    measure = domain.add_measure(
        plan, by=None, problems=[problem], units=[tree.community], **complete_measure_fields(tree.street)
    )
    domain.submit_plan(plan, by=None)
    domain.approve_plan(plan, by=None)
    return measure


def test_a_double_submitted_progress_report_is_saved_once(tree, measure, client):
    client.force_login(user_with_role(Role.RESPONSIBLE_UNIT, tree.community))
    url = f"/rectification/measures/{measure.pk}/"
    posted = {"text": "已完成", "status": "in_progress", "_once": _token(client.get(url))}
    first = client.post(url + "progress/", posted)
    second = client.post(url + "progress/", posted, follow=True)
    assert first.status_code == 302 and second.redirect_chain[0] == (first["Location"], 302)
    assert ProgressUpdate.objects.filter(measure=measure).count() == 1
    assert "只保存了一次" in second.content.decode()
    client.post(url + "progress/", {**posted, "_once": _token(client.get(url))})  # a new form is a new report
    assert ProgressUpdate.objects.filter(measure=measure).count() == 2


def test_a_refused_form_can_be_corrected_and_submitted_with_its_token(tree, measure, client):
    client.force_login(user_with_role(Role.RESPONSIBLE_UNIT, tree.community))
    url = f"/rectification/measures/{measure.pk}/"
    posted = {"text": "已完成", "status": "in_progress", "_once": _token(client.get(url))}
    refused = client.post(url + "progress/", {**posted, "reading": "-5"})
    assert refused.status_code == 200 and refused.context["progress_form"].errors["reading"]
    assert client.post(url + "progress/", {**posted, "reading": "5"}).status_code == 302
    assert list(ProgressUpdate.objects.values_list("reading", flat=True)) == [5]


def test_a_double_submitted_petition_is_recorded_once(tree, client):
    inspection = dated_inspection(tree)
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/petitions/new/?inspection={inspection.pk}"
    posted = {"channel": "letter", "received_on": "2021-01-20", "content": "反映问题", "_once": _token(client.get(url))}
    assert client.post(url, posted).status_code == 302
    assert client.post(url, posted).status_code == 302
    assert Petition.objects.count() == 1


def test_negative_targets_and_readings_are_refused_by_the_database_too(tree, measure):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    measure.target_value = -1
    with pytest.raises(ValidationError, match="不能为负数"):
        measure.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.create(measure=measure, text="读数", status="in_progress", reading=-3)


def _post_forms(page) -> list[str]:
    html = page.content.decode()
    return re.findall(r'<form[^>]*method="post"[^>]*>.*?</form>', html, flags=re.S | re.I)


def test_every_post_form_carries_a_token_one_button_steps_included(tree, measure, client):
    """The token rides on {% csrf_token %} (a template builtin), so no form can forget it."""
    from xuncha.rectification.enums import FlagKind
    from xuncha.rectification.models import Flag

    office = user_with_role(Role.OFFICE, tree.city)
    Flag.objects.create(measure=measure, kind=FlagKind.PERFUNCTORY, reason="进度滞后", raised_by=office)
    client.force_login(office)
    forms = _post_forms(client.get(f"/rectification/measures/{measure.pk}/"))
    one_button = [f for f in forms if "clear_flag" in f]
    assert len(forms) >= 3 and one_button
    assert [f[:120] for f in forms if 'name="_once"' not in f] == []
    assert len({_token_of(f) for f in forms}) == len(forms)  # each form its own token


def _token_of(form: str) -> str:
    return re.search(r'name="_once" value="([0-9a-f]{32})"', form)[1]


def test_a_double_submitted_red_card_is_given_once(tree, measure, client):
    from xuncha.rectification.models import Flag

    client.force_login(user_with_role(Role.OFFICE, tree.city))
    url = f"/rectification/measures/{measure.pk}/"
    (flag_form,) = [f for f in _post_forms(client.get(url)) if "/flag/" in f]
    posted = {"kind": "perfunctory", "reason": "整改不力", "_once": _token_of(flag_form)}
    assert client.post(url + "flag/", posted).status_code == 302
    again = client.post(url + "flag/", posted, follow=True)
    assert Flag.objects.filter(measure=measure).count() == 1 and "只保存了一次" in again.content.decode()
