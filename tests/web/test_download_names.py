"""Every file the platform serves is named in Chinese for what it is (RFC 5987) with an ASCII
name beside it, through one helper (xuncha/web/downloads.py); no name carries case text."""

import ast
from datetime import date
from pathlib import Path

import pytest
from django.urls import get_resolver
from django.utils import timezone

import xuncha
from tests.downloads import download_name
from tests.factories import complete_measure_fields, dated_inspection, feedback_with_problems, user_with_role
from xuncha.accounts.enums import Role
from xuncha.web.downloads import ascii_name, content_disposition, dated_name, safe_name

SOURCE = Path(xuncha.__file__).parent
ALLEGATION = "反映某科长违规收受购物卡"
ACCUSED = "丁某某"
REPORTER = "王小明"


def _today() -> str:
    return f"{timezone.localdate():%Y%m%d}"


# the helper


@pytest.mark.parametrize(
    ("name", "safe", "plain"),
    [
        ("整改台账-十二届市委-20261202.xlsx", "整改台账-十二届市委-20261202.xlsx", "download-20261202.xlsx"),
        ("湖里区整改进展情况通报.docx", "湖里区整改进展情况通报.docx", "download.docx"),
        ("Café résumé.pdf", "Café résumé.pdf", "Cafe resume.pdf"),
        ("../../etc/passwd", "etc_passwd", "etc_passwd"),
        ('报告"; filename=evil.exe\r\n.docx', "报告_ filename=evil.exe.docx", "filename=evil.exe.docx"),
        ("督办通知书-湖里区-厦巡督〔2025〕3号.docx", "督办通知书-湖里区-厦巡督〔2025〕3号.docx", "download-2025_3.docx"),  # noqa: E501
        ("", "download", "download"),
    ],
)
def test_names_are_safe_on_every_system_and_have_an_ascii_stand_in(name, safe, plain):
    assert safe_name(name) == safe
    assert ascii_name(name) == plain and plain.isascii()


def test_header_carries_both_names_and_nothing_that_breaks_it():
    header = content_disposition('整改"报告\r\n.docx', fallback="report-1.docx")
    encoded = "%E6%95%B4%E6%94%B9_%E6%8A%A5%E5%91%8A.docx"  # 整改_报告.docx
    assert header == f"attachment; filename=\"report-1.docx\"; filename*=UTF-8''{encoded}"
    assert "\r" not in header and "\n" not in header


def test_long_names_are_cut_to_fit_a_file_system():
    name = dated_name("问题线索", "巡" * 200, extension="xlsx", on=date(2026, 12, 2))
    assert name.endswith(".xlsx") and len(name.encode()) <= 255


def test_dated_name_joins_what_is_given():
    assert dated_name("整改台账", "十二届市委", None, " ", extension="xlsx", on=date(2026, 12, 2)) == (
        "整改台账-十二届市委-20261202.xlsx"
    )


# one way out


def test_no_view_names_a_download_of_its_own():
    """Content-Disposition is written in one place: a download built elsewhere would miss the
    Chinese name, the ASCII one or no-store."""
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path == SOURCE / "web" / "downloads.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(SOURCE.parent)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
                key = node.slice
                if isinstance(key, ast.Constant) and str(key.value).lower() == "content-disposition":
                    offenders.append(where)
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name == "FileResponse" or any(k.arg in {"as_attachment", "filename"} for k in node.keywords):
                    offenders.append(where)
    assert offenders == []


def _download_routes() -> set[str]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return {
        route
        for route in walk(get_resolver().url_patterns)
        if route.endswith((".xlsx", ".docx", "docx/", ".pdf", "pdf/", "download/")) or route.startswith("files/")
    }


TESTED_ROUTES = {
    "orgs/export.xlsx",
    "people/export.xlsx",
    "accounts/grants/export.xlsx",
    "audit/export.xlsx",  # tests/audit/test_event_list.py
    "plans/<int:pk>/coverage.xlsx",
    "inspections/export.xlsx",
    "inspections/<int:pk>/announcement.docx",  # tests/plans/test_pages.py
    "inspections/<int:pk>/announcement.pdf",  # tests/inspections/test_announcement.py
    "findings/inspection/<int:pk>/export.xlsx",
    "talks/inspection/<int:pk>/export.xlsx",  # tests/talks/test_talks.py
    "cases/export.xlsx",  # tests/cases/test_cases.py
    "clues/export.xlsx",
    "petitions/export.xlsx",
    "petitions/fixes/export.xlsx",
    "files/<int:pk>/",  # tests/files/test_downloads.py
    "reports/inspection/<int:pk>/org/<int:org_pk>/report.docx",
    "reports/inspection/<int:pk>/org/<int:org_pk>/report.pdf",
    "ledger/export.xlsx",  # tests/ledger/test_ledger_list.py
    "ledger/inspection/<int:pk>/export.xlsx",
    "ledger/term/<int:pk>/export.xlsx",
    "ledger/jobs/<int:pk>/download/",  # tests/ledger/test_ledger_jobs.py
    "rectification/clearance/export.xlsx",  # tests/rectification/test_levels.py
    "supervision/warnings/export.xlsx",
    "supervision/documents/export.xlsx",
    "supervision/interviews/export.xlsx",
    "supervision/documents/<int:pk>/docx/",  # tests/supervision/test_supervision_docx.py
    "supervision/documents/<int:pk>/pdf/",  # tests/supervision/test_supervision_docx.py
    "supervision/accountability/export.xlsx",
    "results/export.xlsx",
    "results/<int:pk>/docx/",  # tests/results/test_results.py
    "results/<int:pk>/pdf/",  # tests/results/test_results.py
    "meetings/export.xlsx",
    "meetings/<int:pk>/minutes.docx",  # tests/meetings/test_meetings.py
    "meetings/<int:pk>/minutes.pdf",  # tests/meetings/test_minutes_pdf.py
    "surveys/<int:pk>/export.xlsx",  # tests/surveys/test_pages.py
    "surveys/windows/<int:pk>/export.xlsx",  # tests/surveys/test_pages.py
    "evaluation/terms/<int:pk>/export.xlsx",  # tests/evaluation/test_pages.py
    "appraisal/schemes/<int:pk>/export.xlsx",  # tests/appraisal/test_pages.py
    "common/<int:pk>/export.xlsx",  # tests/common/test_export_names.py
    "common/<int:pk>/checks.xlsx",  # tests/common/test_export_names.py
    "qr/pages/<int:pk>/poster.pdf",  # tests/public/test_poster.py (and its poster.png)
}


def test_every_download_route_has_its_name_tested():
    assert _download_routes() == TESTED_ROUTES


# each download


@pytest.fixture
def world(tree, settings, tmp_path):
    from xuncha.clues.domain import create_clue
    from xuncha.findings.domain import ensure_default_categories
    from xuncha.petitions.domain import receive_petition
    from xuncha.petitions.identity import Identity
    from xuncha.rectification import domain

    settings.MEDIA_ROOT = tmp_path
    ensure_default_categories()
    inspection = dated_inspection(tree, title="对思明区的常规巡察", feedback_on=date(2021, 6, 25))
    (problem,) = feedback_with_problems(inspection, 1, organisation=tree.district)
    plan = domain.start_plan(inspection, by=None, organisation=tree.district)
    domain.add_measure(plan, by=None, problems=[problem], **complete_measure_fields(tree.street))
    create_clue(
        inspection, by=None, allegation=ALLEGATION, source="talk", received_on=date(2021, 1, 20),
        persons=[{"name": ACCUSED, "rank": "section"}],
    )
    receive_petition(
        inspection, by=None, channel="letter", received_on=date(2021, 1, 15), content=f"{ALLEGATION}，举报人{REPORTER}",
        identity=Identity(name=REPORTER, phone="13800007777", workplace="", address=""),
    )
    return {"tree": tree, "inspection": inspection, "plan": plan, "office": user_with_role(Role.OFFICE, tree.city)}


@pytest.mark.parametrize(
    ("url", "role", "name", "plain"),
    [
        ("/orgs/export.xlsx", Role.OFFICE, "组织机构-{today}.xlsx", "organisations-{today}.xlsx"),
        ("/people/export.xlsx", Role.OFFICE, "人员-{today}.xlsx", "people-{today}.xlsx"),
        ("/accounts/grants/export.xlsx", Role.AUDITOR, "角色授权-{today}.xlsx", "grants-{today}.xlsx"),
        (
            "/inspections/export.xlsx?term={term}", Role.OFFICE,
            "巡察-十二届市委-{today}.xlsx", "inspections-{today}.xlsx",
        ),
        (
            "/findings/inspection/{inspection}/export.xlsx", Role.OFFICE,
            "发现问题-对思明区的常规巡察-{today}.xlsx", "findings-{today}.xlsx",
        ),
        (
            "/clues/export.xlsx?inspection={inspection}", Role.OFFICE,
            "问题线索-对思明区的常规巡察-{today}.xlsx", "clues-{today}.xlsx",
        ),
        ("/clues/export.xlsx", Role.OFFICE, "问题线索-{today}.xlsx", "clues-{today}.xlsx"),
        (
            "/petitions/export.xlsx?inspection={inspection}", Role.OFFICE,
            "信访件-对思明区的常规巡察-{today}.xlsx", "petitions-{today}.xlsx",
        ),
        ("/petitions/fixes/export.xlsx", Role.OFFICE, "立行立改-{today}.xlsx", "fixes-{today}.xlsx"),
        ("/supervision/warnings/export.xlsx", Role.OFFICE, "时限预警-{today}.xlsx", "warnings-{today}.xlsx"),
        ("/supervision/documents/export.xlsx", Role.OFFICE, "督办文书-{today}.xlsx", "documents-{today}.xlsx"),
        ("/supervision/interviews/export.xlsx", Role.OFFICE, "约谈-{today}.xlsx", "interviews-{today}.xlsx"),
        ("/meetings/export.xlsx?term={term}", Role.OFFICE, "会议-十二届市委-{today}.xlsx", "meetings-{today}.xlsx"),
        (
            "/supervision/accountability/export.xlsx", Role.OFFICE,
            "问责人员-{today}.xlsx", "accountability-{today}.xlsx",
        ),
        ("/results/export.xlsx", Role.OFFICE, "成果运用-{today}.xlsx", "results-{today}.xlsx"),
        (
            "/ledger/export.xlsx?organisation={district}", Role.OFFICE,
            "整改台账-思明区-{today}.xlsx", "measures-{today}.xlsx",
        ),
        (
            "/rectification/clearance/export.xlsx?term={term}", Role.OFFICE,
            "往届问题清零清单-十二届市委-{today}.xlsx", "clearance-{today}.xlsx",
        ),
        (
            "/plans/{term}/coverage.xlsx", Role.OFFICE,
            "巡察全覆盖-十二届市委-{today}.xlsx", "coverage-term-{term}-{today}.xlsx",
        ),
        (
            "/ledger/inspection/{inspection}/export.xlsx", Role.OFFICE,
            "对思明区的常规巡察反馈问题整改台账-{today}.xlsx", "ledger-inspection-{inspection}-{today}.xlsx",
        ),
        (
            "/ledger/term/{term}/export.xlsx", Role.OFFICE,
            "十二届市委巡察反馈问题整改总台账-{today}.xlsx", "ledger-term-{term}-{today}.xlsx",
        ),
        (
            "/reports/inspection/{inspection}/org/{district}/report.docx", Role.OFFICE,
            "思明区整改进展情况通报.docx", "progress-report-{plan}.docx",
        ),
        (
            "/reports/inspection/{inspection}/org/{district}/report.pdf", Role.OFFICE,
            "思明区整改进展情况通报.pdf", "progress-report-{plan}.pdf",
        ),
    ],
)
def test_each_download_is_named_for_what_it_holds(client, world, url, role, name, plain):
    from xuncha.orgs.models import Organisation

    tree = world["tree"]
    Organisation.objects.filter(pk=tree.district.pk).update(short_name="思明区")
    ids = {
        "term": world["inspection"].term_id,
        "inspection": world["inspection"].pk,
        "district": tree.district.pk,
        "plan": world["plan"].pk,
        "today": _today(),
    }
    client.force_login(world["office"] if role == Role.OFFICE else user_with_role(role, tree.city))
    response = client.get(url.format(**ids), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    got = download_name(response)
    assert got == (name.format(**ids), plain.format(**ids))
    assert response["Cache-Control"] == "no-store" and response["X-Content-Type-Options"] == "nosniff"
    for secret in (ALLEGATION, "购物卡", ACCUSED, REPORTER):
        assert secret not in got[0]


def test_a_filter_on_a_record_the_user_may_not_see_names_nothing(client, world, tree):
    """A district liaison asking for the ledger of the city's term gets its own rows, and a name
    that does not tell it the term's name or the inspection's title."""
    liaison = user_with_role(Role.LIAISON, tree.other_district)
    client.force_login(liaison)
    for query in (f"term={world['inspection'].term_id}", f"inspection={world['inspection'].pk}"):
        response = client.get(f"/ledger/export.xlsx?{query}", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert download_name(response)[0] == f"整改台账-{_today()}.xlsx"
    client.force_login(world["office"])  # positive control
    response = client.get(f"/ledger/export.xlsx?inspection={world['inspection'].pk}", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert download_name(response)[0] == f"整改台账-对思明区的常规巡察-{_today()}.xlsx"
