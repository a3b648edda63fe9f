"""The ledger import job's declared steps × states × roles: offering and taking agree (an import
offered is accepted by the domain, one not offered is refused by it; a job is cancelled only by
its starter and only while it runs or waits)."""

import io

import pytest
from django.utils import timezone

from tests.action_matrix import disagreements
from tests.factories import user_with_role
from tests.ledger.conftest import upload
from xuncha.accounts.enums import Role
from xuncha.ledger.enums import JobKind, JobStatus
from xuncha.ledger.export import export_inspection_ledger
from xuncha.ledger.models import LedgerJob
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db


def _users(case, tree):
    return [
        case.office,
        case.liaison,
        case.other_liaison,
        case.unit,
        user_with_role(Role.OFFICE, tree.other_district),
        user_with_role(Role.SYSTEM_ADMIN, tree.city),
        user_with_role(Role.SECURITY_ADMIN, tree.city),
        user_with_role(Role.AUDITOR, tree.city),
        user_with_role(Role.LEADERSHIP, tree.city),
    ]


def test_offering_and_taking_agree_for_the_ledger_import(case, tree):
    from xuncha.audit.lifecycle import archive
    from xuncha.inspections.models import Inspection

    out = io.BytesIO()
    export_inspection_ledger(case.inspection, user=case.office, out=out)
    content = out.getvalue()
    archived = Inspection.objects.get(pk=case.inspection.pk)
    users = _users(case, tree)
    found, offered_count = disagreements(
        ["inspection.import_ledger"], [case.inspection], users, lambda n, o: {"ledger": upload(content)}
    )
    assert found == [] and offered_count == 3  # the office and the two liaisons with a plan in it
    archive(archived, by=None, reason="归档")
    found, offered_count = disagreements(
        ["inspection.import_ledger"], [archived], users, lambda n, o: {"ledger": upload(content)}
    )
    assert found == [] and offered_count == 0


def test_offering_and_taking_agree_for_cancelling_a_job(case, tree):
    now = timezone.now()

    def job(status, **extra):
        return LedgerJob.objects.create(
            kind=JobKind.IMPORT, user=case.office, inspection=case.inspection, language="zh-hans", status=status,
            **extra,
        )

    jobs = [
        job(JobStatus.QUEUED),
        job(JobStatus.RUNNING),
        job(JobStatus.RUNNING, cancel_requested_at=now),
        job(JobStatus.DONE, finished_at=now),
        job(JobStatus.FAILED, finished_at=now),
        job(JobStatus.CANCELLED, finished_at=now, cancel_requested_at=now),
    ]
    found, offered_count = disagreements(["ledgerjob.cancel"], jobs, _users(case, tree), lambda n, o: {})
    assert found == []
    assert offered_count == 2  # its starter, on the queued and the running job
    assert {n for n, a in actions.REGISTRY.items() if a.model == "ledger.LedgerJob"} == {"ledgerjob.cancel"}
