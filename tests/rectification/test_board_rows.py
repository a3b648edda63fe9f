"""The board's rows are prepared in the view (issue 19) and read as the template wrote them with
its filters, in both languages."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.utils import translation

from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.findings.models import Aspect, Problem
from xuncha.rectification import domain

pytestmark = pytest.mark.django_db
FORMER_ROWS = (Path(__file__).parent / "former_board_rows.html").read_text(encoding="utf-8")
LONG = "学习贯彻习近平新时代中国特色社会主义思想不够深入，理论学习中心组学习流于形式 & <应付>，" * 2


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_board_rows_read_as_the_template_wrote_them(tree, client, language):
    inspection = dated_inspection(tree, feedback_on=date(2021, 6, 25))
    problems = feedback_with_problems(inspection, 4, organisation=tree.district, aspects=2)
    Problem.objects.filter(pk=problems[0].pk).update(title=LONG)
    Aspect.objects.filter(pk=problems[0].aspect_id).update(title=LONG)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    domain.add_measure(  # past its deadline: problem 1 is overdue, the others are not
        plan, by=None, problems=[problems[0]], units=[tree.street], **complete_measure_fields(tree.street)
    )
    domain.add_measure(
        plan,
        by=None,
        problems=[problems[1]],
        units=[tree.street],
        **complete_measure_fields(tree.street, deadline=date(2099, 1, 1)),
    )
    client.force_login(user_with_role(Role.OFFICE, tree.city))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/rectification/inspection/{inspection.pk}/board/")
    assert response.headers["Content-Language"] == language
    sections = response.context["sections"]
    rows = [row for _, shown in sections for row in shown]
    assert len(sections) == 2 and len(rows) == 4
    assert [row["overdue"] for row in rows].count(True) == 1
    with translation.override(language):
        former = engines["django"].from_string(FORMER_ROWS).render({"sections": sections})
    html = response.content.decode()
    start = html.index('<div class="card mb-3"><div class="card-header">')
    shown = html[start:]
    assert shown[: len(former.strip())] == former.strip()
