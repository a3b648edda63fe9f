"""The register of results-use documents: numbering, who sees what, the declared steps, the
pages (list, detail, reply), figures and the printed document."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.action_matrix import disagreements
from tests.results.conftest import TODAY, notice, topical_report
from xuncha.accounts.permissions import Action
from xuncha.results import domain
from xuncha.results.enums import ResultStatus
from xuncha.results.figures import register_figures
from xuncha.results.models import ResultDocument
from xuncha.results.queries import results_for_user
from xuncha.workflow import actions

pytestmark = pytest.mark.django_db


def test_numbers_run_per_kind_and_year_without_gaps_from_discarded_drafts(world):
    first = notice(world)
    discarded = notice(world, issue=False)
    domain.discard_draft(discarded, by=world.office, reason="不再发出")
    second = notice(world)
    report = topical_report(world)
    next_year = notice(world, on=date(2022, 1, 5), due_on=date(2022, 2, 5))
    assert [first.number, second.number] == ["巡抄〔2021〕1号", "巡抄〔2021〕2号"]
    assert report.number == "巡专报〔2021〕1号"
    assert next_year.number == "巡抄〔2022〕1号"
    discarded.refresh_from_db()
    assert discarded.serial is None and discarded.is_archived


def test_the_database_refuses_a_number_given_twice(world):
    first = notice(world)
    other = notice(world, issue=False)
    other.status, other.issued_on = ResultStatus.ISSUED, TODAY
    other.prefix, other.year, other.serial = first.prefix, first.year, first.serial
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()


def test_a_document_needs_a_recipient_and_a_due_date_when_a_reply_is_required(world):
    with pytest.raises(ValidationError):
        notice(world, recipients=[], issue=False)
    draft = notice(world, issue=False, due_on=None)
    assert draft.due_on == TODAY + timedelta(days=domain.DEFAULT_REPLY_DAYS)  # the default


def _seen(user):
    return set(results_for_user(user).values_list("pk", flat=True))


def test_a_recipient_sees_only_what_is_addressed_to_it_and_drafts_stay_with_the_office(world):
    issued = notice(world)
    draft = notice(world, issue=False)
    report = topical_report(world)
    to_secretary = notice(world, recipients=[], leaders=[world.secretary.person])
    assert _seen(world.office) == {issued.pk, draft.pk, report.pk, to_secretary.pk}  # positive control
    assert _seen(world.dept) == {issued.pk}
    assert _seen(world.reviewer) == {issued.pk, report.pk, to_secretary.pk}  # issued only
    assert _seen(world.secretary) == {to_secretary.pk}
    # the inspected organisation never sees the 专题报告 about it, nor the others
    assert _seen(world.liaison) == set() and _seen(world.other) == set() and _seen(world.admin) == set()


def test_an_inspected_organisation_sees_a_report_only_once_addressed(world):
    from xuncha.results import domain

    draft = domain.draft_result(
        world.term,
        by=world.office,
        kind="circular",
        title="巡后情况通报",
        body="通报如下。",
        recipients=[world.tree.district],
        inspections=[world.inspection],
        today=TODAY,
    )
    assert _seen(world.liaison) == set()  # a draft is the office's
    domain.issue_result(draft, by=world.office, on=TODAY)
    assert _seen(world.liaison) == {draft.pk}


def test_out_of_scope_pages_answer_404(world, client):
    report = topical_report(world)
    for user in (world.liaison, world.dept, world.other, world.admin):
        client.force_login(user)
        for name in ("results:detail", "results:docx", "results:edit"):
            assert client.get(reverse(name, args=[report.pk])).status_code == 404, (user.username, name)
    client.force_login(world.reviewer)
    assert client.get(reverse("results:detail", args=[report.pk])).status_code == 200  # positive control


def _states(world):
    states = {"draft": notice(world, issue=False)}
    states["issued"] = notice(world)
    states["issued_no_reply"] = notice(world, reply_required=False, due_on=None)
    states["replied"] = domain.reply_to_result(notice(world), by=world.dept, reply="已办理", on=TODAY)
    states["discarded"] = domain.discard_draft(notice(world, issue=False), by=world.office, reason="作废")
    states["to_leader"] = notice(world, recipients=[], leaders=[world.secretary.person])
    return states


INPUT = {
    "result.edit": lambda d: {"expected_version": d.version, "title": "改后的标题", "body": d.body},
    "result.issue": lambda d: {"on": TODAY},
    "result.discard": lambda d: {"reason": "不再发出"},
    "result.reply": lambda d: {"reply": "已按要求办理", "replied_on": TODAY},
}


def test_offering_and_taking_agree_for_every_step(world, settings):
    states = _states(world)
    names = [n for n, a in actions.REGISTRY.items() if a.model == "results.ResultDocument"]
    assert set(names) == set(INPUT)
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=TODAY + timedelta(days=1)):
        found, offered = disagreements(names, list(states.values()), world.users, lambda n, d: INPUT[n](d))
    assert found == []
    assert offered >= 5


def test_only_a_recipient_replies_and_only_where_a_reply_is_required(world):
    issued = notice(world)
    reply = actions.get("result.reply")
    assert reply.offered_to(world.dept, issued)
    assert not any(reply.offered_to(u, issued) for u in (world.office, world.liaison, world.reviewer, world.other))
    silent = notice(world, reply_required=False, due_on=None)
    assert not reply.offered_to(world.dept, silent)
    to_leader = notice(world, recipients=[], leaders=[world.secretary.person])
    assert reply.offered_to(world.secretary, to_leader)


def test_the_recipient_replies_on_the_page_and_the_office_sees_it_on_the_register(world, client):
    issued = notice(world, on=date.today() - timedelta(days=3), due_on=date.today() + timedelta(days=10))
    client.force_login(world.dept)
    page = client.get(reverse("results:detail", args=[issued.pk]))
    assert 'data-testid="reply"' in page.content.decode()
    response = client.post(
        reverse("results:reply", args=[issued.pk]), {"reply": "已牵头研究，提出整改方案", "replied_on": date.today()}
    )
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.status == ResultStatus.REPLIED and issued.replied_by == world.dept
    assert issued.reply == "已牵头研究，提出整改方案"
    client.force_login(world.office)
    register = client.get(reverse("results:list") + "?reply=replied").content.decode()
    assert issued.number in register
    detail = client.get(reverse("results:detail", args=[issued.pk])).content.decode()
    assert "已牵头研究，提出整改方案" in detail
    from xuncha.supervision.models import Notification

    assert Notification.objects.filter(user=world.office, url=reverse("results:detail", args=[issued.pk])).exists()


def test_the_register_flags_an_overdue_reply(world, client):
    overdue = notice(world, on=date(2021, 1, 5), due_on=date(2021, 2, 5))
    client.force_login(world.office)
    page = client.get(reverse("results:list") + "?reply=overdue").content.decode()
    assert overdue.number in page and "逾期未复" in page


def test_the_recipient_finds_the_reply_on_the_workbench(world):
    from xuncha.workbench.queues import QUEUES, items

    issued = notice(world)
    todos = items(QUEUES["result.reply"], world.dept).todos
    assert [t.obj.pk for t in todos] == [issued.pk] and todos[0].due == issued.due_on
    assert items(QUEUES["result.reply"], world.liaison).todos == []


def test_the_reply_deadline_is_on_the_agenda(world):
    from xuncha.workbench.agenda import deadlines

    issued = notice(world, due_on=TODAY + timedelta(days=10))
    agenda = deadlines(world.dept, today=TODAY)
    assert [d.url for d in agenda.deadlines] == [reverse("results:detail", args=[issued.pk])]


def test_figures_per_year_and_kind_are_counted_from_rows_and_link_to_them(world, client):
    notice(world)
    notice(world)
    domain.reply_to_result(notice(world), by=world.dept, reply="已办理", on=TODAY)
    topical_report(world)
    notice(world, issue=False)  # a draft is not counted
    [figures] = register_figures(results_for_user(world.office), today=TODAY + timedelta(days=60))
    counts = {k.kind: k.count for k in figures.by_kind}
    assert (figures.year, counts["notice"], counts["topical_report"], figures.total) == (2021, 3, 1, 4)
    assert (figures.overdue, figures.replied, figures.awaiting) == (2, 1, 0)
    client.force_login(world.office)
    page = client.get(reverse("results:figures")).content.decode()
    assert f'href="{reverse("results:list")}?year=2021&amp;kind=notice"' in page
    listed = client.get(reverse("results:list") + "?year=2021&kind=notice")
    assert len(listed.context["page"]) == 3


def _queries(client, path) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_list_query_count_does_not_grow_with_rows(world, client):
    client.force_login(world.office)
    notice(world, leaders=[world.secretary.person])
    one = _queries(client, reverse("results:list"))
    notice(world)
    topical_report(world)
    three = _queries(client, reverse("results:list"))
    assert one == three


def test_the_export_holds_exactly_the_filtered_rows(world, client):
    from io import BytesIO

    import openpyxl

    kept = notice(world)
    topical_report(world)
    client.force_login(world.office)
    response = client.get(reverse("results:export") + "?kind=notice")
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    numbers = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert kept.number in numbers and len(numbers) == 1


def test_the_office_drafts_on_the_form_and_issues(world, client):
    client.force_login(world.office)
    response = client.post(
        reverse("results:create"),
        {
            "kind": "notice",
            "term": world.term.pk,
            "title": "关于某事项的抄告单",
            "body": "请研究办理。",
            "recipients": [world.department.pk],
            "reply_required": "on",
            "due_on": "2030-01-01",
            "inspections": [world.inspection.pk],
        },
    )
    document = ResultDocument.objects.get(title="关于某事项的抄告单")
    assert response.status_code == 302 and document.status == ResultStatus.DRAFT
    client.post(reverse("results:issue", args=[document.pk]), {"on": date.today()})
    document.refresh_from_db()
    assert document.status == ResultStatus.ISSUED and document.number.endswith("1号")
    client.force_login(world.dept)
    assert client.get(reverse("results:create")).status_code == 404  # only an office drafts


def test_the_reminder_letter_is_one_click_from_an_inspection_with_feedback(world, client):
    client.force_login(world.office)
    page = client.get(reverse("results:list") + f"?inspection={world.inspection.pk}").content.decode()
    assert 'data-testid="draft-reminder-letter"' in page
    response = client.post(reverse("results:reminder_letter", args=[world.inspection.pk]))
    letter = ResultDocument.objects.get(kind="reminder_letter")
    assert response.status_code == 302
    assert list(letter.recipients.all()) == [world.tree.district]
    assert world.secretary.person in letter.leaders.all()  # the principal leader (书记)
    assert letter.reply_required and "整改主体责任" in letter.body
    client.force_login(world.liaison)
    assert client.post(reverse("results:reminder_letter", args=[world.inspection.pk])).status_code == 404


def test_the_document_prints_through_the_document_writer(world, client):
    from io import BytesIO

    from docx import Document

    issued = notice(world, leaders=[world.secretary.person])
    client.force_login(world.dept)
    response = client.get(reverse("results:docx", args=[issued.pk]))
    assert response.status_code == 200
    text = "".join(p.text for p in Document(BytesIO(response.content)).paragraphs).replace("\n", "")
    assert issued.title in text and issued.number in text
    assert "中共厦门市委机构编制委员会办公室、林书记同志：" in text  # 主送: organisations, then leaders


def test_edit_changes_a_draft_and_is_refused_once_issued(world):
    draft = notice(world, issue=False)
    saved = actions.take(
        "result.edit",
        draft,
        by=world.office,
        data={"expected_version": draft.version, "title": "新标题", "recipients": [world.tree.other_district]},
    )
    assert saved.title == "新标题" and list(saved.recipients.all()) == [world.tree.other_district]
    issued = notice(world)
    with pytest.raises(ValidationError):
        actions.take("result.edit", issued, by=world.office, data={"expected_version": issued.version, "title": "x"})


def test_every_step_is_audited(world):
    from xuncha.audit.models import AuditEvent

    issued = notice(world)
    domain.reply_to_result(issued, by=world.dept, reply="已办理", on=TODAY)
    codes = set(AuditEvent.objects.filter(object_id=str(issued.pk)).values_list("action", flat=True))
    assert {"results.document.drafted", "results.document.issued", "results.document.replied"} <= codes


def test_restrict_by_export_follows_view(world):
    issued = notice(world)
    assert set(results_for_user(world.dept, Action.EXPORT).values_list("pk", flat=True)) == {issued.pk}


def test_the_downloads_are_named_for_the_document(world, client):
    from tests.downloads import download_name

    issued = notice(world)
    client.force_login(world.office)
    response = client.get(reverse("results:docx", args=[issued.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert download_name(response) == (
        f"巡察重要事项办理抄告单-{issued.number}.docx",
        f"result-{issued.year}-{issued.serial}.docx",
    )


ALLEGATION = "某处长收受购物卡"
ACCUSED = "王某某"


def test_a_clue_link_never_shows_the_clue_to_a_recipient(world, client):
    from tests.api_client import bearer
    from xuncha.clues.domain import create_clue

    clue = create_clue(
        world.inspection,
        by=None,
        allegation=ALLEGATION,
        source="talk",
        received_on=date(2021, 1, 20),
        persons=[{"name": ACCUSED, "rank": "section"}],
    )
    issued = notice(world, clues=[clue])
    client.force_login(world.office)
    office_page = client.get(reverse("results:detail", args=[issued.pk])).content.decode()
    assert 'data-testid="linked-clue"' in office_page  # positive control: the office reads the clue
    client.force_login(world.dept)
    page = client.get(reverse("results:detail", args=[issued.pk])).content.decode()
    assert 'data-testid="linked-clue"' not in page and clue.reference not in page
    for secret in (ALLEGATION, ACCUSED):
        assert secret not in page
    docx = client.get(reverse("results:docx", args=[issued.pk])).content
    export = client.get(reverse("results:export")).content
    api = client.get(f"/api/v1/results/{issued.pk}", **bearer(world.dept)).json()
    assert api["clues"] == [] and ALLEGATION not in str(api)
    for blob in (docx, export):
        assert ALLEGATION.encode() not in blob and ACCUSED.encode() not in blob
    from xuncha.audit.models import AuditEvent

    events = AuditEvent.objects.filter(object_type__icontains="result")
    assert events.exists() and not any(ALLEGATION in str(e.data) or ACCUSED in str(e.data) for e in events)
