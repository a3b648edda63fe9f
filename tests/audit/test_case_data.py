"""Events about case records carry ids, dates and codes, never text a user typed: the auditor
reads every event and may not read case content."""

import pytest

from xuncha.audit.domain import CaseTextInAuditLog, record_event
from xuncha.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [
        {"reason": "核实反映人身份以便答复"},
        {"indicator": "国有资产去化率"},
        {"fields": ["text", "反映人王某"]},
        {"dispositions": {"12": "谈话提醒"}},
        {"note": "a reason typed in English, long enough to be free text beyond a code " * 2},
    ],
)
def test_case_event_with_text_is_refused_and_nothing_is_written(data):
    with pytest.raises(CaseTextInAuditLog):
        record_event("petitions.identity.revealed", data=data)
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"category": "reply", "reveal": 7},
        {"to": 3, "kind": "discipline", "on": "2021-02-01"},
        {"dispositions": {"12": "talk_reminder"}, "late": False, "value": "467.54"},
        {"number": "厦巡督〔2025〕3号"},  # a document number is a reference, kept
    ],
)
def test_case_event_with_ids_dates_and_codes_is_kept(data):
    event = record_event("clues.clue.transferred", data=data)
    assert AuditEvent.objects.get(pk=event.pk).data == data


def test_events_outside_case_apps_are_not_checked(tree):
    record_event("orgs.organisation.archived", obj=tree.street, data={"reason": "机构改革撤并"})
    assert AuditEvent.objects.get(action="orgs.organisation.archived").data == {"reason": "机构改革撤并"}
