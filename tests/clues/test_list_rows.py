"""The clue list's rows are prepared in the view (issue 19) and read as the template wrote them
with its filters, in both languages."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.utils import timezone, translation

from tests.factories import dated_inspection, user_with_role
from xuncha.accounts.enums import Role
from xuncha.clues import domain as clues
from xuncha.clues.supervision import is_escalated

pytestmark = pytest.mark.django_db
FORMER_ROWS = (Path(__file__).parent / "former_clue_rows.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_clue_rows_read_as_the_template_wrote_them(tree, client, language):
    inspection = dated_inspection(tree)
    office = user_with_role(Role.OFFICE, tree.city)
    for allegation, received_on in [
        (
            "反映某单位负责人违规收受礼金、在工程项目中为亲属谋利，并长期占用公车办私事，"
            "群众意见很大，请组织调查核实 & <处理>，并将处理结果向群众公开说明。",
            date(2021, 1, 20),
        ),
        ("短的反映", timezone.localdate()),
    ]:
        clues.create_clue(
            inspection,
            by=office,
            allegation=allegation,
            source="talk",
            received_on=received_on,
            persons=[{"name": "甲"}],
        )
    client.force_login(office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/clues/")
    assert response.headers["Content-Language"] == language
    page = response.context["page"]
    today = timezone.localdate()
    escalated = {clue.pk for clue in page if is_escalated(clue, today=today)}
    assert len(page) == 2 and len(escalated) == 1  # a long allegation, an escalated and a recent clue
    assert any(len(clue.shown_allegation) > 60 for clue in page)
    with translation.override(language):
        former = engines["django"].from_string(FORMER_ROWS).render({"page": page, "escalated": escalated})
    assert response.content.decode().split("<tbody>")[1].split("</tbody>")[0] == former
